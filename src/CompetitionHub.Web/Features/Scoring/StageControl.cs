using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>The organizer's steps on the console; each one moves the stage from the phase it was in.</summary>
public enum StageStep { Next, Qa, OpenScoring, CloseScoring, Reveal, Finish }

/// <summary>The outcome of a step: on a refusal to close, <see cref="Missing"/> names the judges not yet submitted.</summary>
public sealed record StageResult(bool Succeeded, string? Error, IReadOnlyList<string> Missing)
{
    public static StageResult Ok { get; } = new(true, null, []);
    public static StageResult Refused(string error, IReadOnlyList<string>? missing = null) => new(false, error, missing ?? []);
}

/// <summary>
/// Runs a roadshow session's stage (主持台): next entry in the drawn order, pitch, Q&amp;A, scoring open and closed, the
/// reveal (亮分). Every step names the <see cref="StageState.Version"/> it was decided on and is stored only if the stage
/// is still at that version, so two organizers clicking at once cannot both move it. Each step is audited and broadcast.
/// </summary>
public sealed class StageControl(AppDbContext db, Recusals recusals, AuditLog audit, StageBroadcaster broadcaster,
    StageFacts facts, JudgeAccess judges, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<StageControl> logger)
{
    public async Task<StageResult> HandleAsync(int sessionId, StageStep step, long expectedVersion, bool closeAnyway, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.AsNoTracking().Include(s => s.Slots).Include(s => s.Panel)
            .AsSplitQuery().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return StageResult.Refused(t["路演场次不存在。"]);

        var stage = await db.StageStates.SingleOrDefaultAsync(s => s.SessionId == sessionId, ct);
        if (stage is null)
        {
            stage = new StageState { SessionId = sessionId, Phase = StagePhase.Idle, Version = 0 };
            db.StageStates.Add(stage);
        }
        if (stage.Version != expectedVersion) return Conflict();

        var before = new { phase = stage.Phase.ToString(), stage.EntryId };
        var refusal = step switch
        {
            StageStep.Next => Next(session, stage),
            StageStep.Qa => Move(stage, [StagePhase.Pitch], StagePhase.Qa),
            StageStep.OpenScoring => Move(stage, [StagePhase.Pitch, StagePhase.Qa], StagePhase.Scoring),
            StageStep.CloseScoring => await CloseAsync(session, stage, closeAnyway, ct),
            StageStep.Reveal => await RevealAsync(session, stage, ct),
            StageStep.Finish => Move(stage, [StagePhase.Idle, StagePhase.Revealed], StagePhase.Finished),
            _ => StageResult.Refused(t["无效的操作。"]),
        };
        if (refusal is not null) return refusal;

        stage.PhaseStartedAt = clock.GetUtcNow().UtcDateTime;
        // The version is the stage's clock: screens drop any message older than what they show, the step forms carry it
        // so a second organizer's click on a moved stage is refused, and StageFacts re-reads what it keeps for a live
        // sheet whenever it moved. So every step raises it, even one that changes nothing the audience sees.
        stage.Version = expectedVersion + 1;
        var contestId = await db.Rounds.Where(r => r.Id == session.RoundId).Select(r => r.ContestId).SingleAsync(ct);
        audit.Record(contestId, nameof(StageState), sessionId, step.ToString(), before, new { phase = stage.Phase.ToString(), stage.EntryId, closeAnyway });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.VersionConflict or DatabaseError.UniqueViolation)
        {
            // Another organizer moved the stage first (a changed version, or the first row inserted twice).
            db.ChangeTracker.Clear();
            return Conflict();
        }
        logger.LogInformation("Session {SessionId} stage: {Step} -> {Phase}, entry {EntryId}, version {Version}",
            sessionId, step, stage.Phase, stage.EntryId, stage.Version);
        broadcaster.Publish(sessionId);
        if (step == StageStep.OpenScoring && stage.EntryId is { } onStage) await WarmFactsAsync(session.RoundId, onStage, stage.Version, ct);
        return StageResult.Ok;
    }

    /// <summary>
    /// The panel's sheets follow "open scoring" within seconds, most of them together: what they are checked against is
    /// read now, while the organizer's step is answered, rather than by the first group while the judges wait.
    /// </summary>
    private async Task WarmFactsAsync(int roundId, int entryId, long version, CancellationToken ct)
    {
        try
        {
            await facts.WarmAsync(db, judges, roundId, entryId, version, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The step is stored and broadcast; the first sheets then read the checks themselves.
            logger.LogWarning(ex, "Could not read the scoring checks of entry {EntryId} in round {RoundId} ahead", entryId, roundId);
        }
    }

    private StageResult Conflict() => StageResult.Refused(t["舞台状态已被其他人更新，请查看当前状态后再操作。"]);

    private StageResult? Move(StageState stage, StagePhase[] from, StagePhase to)
    {
        if (!from.Contains(stage.Phase)) return StageResult.Refused(t["当前阶段不能执行该操作。"]);
        stage.Phase = to;
        return null;
    }

    /// <summary>The next entry in the drawn order goes on stage and starts its pitch; after the last one the session ends.</summary>
    private StageResult? Next(RoadshowSession session, StageState stage)
    {
        if (stage.Phase is not (StagePhase.Idle or StagePhase.Revealed)) return StageResult.Refused(t["当前项目尚未亮分，不能进入下一个项目。"]);
        if (session.Slots.Count == 0) return StageResult.Refused(t["本场次没有项目。"]);
        if (session.Slots.Any(s => s.Position is null)) return StageResult.Refused(t["请先抽签确定出场顺序。"]);
        var order = session.Slots.OrderBy(s => s.Position).ToList();
        var current = stage.EntryId is { } id ? order.FindIndex(s => s.EntryId == id) : -1;
        if (current + 1 >= order.Count)
        {
            stage.Phase = StagePhase.Finished;
            stage.EntryId = null;
            return null;
        }
        stage.EntryId = order[current + 1].EntryId;
        stage.Phase = StagePhase.Pitch;
        return null;
    }

    private async Task<StageResult?> CloseAsync(RoadshowSession session, StageState stage, bool closeAnyway, CancellationToken ct)
    {
        if (stage.Phase != StagePhase.Scoring || stage.EntryId is not { } entryId) return StageResult.Refused(t["当前阶段不能执行该操作。"]);
        var missing = await MissingAsync(session, entryId, ct);
        if (missing.Count > 0 && !closeAnyway)
            return StageResult.Refused(t["以下评委尚未提交评分：{0}。确认仍要结束评分吗？", string.Join(t["、"], missing)], missing);
        stage.Phase = StagePhase.Closed;
        return null;
    }

    /// <summary>Display names of the panel judges who are not recused and have not submitted for the entry.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(RoadshowSession session, int entryId, CancellationToken ct)
    {
        var recused = await recusals.ForSessionAsync(session.Id, ct);
        var expected = session.Panel.Select(j => j.JudgeUserId).Where(j => !recused.Contains((j, entryId))).ToList();
        var submitted = await db.ScoreSheets.Where(s => s.RoundId == session.RoundId && s.EntryId == entryId && s.Status == SheetStatus.Submitted)
            .Select(s => s.JudgeUserId).ToListAsync(ct);
        var missing = expected.Except(submitted).ToList();
        return await db.Users.Where(u => missing.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);
    }

    /// <summary>亮分: the round's method over the submitted sheets of the non-recused panel judges, stored once per entry.</summary>
    private async Task<StageResult?> RevealAsync(RoadshowSession session, StageState stage, CancellationToken ct)
    {
        if (stage.Phase != StagePhase.Closed || stage.EntryId is not { } entryId) return StageResult.Refused(t["当前阶段不能执行该操作。"]);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == session.RoundId, ct);
        var recused = await recusals.ForSessionAsync(session.Id, ct);
        var panel = session.Panel.Select(j => j.JudgeUserId).Where(j => !recused.Contains((j, entryId))).ToList();
        var totals = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.RoundId == round.Id && s.EntryId == entryId && s.Status == SheetStatus.Submitted && panel.Contains(s.JudgeUserId))
            .Select(s => s.EffectiveTotalHundredths).ToListAsync(ct);
        if (totals.Count == 0) return StageResult.Refused(t["没有已提交的评分，不能亮分。"]);
        if (await db.EntryScores.AnyAsync(s => s.RoundId == round.Id && s.EntryId == entryId, ct))
            return StageResult.Refused(t["该项目在本赛段已经亮分。"]);

        var result = ScoreAggregator.Aggregate(totals, round.Aggregation, round.TrimMinJudges, round.TrimCount);
        db.EntryScores.Add(new EntryScore
        {
            RoundId = round.Id, EntryId = entryId, ScoreHundredths = result.ScoreHundredths, Method = round.Aggregation.ToString(),
            JudgeCount = result.Counted, DroppedCount = result.Dropped,
            // Shuffled by sorting: the order of the totals must not hint at which judge gave which.
            JudgeTotalsHundredths = totals.Order().ToList(), RevealedAt = clock.GetUtcNow().UtcDateTime,
        });
        stage.Phase = StagePhase.Revealed;
        return null;
    }
}
