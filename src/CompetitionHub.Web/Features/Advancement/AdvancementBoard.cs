using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Advancement;

public sealed record BoardEntry(int EntryId, string Title, string TeamName, int? Rank, int? ScoreHundredths, bool Tied,
    EntryStatus Status, AdvancementOutcome? Outcome)
{
    public string Score => ScoreHundredths is { } s ? (s / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}

/// <summary>One track of the round: its quota, its ranking cut by the quota, and after confirmation what was decided.</summary>
public sealed record TrackBoard(int TrackId, string TrackName, TrackAdvancement? Setting, IReadOnlyList<BoardEntry> Entries,
    CutLine? Cut, int Vacancies, IReadOnlyList<int> NextInLine)
{
    public bool Confirmed => Setting?.ConfirmedAt is not null;
    public int? TiedRank => Cut is { HasTie: true } cut ? Entries.First(e => e.EntryId == cut.TiedAtLine[0]).Rank : null;
}

public sealed record AdvancementBoard(int ContestId, string ContestName, Round Round, Round? NextRound, bool NextStarted,
    IReadOnlyList<TrackBoard> Tracks);

/// <summary>
/// Reads what the advancement page and its use cases decide on. Before confirmation a track's entries are those still in
/// the contest (approved or advanced from an earlier round), in ranking order, then those nobody scored; afterwards the
/// stored outcomes, so the page shows what was decided even if scores were corrected later.
/// </summary>
public sealed class LoadAdvancementBoard(AppDbContext db, RoundRanking rankings, TimeProvider clock)
{
    public async Task<AdvancementBoard?> HandleAsync(int contestId, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return null;
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var next = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId && r.Sequence > round.Sequence)
            .OrderBy(r => r.Sequence).FirstOrDefaultAsync(ct);
        var ranking = await rankings.ComputeAsync(roundId, ct);
        var settings = await db.TrackAdvancements.AsNoTracking().Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.TrackId, ct);
        var outcomes = await db.AdvancementOutcomes.AsNoTracking().Where(o => o.RoundId == roundId).ToListAsync(ct);
        var statuses = AssignmentState.AssignableStatuses;
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contestId && (statuses.Contains(e.Status) || db.AdvancementOutcomes.Any(o => o.RoundId == roundId && o.EntryId == e.Id)))
            .Select(e => new { e.Id, e.TrackId, e.Title, Team = e.Team.Name, e.Status })
            .ToDictionaryAsync(e => e.Id, ct);

        var tracks = new List<TrackBoard>();
        foreach (var group in ranking?.Groups ?? [])
        {
            var setting = settings.GetValueOrDefault(group.TrackId);
            var rows = new List<BoardEntry>();
            if (setting?.ConfirmedAt is not null)
            {
                foreach (var o in outcomes.Where(o => o.TrackId == group.TrackId).OrderBy(o => o.Rank ?? int.MaxValue).ThenBy(o => o.EntryId))
                {
                    var e = entries[o.EntryId];
                    var tied = o.Rank is not null && outcomes.Count(x => x.TrackId == group.TrackId && x.Rank == o.Rank) > 1;
                    rows.Add(new BoardEntry(o.EntryId, e.Title, e.Team, o.Rank, o.ScoreHundredths, tied, e.Status, o));
                }
            }
            else
            {
                var inTrack = entries.Values.Where(e => e.TrackId == group.TrackId && statuses.Contains(e.Status)).ToList();
                foreach (var r in group.Entries.Where(r => inTrack.Any(e => e.Id == r.EntryId)))
                {
                    var e = entries[r.EntryId];
                    rows.Add(new BoardEntry(r.EntryId, e.Title, e.Team, r.Rank, r.ScoreHundredths, r.Tied, e.Status, null));
                }
                foreach (var e in inTrack.Where(e => group.Entries.All(r => r.EntryId != e.Id)).OrderBy(e => e.Id))
                    rows.Add(new BoardEntry(e.Id, e.Title, e.Team, null, null, false, e.Status, null));
            }

            CutLine? cut = setting is null ? null : CutLine.Compute([.. rows.Select(r => new Placed(r.EntryId, r.Rank))], setting.Quota);
            var vacancies = 0;
            IReadOnlyList<int> nextInLine = [];
            if (setting?.ConfirmedAt is not null)
            {
                var advanced = rows.Where(r => r.Outcome!.Advanced).ToList();
                vacancies = advanced.Count(r => !r.Outcome!.Backfilled) - advanced.Count(r => r.Status != EntryStatus.Withdrawn);
                nextInLine = Backfill.NextInLine([.. rows.Where(r => !r.Outcome!.Advanced && r.Status == EntryStatus.Eliminated)
                    .Select(r => new Placed(r.EntryId, r.Rank))]);
            }
            tracks.Add(new TrackBoard(group.TrackId, Localized.Pick(group.TrackName, group.TrackNameEn), setting, rows, cut,
                Math.Max(0, vacancies), nextInLine));
        }
        return new AdvancementBoard(contestId, Localized.Pick(contest.Name, contest.NameEn), round, next,
            next is not null && HasStarted(next, clock), tracks);
    }

    /// <summary>A round has started once judges may score in it, or once its announced start time has passed.</summary>
    public static bool HasStarted(Round round, TimeProvider clock) =>
        round.Status >= RoundStatus.Scoring || (round.StartsAt is { } starts && starts <= clock.GetUtcNow().UtcDateTime);
}
