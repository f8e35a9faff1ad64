using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// Group commit for the roadshow: a panel submits within the same second, and each sheet must be durable before its judge
/// is answered. One loop takes every sheet waiting, and the ones still arriving (<see cref="GatherAsync"/>), stores them
/// together (<see cref="RecordScore.HandleManyAsync"/>: one set of checks, one transaction) and answers each; sheets
/// arriving meanwhile form the next group. The audience is told as each group is stored; <see cref="StageBroadcaster"/>
/// folds what is published while it sends into its next message.
/// </summary>
/// <remarks>
/// Why a single loop: the durable write is the cost, and it is paid per transaction, not per sheet, so the judges who
/// submit while a group is being stored wait for the next group rather than each starting a transaction of their own.
/// Why a group waits for sheets still arriving: a panel's sheets reach the queue over a few milliseconds, so taking only
/// those already waiting split a 50-judge panel into groups such as 1 + 49 or 24 + 26, and the second group's judges
/// and screens waited for two stores, one after the other. Held open while another sheet comes within a millisecond
/// (at most 10 ms from the first), the panel is stored as one group; a lone sheet pays the millisecond once.
/// Why no judge is answered before the commit: the answer is what lets the tablet drop its copy of the sheet.
/// Why each group is published at once rather than when the queue is drained: the broadcaster already coalesces, and a
/// group stored while the next one waits would otherwise reach the screens only after that one too (a 50-judge panel's
/// first group waited up to 70 ms so, once behind a group holding a single resend).
/// How a group is written: its new sheets with one multi-row INSERT returning their ids, their audit rows with a second,
/// and the contest's ranking stamp, in one transaction (<see cref="Data.RowInserts"/>). SaveChanges sent one INSERT per
/// row and tracked each: on SQLite, where no round trip is saved, building, binding and stepping those statements and
/// tracking the rows was most of a 50-sheet group's save of about 25 ms; the two statements and the commit take 7–17.
/// The checks are read per group too: what stays put during a scoring window from <see cref="StageFacts"/>, the stage
/// and the round's status fresh, so a sheet after "close scoring" is refused whichever instance closed it.
/// </remarks>
public sealed class StageScoreQueue(IServiceScopeFactory scopes, StageBroadcaster broadcaster, StageFacts facts,
    IStringLocalizer<SharedResource> t, ILogger<StageScoreQueue> logger) : BackgroundService
{
    private const int MaxGroup = 200;

    /// <summary>How long a group waits for one more sheet; a lone sheet waits this once.</summary>
    private static readonly TimeSpan Straggle = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest a group is held open, from its first sheet, for a panel still submitting.</summary>
    private static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(10);

    private sealed record Pending(string JudgeUserId, string? JudgeUserName, StageScore Score, CultureInfo Culture, TaskCompletionSource<ScoreOutcome> Answer);

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Answers once the sheet is stored or refused; a sheet already queued is stored even if the judge goes away.</summary>
    public Task<ScoreOutcome> SubmitAsync(string judgeUserId, string? judgeUserName, StageScore score)
    {
        var pending = new Pending(judgeUserId, judgeUserName, score, CultureInfo.CurrentUICulture, new TaskCompletionSource<ScoreOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) return Task.FromResult(Unavailable(pending.Culture));
        return pending.Answer.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                await GatherAsync(group, stoppingToken);
                // Refusals are worded in each judge's language: a group is stored per culture (almost always one).
                foreach (var byCulture in group.GroupBy(p => p.Culture))
                foreach (var session in await StoreAsync(byCulture.Key, byCulture.ToList(), stoppingToken))
                    broadcaster.PublishSheets(session);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
            // Taken or waiting but not stored when the app stops: the device keeps the sheet and sends it again.
            foreach (var left in group) left.Answer.TrySetResult(Unavailable(left.Culture));
            while (queue.Reader.TryRead(out var left)) left.Answer.TrySetResult(Unavailable(left.Culture));
        }
    }

    /// <summary>
    /// Takes the sheets waiting into <paramref name="group"/>, and more while the panel is still submitting: as long as
    /// another sheet arrives within <see cref="Straggle"/>, up to <see cref="MaxGather"/> from the first.
    /// </summary>
    private async Task GatherAsync(List<Pending> group, CancellationToken ct)
    {
        var opened = Stopwatch.GetTimestamp();
        while (true)
        {
            var before = group.Count;
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var next)) group.Add(next);
            if (group.Count == before || group.Count >= MaxGroup || Stopwatch.GetElapsedTime(opened) >= MaxGather) return;
            await Task.Delay(Straggle, ct);
        }
    }

    /// <summary>Stores a group and answers each sheet; returns the sessions whose stage changed.</summary>
    private async Task<IReadOnlyCollection<int>> StoreAsync(CultureInfo culture, List<Pending> group, CancellationToken ct)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var keys = group.Select(p => (p.Score.SessionId, p.Score.EntryId)).Distinct().ToList();
            // The entry on stage has its facts kept from the moment scoring opened, its round among them; the slot is read
            // only for an entry not known there (then the checks read everything the usual way and word the refusal).
            var roundOf = new Dictionary<(int SessionId, int EntryId), int>();
            foreach (var key in keys)
            {
                if (facts.RoundOf(key.SessionId, key.EntryId) is { } roundId) roundOf[key] = roundId;
            }
            var unknown = keys.Where(k => !roundOf.ContainsKey(k)).ToList();
            if (unknown.Count > 0)
            {
                var sessionIds = unknown.Select(k => k.SessionId).Distinct().ToList();
                var entryIds = unknown.Select(k => k.EntryId).Distinct().ToList();
                var slots = await db.SessionSlots.AsNoTracking().Where(s => sessionIds.Contains(s.SessionId) && entryIds.Contains(s.EntryId))
                    .Select(s => new { s.SessionId, s.EntryId, s.RoundId }).ToListAsync(ct);
                foreach (var s in slots) roundOf.TryAdd((s.SessionId, s.EntryId), s.RoundId);
            }

            var known = new List<Pending>();
            foreach (var p in group)
            {
                if (roundOf.ContainsKey((p.Score.SessionId, p.Score.EntryId))) known.Add(p);
                else p.Answer.TrySetResult(ScoreOutcome.Refused(t["该项目不在本场次。"]));
            }
            var requests = known.Select(p => new ScoreRequest(p.JudgeUserId, new ScoreInput(p.Score.SubmissionId,
                roundOf[(p.Score.SessionId, p.Score.EntryId)], p.Score.EntryId, p.Score.Points!, p.Score.Comment, Submit: true), p.JudgeUserName)).ToList();
            var outcomes = await scope.ServiceProvider.GetRequiredService<RecordScore>().HandleManyAsync(requests, ct, onStage: true);

            var changed = new HashSet<int>();
            for (var i = 0; i < known.Count; i++)
            {
                if (outcomes[i].Accepted && !outcomes[i].AlreadyRecorded) changed.Add(known[i].Score.SessionId);
                known[i].Answer.TrySetResult(outcomes[i]);
            }
            return changed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Storing {Count} score sheets failed", group.Count);
            foreach (var p in group) p.Answer.TrySetResult(Unavailable(culture));
            return [];
        }
    }

    private ScoreOutcome Unavailable(CultureInfo culture)
    {
        CultureInfo.CurrentUICulture = culture;
        return ScoreOutcome.Refused(t["评分暂时无法保存，请稍后重试；评分已保留在本设备上。"]) with { Retry = true };
    }
}
