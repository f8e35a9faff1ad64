using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Awards;

public sealed record AwardRow(int EntryId, string Title, string TeamName, int? Rank, int? ScoreHundredths, bool Tied,
    PrizeGrade? Proposed, Award? Prize)
{
    /// <summary>Scored under the final round's minimum score: proposed for no prize and refused one.</summary>
    public bool BelowMinimum { get; init; }

    public string Score => ScoreHundredths is { } s ? (s / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}

public sealed record AwardTrack(int TrackId, string TrackName, AwardPlan? Plan, IReadOnlyList<AwardRow> Rows, IReadOnlyList<SplitTie> Splits)
{
    public bool Confirmed => Plan?.ConfirmedAt is not null;
    public IReadOnlyList<RankedForAward> Ranking => [.. Rows.Select(r => new RankedForAward(r.EntryId, r.BelowMinimum ? null : r.Rank))];
}

public sealed record HonourRow(int AwardId, int EntryId, string Title, string TeamName, string Honour);

public sealed record EntryChoice(int EntryId, string Title, string TeamName);

public sealed record AwardsBoard(int ContestId, string ContestName, Round? FinalRound, IReadOnlyList<AwardTrack> Tracks,
    IReadOnlyList<string> HonourTitles, IReadOnlyList<HonourRow> Honours, IReadOnlyList<EntryChoice> Candidates);

/// <summary>
/// Reads the awards page: the contest's final round (the last by sequence) ranked per track with the proposed grades, the
/// stored plans and prizes, and the honours.
/// </summary>
public sealed class LoadAwardsBoard(AppDbContext db, RoundRanking rankings)
{
    /// <summary>Entries still in the contest at the final round, and those already given a prize there.</summary>
    public static readonly EntryStatus[] FinalistStatuses = [EntryStatus.Approved, EntryStatus.Advanced, EntryStatus.Awarded];

    private static readonly EntryStatus[] HonourStatuses = [EntryStatus.Approved, EntryStatus.Advanced, EntryStatus.Eliminated, EntryStatus.Awarded];

    public async Task<AwardsBoard?> HandleAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;
        var final = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId).OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && HonourStatuses.Contains(e.Status))
            .Select(e => new { e.Id, e.TrackId, e.Title, Team = e.Team.Name, e.Status }).ToListAsync(ct);
        var awards = await db.Awards.AsNoTracking().Where(a => a.ContestId == contestId).ToListAsync(ct);
        var titles = await db.HonourTitles.AsNoTracking().Where(h => h.ContestId == contestId).OrderBy(h => h.Sequence).ThenBy(h => h.Id)
            .Select(h => h.Name).ToListAsync(ct);

        var tracks = new List<AwardTrack>();
        if (final is not null)
        {
            var plans = await db.AwardPlans.AsNoTracking().Where(p => p.RoundId == final.Id).ToDictionaryAsync(p => p.TrackId, ct);
            var ranking = await rankings.ComputePerTrackAsync(final.Id, ct);
            // Looked up by id: a large final holds thousands of entries per track.
            var byId = entries.ToDictionary(e => e.Id);
            var prizes = awards.Where(a => a.Kind == AwardKind.Prize).GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => g.First());
            foreach (var group in ranking?.Groups ?? [])
            {
                var inTrack = entries.Where(e => e.TrackId == group.TrackId && FinalistStatuses.Contains(e.Status)).ToList();
                var rows = new List<(int Id, string Title, string Team, int? Rank, int? Score, bool Tied)>();
                var ranked = group.Entries.Select(r => r.EntryId).ToHashSet();
                foreach (var r in group.Entries)
                    if (byId.GetValueOrDefault(r.EntryId) is { } e && e.TrackId == group.TrackId && FinalistStatuses.Contains(e.Status))
                        rows.Add((e.Id, e.Title, e.Team, r.Rank, r.ScoreHundredths, r.Tied));
                foreach (var e in inTrack.Where(e => !ranked.Contains(e.Id)).OrderBy(e => e.Id))
                    rows.Add((e.Id, e.Title, e.Team, null, null, false));

                var plan = plans.GetValueOrDefault(group.TrackId);
                // An entry under the minimum score is proposed nothing, as one nobody scored: its prize stays empty.
                bool Below(int? score) => final.MinScoreHundredths is { } min && score is { } s && s < min;
                var forAward = rows.Select(r => new RankedForAward(r.Id, Below(r.Score) ? null : r.Rank)).ToList();
                var proposed = plan is null ? new Dictionary<int, PrizeGrade?>() : GradeProposal.Propose(forAward, plan.Counts);
                var board = rows.Select(r => new AwardRow(r.Id, r.Title, r.Team, r.Rank, r.Score, r.Tied, proposed.GetValueOrDefault(r.Id),
                    prizes.GetValueOrDefault(r.Id)) { BelowMinimum = Below(r.Score) }).ToList();
                tracks.Add(new AwardTrack(group.TrackId, Localized.Pick(group.TrackName, group.TrackNameEn), plan, board,
                    plan is null ? [] : GradeProposal.SplitTies(forAward, proposed)));
            }
        }

        var honours = awards.Where(a => a.Kind == AwardKind.Honour).OrderBy(a => a.Honour).ThenBy(a => a.Id)
            .Select(a => entries.FirstOrDefault(e => e.Id == a.EntryId) is { } e
                ? new HonourRow(a.Id, a.EntryId, e.Title, e.Team, a.Honour) : null)
            .OfType<HonourRow>().ToList();
        return new AwardsBoard(contestId, Localized.Pick(contest.Name, contest.NameEn), final, tracks,
            titles.Count > 0 ? titles : AwardLabels.DefaultHonours, honours,
            [.. entries.OrderBy(e => e.Title).Select(e => new EntryChoice(e.Id, e.Title, e.Team))]);
    }
}
