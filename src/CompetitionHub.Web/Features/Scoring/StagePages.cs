using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record StageSlot(int EntryId, int? Position, string Title, string Team);

public sealed record ConsolePage(int SessionId, int RoundId, int ContestId, string Session, string Round, LiveStage Stage,
    IReadOnlyList<StageSlot> Slots, IReadOnlyList<string> Missing, IReadOnlyList<string> JudgeNames);

/// <param name="TrackId">The track whose own rubric the line belongs to; null for a line of the shared rubric.</param>
/// <param name="WeightPercent">The line's weight in a weighted rubric (see <see cref="Rubric"/>), else null.</param>
public sealed record CriterionInput(int Id, string Name, decimal Max, decimal Step, int? TrackId, int? WeightPercent);

/// <summary>The public live page: the stage, and for a signed-in spectator the entries they already voted for.</summary>
public sealed record LivePage(LiveStage Stage, bool SignedIn, IReadOnlyList<int> Voted);

/// <param name="Criteria">Every rubric of the round (the shared one and tracks' own); the sheet shows the on-stage entry's.</param>
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
        var names = await db.EntryNamesAsync(round.ContestId, ids, ct);
        var slots = session.Slots.OrderBy(s => s.Position ?? int.MaxValue).ThenBy(s => s.Id)
            .Select(s => new StageSlot(s.EntryId, s.Position, names.Of(s.EntryId).Title, names.Of(s.EntryId).TeamName)).ToList();
        var stage = (await snapshots.BuildAsync(session.Id, ct))!;
        return new ConsolePage(session.Id, round.Id, round.ContestId, session.Name, round.LocalizedName, stage, slots, missing,
            await snapshots.PanelNamesAsync(session, ct));
    }

    public async Task<IReadOnlyList<int>> VotedAsync(int roundId, string userId, CancellationToken ct) =>
        await db.PublicVotes.Where(v => v.RoundId == roundId && v.UserId == userId).Select(v => v.EntryId).ToListAsync(ct);

    public async Task<JudgePage> JudgeAsync(RoadshowSession session, string judgeUserId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == session.RoundId, ct);
        var recused = (await recusals.ForSessionAsync(session.Id, ct)).Where(p => p.Judge == judgeUserId).Select(p => p.Entry).ToList();
        var submitted = await db.ScoreSheets.Where(s => s.RoundId == round.Id && s.JudgeUserId == judgeUserId && s.Status == SheetStatus.Submitted)
            .Select(s => s.EntryId).ToListAsync(ct);
        var criteria = Rubric.Groups(round.Criteria).SelectMany(g => g)
            .Select(c => new CriterionInput(c.Id, c.LocalizedName, c.MaxPoints, (c.StepHundredths > 0 ? c.StepHundredths : 1) / 100m,
                c.TrackId, c.WeightPercent)).ToList();
        return new JudgePage(session.Id, session.Name, round.LocalizedName, criteria, recused, submitted, (await snapshots.BuildAsync(session.Id, ct))!);
    }
}
