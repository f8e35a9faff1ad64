using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// What <see cref="RecordScore"/> checks a group of sheets against, read with one query per kind of fact whatever the
/// number of sheets: rounds and rubrics, entries, the judge rule, assignments, panels, stages and the sheets already there.
/// </summary>
internal sealed class ScoringContext
{
    public required Dictionary<int, Round> Rounds { get; init; }
    public required Dictionary<int, (int Contest, int Track)> EntryPlace { get; init; }
    /// <summary>The judge rule, per contest of the rounds.</summary>
    public required Dictionary<int, JudgeAccessMap> Access { get; init; }
    public required HashSet<(int Round, int Entry, string Judge)> Assignments { get; init; }
    public required Dictionary<(int Round, int Entry), int> SessionOf { get; init; }
    public required HashSet<(int Session, string Judge)> Panels { get; init; }
    public required Dictionary<int, StageState> Stages { get; init; }
    /// <summary>Tracked: a draft found here is updated in place.</summary>
    public required Dictionary<(int Round, int Entry, string Judge), ScoreSheet> Sheets { get; init; }

    public bool EntryInContest(int entryId, int contestId) => EntryPlace.TryGetValue(entryId, out var p) && p.Contest == contestId;

    /// <summary>The lines the entry is scored on: its track's own rubric, or the round's shared one.</summary>
    public IReadOnlyList<RubricCriterion> RubricOf(Round round, int entryId) =>
        Rubric.ForTrack(round.Criteria, EntryPlace.TryGetValue(entryId, out var p) ? p.Track : null);

    public static async Task<ScoringContext> LoadAsync(AppDbContext db, JudgeAccess judges, IReadOnlyList<ScoreRequest> requests, CancellationToken ct)
    {
        var roundIds = requests.Select(r => r.Input.RoundId).Distinct().ToList();
        var entryIds = requests.Select(r => r.Input.EntryId).Distinct().ToList();
        var judgeIds = requests.Select(r => r.JudgeUserId).Distinct().ToList();

        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Criteria).Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var place = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (e.ContestId, e.TrackId), ct);

        var access = new Dictionary<int, JudgeAccessMap>();
        foreach (var contestId in rounds.Values.Select(r => r.ContestId).Distinct())
            access[contestId] = await judges.MapAsync(contestId, judgeIds, entryIds, ct);

        var onlineRounds = rounds.Values.Where(r => r.Kind == RoundKind.OnlineReview).Select(r => r.Id).ToList();
        var assignments = onlineRounds.Count == 0 ? [] : (await db.ReviewAssignments.AsNoTracking()
                .Where(a => onlineRounds.Contains(a.RoundId) && entryIds.Contains(a.EntryId) && judgeIds.Contains(a.JudgeUserId))
                .Select(a => new { a.RoundId, a.EntryId, a.JudgeUserId }).ToListAsync(ct))
            .Select(a => (a.RoundId, a.EntryId, a.JudgeUserId)).ToHashSet();

        var stageRounds = rounds.Values.Where(r => r.Kind == RoundKind.Roadshow).Select(r => r.Id).ToList();
        var sessionOf = new Dictionary<(int, int), int>();
        HashSet<(int, string)> panels = [];
        var stages = new Dictionary<int, StageState>();
        if (stageRounds.Count > 0)
        {
            var slots = await db.SessionSlots.AsNoTracking().Where(s => stageRounds.Contains(s.RoundId) && entryIds.Contains(s.EntryId))
                .Select(s => new { s.RoundId, s.EntryId, s.SessionId }).ToListAsync(ct);
            foreach (var s in slots) sessionOf.TryAdd((s.RoundId, s.EntryId), s.SessionId);
            var sessionIds = slots.Select(s => s.SessionId).Distinct().ToList();
            panels = (await db.SessionJudges.AsNoTracking().Where(j => sessionIds.Contains(j.SessionId) && judgeIds.Contains(j.JudgeUserId))
                .Select(j => new { j.SessionId, j.JudgeUserId }).ToListAsync(ct)).Select(j => (j.SessionId, j.JudgeUserId)).ToHashSet();
            stages = await db.StageStates.AsNoTracking().Where(s => sessionIds.Contains(s.SessionId)).ToDictionaryAsync(s => s.SessionId, ct);
        }

        var sheets = (await db.ScoreSheets.Where(s => roundIds.Contains(s.RoundId) && entryIds.Contains(s.EntryId) && judgeIds.Contains(s.JudgeUserId))
            .ToListAsync(ct)).ToDictionary(s => (s.RoundId, s.EntryId, s.JudgeUserId));

        return new ScoringContext
        {
            Rounds = rounds, EntryPlace = place, Access = access, Assignments = assignments, SessionOf = sessionOf,
            Panels = panels, Stages = stages, Sheets = sheets,
        };
    }
}
