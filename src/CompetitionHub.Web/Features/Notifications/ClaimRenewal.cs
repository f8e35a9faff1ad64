using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Keeps a batch's claim alive while the batch is being sent: every <see cref="NotificationOptions.ClaimRenewal"/> the
/// rows still carrying the claim token are held for another <see cref="NotificationOptions.ClaimDuration"/>. It runs
/// beside the sending, with a DbContext of its own, so one slow message (a server that answers at the last moment of
/// its timeout) cannot let the claim lapse and hand the rest to another sender. Rows already settled no longer carry the
/// token and are left alone. Claims can therefore be short, and a sender that died frees its rows soon after.
/// </summary>
internal sealed class ClaimRenewal : IAsyncDisposable
{
    private readonly IServiceScopeFactory scopes;
    private readonly Guid token;
    private readonly NotificationOptions settings;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long heldUntilTicks;

    public ClaimRenewal(IServiceScopeFactory scopes, Guid token, DateTime heldUntil, NotificationOptions settings, TimeProvider clock, ILogger logger)
    {
        this.scopes = scopes;
        this.token = token;
        this.settings = settings;
        this.clock = clock;
        this.logger = logger;
        heldUntilTicks = heldUntil.Ticks;
        loop = Task.Run(RenewAsync);
    }

    /// <summary>Until when the rows are surely ours: the claim as last stored.</summary>
    public DateTime HeldUntil => new(Interlocked.Read(ref heldUntilTicks), DateTimeKind.Utc);

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(settings.ClaimRenewal, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var until = clock.GetUtcNow().UtcDateTime + settings.ClaimDuration;
                    await db.Notifications
                        .Where(n => n.ClaimToken == token)
                        .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, until), stop.Token);
                    Interlocked.Exchange(ref heldUntilTicks, until.Ticks);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // The sender stops before the claim it last stored runs out (see HeldUntil).
                    logger.LogWarning(e, "Could not renew notification claim {ClaimToken}", token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
