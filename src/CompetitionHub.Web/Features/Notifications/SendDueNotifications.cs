using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using Hangfire;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// The Hangfire job that drains the outbox: it claims the rows that are due, sends them over one transport session
/// while renewing its claim, and records each outcome as soon as it is known. Enqueued after every save that adds
/// mail, scheduled again for retries, and run by the recurring sweeper for reminders and for rows whose job was lost.
/// </summary>
/// <remarks>
/// Hangfire's own retries are off: a failed message is retried per row, with our back-off, until the retry horizon;
/// see <see cref="DeliveryFailures"/> for what fails a row at once.
/// </remarks>
[AutomaticRetry(Attempts = 0)]
public sealed class SendDueNotifications(
    AppDbContext db,
    IMailTransport transport,
    EmailTemplates templates,
    IOptions<NotificationOptions> options,
    IOptions<SmtpOptions> smtpOptions,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    LiveEvents live,
    IServiceScopeFactory scopes,
    ILogger<SendDueNotifications> logger)
{
    public const string SweeperJobId = "notifications:send-due";
    private const int MaxErrorLength = 1000;

    private readonly NotificationOptions settings = options.Value;
    private readonly SmtpOptions smtp = smtpOptions.Value;
    private DateTime? earliestRetry;

    /// <summary>Sends everything due now; returns how many messages the transport accepted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var sent = 0;
        var touched = false;
        IMailSession? session = null;
        try
        {
            while (true)
            {
                var (token, batch) = await ClaimBatchAsync(ct);
                if (batch.Count == 0)
                    break;
                touched = true;
                var renewal = new ClaimRenewal(scopes, token, batch.Min(n => n.ClaimedUntil!.Value), settings, clock, logger);
                try
                {
                    session ??= await OpenSessionAsync(token, batch, ct);
                    if (session is null)
                        break;
                    var (batchSent, stopped) = await SendBatchAsync(session, token, batch, renewal, ct);
                    sent += batchSent;
                    if (stopped || batch.Count < settings.BatchSize)
                        break;
                }
                finally
                {
                    await renewal.DisposeAsync();
                    // Whatever this batch did not settle (cancellation, lost connection) is free for the next run.
                    await ReleaseAsync(token);
                }
            }
        }
        finally
        {
            if (session is not null)
                await session.DisposeAsync();
        }

        if (touched)
        {
            ScheduleRetry();
            await PublishStatusAsync(ct);
        }
        return sent;
    }

    /// <summary>
    /// Takes up to a batch of due rows for this run alone. The conditional update is what makes it safe:
    /// a row another sender claimed between our read and our update no longer matches, so it is not ours.
    /// </summary>
    internal async Task<(Guid Token, List<Notification> Rows)> ClaimBatchAsync(CancellationToken ct)
    {
        var now = Now;
        var token = Guid.NewGuid();
        var until = now + settings.ClaimDuration;
        var candidates = await db.Notifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now
                        && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .Take(settings.BatchSize)
            .ToListAsync(ct);
        if (candidates.Count == 0)
            return (token, []);

        await db.Notifications
            .Where(n => candidates.Contains(n.Id) && n.Status == NotificationStatus.Pending
                        && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.ClaimToken, token)
                .SetProperty(n => n.ClaimedUntil, until), ct);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.ClaimToken == token)
            .OrderBy(n => n.Id)
            .ToListAsync(ct);
        return (token, rows);
    }

    private async Task<IMailSession?> OpenSessionAsync(Guid token, List<Notification> batch, CancellationToken ct)
    {
        try
        {
            return await transport.OpenAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not reach {MailDestination}; {Count} message(s) will be retried", transport.Destination, batch.Count);
            foreach (var row in batch)
                await RecordFailureAsync(row, token, e, ct);
            return null;
        }
    }

    /// <returns>How many the server accepted, and whether the rest of the batch must wait for a later run.</returns>
    private async Task<(int Sent, bool Stopped)> SendBatchAsync(IMailSession session, Guid token, List<Notification> batch,
        ClaimRenewal claim, CancellationToken ct)
    {
        var sent = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            // Renewals have been failing: stop while the rows are surely ours, before another sender may take them over.
            if (Now >= claim.HeldUntil - settings.ClaimRenewal)
            {
                logger.LogWarning("The claim on {Count} notification(s) could not be renewed; they wait for the next run", batch.Count - i);
                return (sent, true);
            }

            MimeMessage message;
            try
            {
                message = await BuildMessageAsync(row);
            }
            catch (Exception e) when (e is InvalidOperationException or ParseException or System.Text.Json.JsonException or ArgumentException)
            {
                logger.LogError(e, "Notification {NotificationId} ({Template}) could not be rendered", row.Id, row.Template);
                await RecordFailureAsync(row, token, e, ct);
                continue;
            }

            try
            {
                await session.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                switch (DeliveryFailures.Classify(e))
                {
                    case DeliveryFailure.RecipientRefused:
                        logger.LogWarning(e, "{MailDestination} refused recipient {Recipient} of notification {NotificationId} for good",
                            transport.Destination, LogMask.Email(row.Recipient), row.Id);
                        await RecordFailureAsync(row, token, e, ct, permanent: true);
                        continue;
                    case DeliveryFailure.MessageDeferred:
                        logger.LogWarning(e, "{MailDestination} did not take notification {NotificationId} to {Recipient}; it will be retried",
                            transport.Destination, row.Id, LogMask.Email(row.Recipient));
                        await RecordFailureAsync(row, token, e, ct);
                        continue;
                    case DeliveryFailure.SenderRefused:
                        // The same refusal awaits every message of the batch over this connection: all of them wait their turn.
                        logger.LogWarning(e, "{MailDestination} refused the sender; {Count} message(s) will be retried",
                            transport.Destination, batch.Count - i);
                        foreach (var waiting in batch.Skip(i))
                            await RecordFailureAsync(waiting, token, e, ct);
                        return (sent, true);
                    default:
                        logger.LogWarning(e, "Lost {MailDestination} while sending notification {NotificationId}; the rest of the batch waits for the next run",
                            transport.Destination, row.Id);
                        await RecordFailureAsync(row, token, e, ct);
                        return (sent, true);
                }
            }

            // Saved per message, right after the server accepted it: a crash from here on re-sends at most this one,
            // and the receiver can tell it is the same message by its Message-Id.
            var now = Now;
            var marked = await db.Notifications
                .Where(n => n.Id == row.Id && n.ClaimToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, NotificationStatus.Sent)
                    .SetProperty(n => n.SentAt, now)
                    .SetProperty(n => n.Attempts, row.Attempts + 1)
                    .SetProperty(n => n.FirstAttemptAt, row.FirstAttemptAt ?? now)
                    .SetProperty(n => n.ClaimToken, (Guid?)null)
                    .SetProperty(n => n.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            if (marked == 0)
                logger.LogWarning("Notification {NotificationId} was sent after its claim expired", row.Id);
            sent++;
            logger.LogInformation("Sent notification {NotificationId} ({Template}, {Culture}) to {Recipient} as {MessageId}",
                row.Id, row.Template, row.Culture, LogMask.Email(row.Recipient), row.MessageId);
        }
        return (sent, false);
    }

    private async Task<MimeMessage> BuildMessageAsync(Notification row)
    {
        var email = await templates.RenderAsync(row.Template, row.Culture, row.PayloadJson);
        var message = new MimeMessage
        {
            MessageId = row.MessageId,
            Subject = email.Subject,
            Date = clock.GetUtcNow(),
        };
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        AddInlineQrCode(body, row.PayloadJson);
        message.Body = body.ToMessageBody();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        message.To.Add(new MailboxAddress(row.RecipientName ?? "", row.Recipient));
        // RFC 3834: tells auto-responders not to answer.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>
    /// A payload with <see cref="InlineQrProperty"/> gets that text as a QR code PNG inline in the HTML part
    /// (Content-Id <see cref="InlineQrContentId"/>, shown by <c>&lt;img src="cid:..."&gt;</c>) so a ticket scans from the mail itself.
    /// </summary>
    private static void AddInlineQrCode(BodyBuilder body, string payloadJson)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(string.IsNullOrWhiteSpace(payloadJson) ? "{}" : payloadJson);
        if (payload.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
            || !payload.RootElement.TryGetProperty(InlineQrProperty, out var qr) || qr.GetString() is not { Length: > 0 } text)
            return;
        var image = body.LinkedResources.Add("ticket-qr.png", Infrastructure.QrCodes.Png(text), new ContentType("image", "png"));
        image.ContentId = InlineQrContentId;
    }

    public const string InlineQrProperty = "inlineQr";
    public const string InlineQrContentId = "ticket-qr@competitionhub";

    /// <summary>
    /// Records a failed attempt. The row is tried again after the next delay, but never later than its horizon
    /// (<see cref="NotificationOptions.RetryHorizon"/> after its first attempt), so the last attempt falls on it; an
    /// attempt that fails at or past the horizon, or a recipient refused for good, leaves the row Failed.
    /// </summary>
    private async Task RecordFailureAsync(Notification row, Guid token, Exception error, CancellationToken ct, bool permanent = false)
    {
        var now = Now;
        var attempts = row.Attempts + 1;
        var firstAttempt = row.FirstAttemptAt ?? now;
        var horizon = firstAttempt + settings.RetryHorizon;
        var giveUp = permanent || now >= horizon;
        var delayed = now + settings.DelayAfter(attempts);
        var next = delayed < horizon ? delayed : horizon;
        var message = error is SmtpCommandException smtpError
            ? $"SMTP {(int)smtpError.StatusCode} ({smtpError.ErrorCode}): {smtpError.Message}"
            : $"{error.GetType().Name}: {error.Message}";
        if (message.Length > MaxErrorLength)
            message = message[..MaxErrorLength];

        await db.Notifications
            .Where(n => n.Id == row.Id && n.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.FirstAttemptAt, firstAttempt)
                .SetProperty(n => n.LastError, message)
                .SetProperty(n => n.Status, giveUp ? NotificationStatus.Failed : NotificationStatus.Pending)
                .SetProperty(n => n.NextAttemptAt, next)
                .SetProperty(n => n.ClaimToken, (Guid?)null)
                .SetProperty(n => n.ClaimedUntil, (DateTime?)null), ct);

        if (giveUp && !permanent)
        {
            logger.LogError("Gave up on notification {NotificationId} to {Recipient} after {Attempts} attempts since {FirstAttemptAt:O}: {Error}",
                row.Id, LogMask.Email(row.Recipient), attempts, firstAttempt, LogMask.EmailsIn(message));
        }
        else if (!giveUp && (earliestRetry is null || next < earliestRetry))
        {
            earliestRetry = next;
        }
    }

    private async Task ReleaseAsync(Guid token)
    {
        try
        {
            await db.Notifications
                .Where(n => n.ClaimToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.ClaimToken, (Guid?)null)
                    .SetProperty(n => n.ClaimedUntil, (DateTime?)null));
        }
        catch (Exception e)
        {
            // The claims expire on their own after ClaimDuration.
            logger.LogWarning(e, "Could not release notification claim {ClaimToken}", token);
        }
    }

    private void ScheduleRetry()
    {
        if (earliestRetry is not { } at)
            return;
        try
        {
            // A delay rather than an instant: it stays right when the application's clock is not the wall clock.
            // One second more because Hangfire files a scheduled job under its whole second, rounded down, and may
            // start it up to a second early: a run before the row is due finds nothing, schedules nothing, and the
            // retry would wait for the sweeper.
            jobs.Schedule<SendDueNotifications>(j => j.RunAsync(CancellationToken.None), at - Now + TimeSpan.FromSeconds(1));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not schedule the notification retry for {RetryAt}; the sweeper will pick it up", at);
        }
    }

    private async Task PublishStatusAsync(CancellationToken ct)
    {
        try
        {
            var counts = await OutboxCounts.ReadAsync(db, ct);
            await live.ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(counts.Pending, counts.Sent, counts.Failed, clock.GetUtcNow().UtcTicks), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The dashboard is a view; the mail has gone either way.
            logger.LogWarning(e, "Could not publish the outbox status");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
