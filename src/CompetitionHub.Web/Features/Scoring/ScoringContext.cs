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
    /// <summary>The judge rule for an entry of a round.</summary>
    public required Func<Round, int, JudgeAccessMap> AccessFor { get; init; }
    /// <summary>Each round's status as read for this group (the round itself may come from memory, its status never does).</summary>
    public required Dictionary<int, RoundStatus> RoundStatus { get; init; }
    public required HashSet<(int Round, int Entry, string Judge)> Assignments { get; init; }
    public required Dictionary<(int Round, int Entry), int> SessionOf { get; init; }
    public required HashSet<(int Session, string Judge)> Panels { get; init; }
    public required Dictionary<int, StageState> Stages { get; init; }
    /// <summary>Tracked: a draft found here is updated in place.</summary>
    public required Dictionary<(int Round, int Entry, string Judge), ScoreSheet> Sheets { get; init; }
    /// <summary>The sheets stored under one of the group's submission ids: those submissions were sent before.</summary>
    public required Dictionary<Guid, ScoreSheet> BySubmission { get; init; }

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
        var place = await db.Entries.Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.ContestId, e.TrackId })
            .ToDictionaryAsync(e => e.Id, e => (e.ContestId, e.TrackId), ct);

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

        var (sheets, bySubmission) = await SheetsAsync(db, requests, roundIds, entryIds, judgeIds, ct);

        return new ScoringContext
        {
            Rounds = rounds, EntryPlace = place, AccessFor = (round, _) => access[round.ContestId], Assignments = assignments,
            SessionOf = sessionOf, Panels = panels, Stages = stages, Sheets = sheets, BySubmission = bySubmission,
            RoundStatus = rounds.Values.ToDictionary(r => r.Id, r => r.Status),
        };
    }

    /// <summary>
    /// The same facts for sheets scored on stage, with what stays put during a scoring window taken from
    /// <see cref="StageFacts"/>: per group only the stages with their rounds' status (one query) and the sheets already
    /// there (one query) are read. Null when a sheet is not covered (not a roadshow entry in a session, or from a judge not
    /// on its panel): then <see cref="LoadAsync"/> checks them all and words the refusal.
    /// </summary>
    public static async Task<ScoringContext?> LoadOnStageAsync(AppDbContext db, JudgeAccess judges, StageFacts cache,
        IReadOnlyList<ScoreRequest> requests, CancellationToken ct)
    {
        var keys = requests.Select(r => (r.Input.RoundId, r.Input.EntryId)).Distinct().ToList();
        if (await cache.GetAsync(db, judges, keys, ct) is not { } facts) return null;
        if (requests.Any(r => !facts[(r.Input.RoundId, r.Input.EntryId)].Panel.Contains(r.JudgeUserId))) return null;

        var sessionIds = facts.Values.Select(f => f.SessionId).Distinct().ToList();
        var live = await (from s in db.StageStates.AsNoTracking()
                          join session in db.RoadshowSessions on s.SessionId equals session.Id
                          join round in db.Rounds on session.RoundId equals round.Id
                          where sessionIds.Contains(s.SessionId)
                          select new { Stage = s, RoundId = round.Id, round.Status }).ToListAsync(ct);
        var stages = live.ToDictionary(l => l.Stage.SessionId, l => l.Stage);
        // A session whose stage never moved takes no sheet; the usual checks say so.
        if (sessionIds.Any(id => !stages.ContainsKey(id))) return null;
        // Facts read for an older stage are read again: each organizer step, on whichever instance, renews them.
        var stale = facts.Where(f => f.Value.StageVersion != -1 && f.Value.StageVersion != stages[f.Value.SessionId].Version).ToList();
        foreach (var (key, old) in stale) cache.Forget(key, old);
        if (stale.Count > 0)
        {
            if (await cache.GetAsync(db, judges, keys, ct) is not { } renewed) return null;
            facts = renewed;
            if (requests.Any(r => !facts[(r.Input.RoundId, r.Input.EntryId)].Panel.Contains(r.JudgeUserId))) return null;
        }
        foreach (var f in facts.Values) f.StageVersion = stages[f.SessionId].Version;

        var roundIds = keys.Select(k => k.RoundId).Distinct().ToList();
        var entryIds = keys.Select(k => k.EntryId).Distinct().ToList();
        var judgeIds = requests.Select(r => r.JudgeUserId).Distinct().ToList();
        var (sheets, bySubmission) = await SheetsAsync(db, requests, roundIds, entryIds, judgeIds, ct);

        return new ScoringContext
        {
            Rounds = facts.Values.Select(f => f.Round).DistinctBy(r => r.Id).ToDictionary(r => r.Id),
            EntryPlace = facts.DistinctBy(f => f.Key.Entry).ToDictionary(f => f.Key.Entry, f => (f.Value.ContestId, f.Value.TrackId)),
            AccessFor = (round, entryId) => facts[(round.Id, entryId)].Access,
            Assignments = [],
            SessionOf = facts.ToDictionary(f => f.Key, f => f.Value.SessionId),
            Panels = facts.Values.SelectMany(f => f.Panel.Select(j => (f.SessionId, j))).ToHashSet(),
            Stages = stages,
            Sheets = sheets,
            BySubmission = bySubmission,
            RoundStatus = live.DistinctBy(l => l.RoundId).ToDictionary(l => l.RoundId, l => l.Status),
        };
    }

    /// <summary>
    /// The sheets already there for the group's (round, entry, judge), and those stored under one of its submission ids,
    /// in one query: the store's round trips are what a panel submitting at once waits on.
    /// </summary>
    private static async Task<(Dictionary<(int, int, string), ScoreSheet>, Dictionary<Guid, ScoreSheet>)> SheetsAsync(AppDbContext db,
        IReadOnlyList<ScoreRequest> requests, List<int> roundIds, List<int> entryIds, List<string> judgeIds, CancellationToken ct)
    {
        var submissionIds = requests.Select(r => r.Input.SubmissionId).Distinct().ToList();
        var found = await db.ScoreSheets
            .Where(s => (roundIds.Contains(s.RoundId) && entryIds.Contains(s.EntryId) && judgeIds.Contains(s.JudgeUserId))
                || submissionIds.Contains(s.SubmissionId))
            .ToListAsync(ct);
        var wanted = submissionIds.ToHashSet();
        return (found.ToDictionary(s => (s.RoundId, s.EntryId, s.JudgeUserId)),
            found.Where(s => wanted.Contains(s.SubmissionId)).ToDictionary(s => s.SubmissionId));
    }
}
