using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record StageSlot(int EntryId, int? Position, string Title, string Team);

public sealed record ConsolePage(int SessionId, int RoundId, int ContestId, string Session, string Round, LiveStage Stage,
    IReadOnlyList<StageSlot> Slots, IReadOnlyList<string> Missing, IReadOnlyList<string> JudgeNames);

/// <summary>A criterion of the live sheet; <see cref="Weight"/> (percent) is null when the rubric is unweighted.</summary>
public sealed record CriterionInput(int Id, string Name, decimal Max, decimal Step, int? Weight = null);

public sealed record JudgePage(int SessionId, string Session, string Round, IReadOnlyList<CriterionInput> Criteria,
    IReadOnlyList<int> RecusedEntries, IReadOnlyList<int> SubmittedEntries, LiveStage Stage);

/// <summary>Reads what the console, the judge's tablet and the live pages render before their first broadcast.</summary>
public sealed class StagePages(AppDbContext db, StageSnapshots snapshots, Recusals recusals)
{
    public Task<RoadshowSession?> SessionAsync(int sessionId, CancellationToken ct) =>
        db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == sessionId, ct);

    public Task<int> ContestOfAsync(RoadshowSession session, CancellationToken ct) =>
        db.Rounds.Where(r => r.Id == session.RoundId).Select(r => r.ContestId).SingleAsync(ct);

    public async Task<ConsolePage> ConsoleAsync(RoadshowSession session, IReadOnlyList<string> missing, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == session.RoundId, ct);
        var ids = session.Slots.Select(s => s.EntryId).ToList();
        var titles = await db.Entries.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title, Team = e.Team.Name }).ToDictionaryAsync(e => e.Id, ct);
        var slots = session.Slots.OrderBy(s => s.Position ?? int.MaxValue).ThenBy(s => s.Id)
            .Select(s => new StageSlot(s.EntryId, s.Position, titles[s.EntryId].Title, titles[s.EntryId].Team)).ToList();
        var stage = (await snapshots.BuildAsync(session.Id, ct))!;
        return new ConsolePage(session.Id, round.Id, round.ContestId, session.Name, round.LocalizedName, stage, slots, missing,
            await snapshots.PanelNamesAsync(session, ct));
    }

    public async Task<JudgePage> JudgeAsync(RoadshowSession session, string judgeUserId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == session.RoundId, ct);
        var recused = (await recusals.ForSessionAsync(session.Id, ct)).Where(p => p.Judge == judgeUserId).Select(p => p.Entry).ToList();
        var submitted = await db.ScoreSheets.Where(s => s.RoundId == round.Id && s.JudgeUserId == judgeUserId && s.Status == SheetStatus.Submitted)
            .Select(s => s.EntryId).ToListAsync(ct);
        var criteria = round.Criteria.OrderBy(c => c.Sequence)
            .Select(c => new CriterionInput(c.Id, c.LocalizedName, c.MaxPoints, (c.StepHundredths > 0 ? c.StepHundredths : 1) / 100m, c.WeightPercent)).ToList();
        return new JudgePage(session.Id, session.Name, round.LocalizedName, criteria, recused, submitted, (await snapshots.BuildAsync(session.Id, ct))!);
    }
}
