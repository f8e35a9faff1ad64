using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Awards;

/// <summary>An entry of a track's ranking as the awards are decided on it; its name is read only for the rows a page shows (<see cref="EntryNames"/>).</summary>
public sealed record AwardRow(int EntryId, int? Rank, int? ScoreHundredths, bool Tied, PrizeGrade? Proposed, Award? Prize)
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

public sealed record AwardsBoard(int ContestId, string ContestName, Round? FinalRound, IReadOnlyList<AwardTrack> Tracks,
    IReadOnlyList<string> HonourTitles, IReadOnlyList<HonourRow> Honours);

/// <summary>
/// Reads the awards page: the contest's final round (the last by sequence) ranked per track with the proposed grades, the
/// stored plans and prizes, and the honours.
/// </summary>
public sealed class LoadAwardsBoard(AppDbContext db, RoundRanking rankings)
{
    /// <summary>Entries still in the contest at the final round, and those already given a prize there.</summary>
    public static readonly EntryStatus[] FinalistStatuses = [EntryStatus.Approved, EntryStatus.Advanced, EntryStatus.Awarded];

    /// <summary>Entries that may be given an honour: those still in the contest, and those that went out in a round.</summary>
    public static readonly EntryStatus[] HonourStatuses = [EntryStatus.Approved, EntryStatus.Advanced, EntryStatus.Eliminated, EntryStatus.Awarded];

    public async Task<AwardsBoard?> HandleAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;
        var final = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId).OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        var awards = await db.Awards.AsNoTracking().Where(a => a.ContestId == contestId && a.Kind == AwardKind.Prize).ToListAsync(ct);
        var titles = await db.HonourTitles.AsNoTracking().Where(h => h.ContestId == contestId).OrderBy(h => h.Sequence).ThenBy(h => h.Id)
            .Select(h => h.Name).ToListAsync(ct);

        var tracks = new List<AwardTrack>();
        if (final is not null)
        {
            var plans = await db.AwardPlans.AsNoTracking().Where(p => p.RoundId == final.Id).ToDictionaryAsync(p => p.TrackId, ct);
            var ranking = await rankings.ComputePerTrackAsync(final.Id, ct);
            var prizes = awards.GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => g.First());
            foreach (var ranked in ranking is null ? [] : RankedTracks.GetValue(ranking, Rank))
            {
                var plan = plans.GetValueOrDefault(ranked.TrackId);
                var (proposed, splits) = plan is null ? (NoGrades, NoSplits) : ranked.Proposal(plan.Counts);
                tracks.Add(new AwardTrack(ranked.TrackId, Localized.Pick(ranked.Group.TrackName, ranked.Group.TrackNameEn), plan, new AwardRows(ranked.Rows, proposed, prizes), splits));
            }
        }

        // Sorted here, as the page always listed them (the culture's order of titles, which the database's collation is not).
        var honoured = await db.Awards.AsNoTracking()
            .Where(a => a.ContestId == contestId && a.Kind == AwardKind.Honour && HonourStatuses.Contains(a.Entry.Status))
            .Select(a => new HonourRow(a.Id, a.EntryId, a.Entry.Title, a.Entry.Team.Name, a.Honour)).ToListAsync(ct);
        var honours = honoured.OrderBy(h => h.Honour).ThenBy(h => h.AwardId).ToList();
        return new AwardsBoard(contestId, Localized.Pick(contest.Name, contest.NameEn), final, tracks,
            titles.Count > 0 ? titles : AwardLabels.DefaultHonours, honours);
    }

    private static readonly IReadOnlyDictionary<int, PrizeGrade?> NoGrades = new Dictionary<int, PrizeGrade?>();
    private static readonly IReadOnlyList<SplitTie> NoSplits = [];

    /// <summary>
    /// What a track's board takes from the ranking alone, kept as long as that ranking is (<see cref="RankingCache"/>):
    /// a large final ranks thousands of entries, and every request would otherwise order and grade them all again.
    /// </summary>
    private static readonly ConditionalWeakTable<RoundRankingResult, IReadOnlyList<RankedTrack>> RankedTracks = new();

    private static IReadOnlyList<RankedTrack> Rank(RoundRankingResult ranking)
    {
        var byId = ranking.ContestEntries;
        var round = ranking.Round;
        // An entry under the minimum score is proposed nothing, as one nobody scored: its prize stays empty.
        bool Below(int? score) => round.MinScoreHundredths is { } min && score is { } s && s < min;
        var tracks = new List<RankedTrack>();
        foreach (var group in ranking.Groups)
        {
            bool InTrack(ContestEntry e) => e.TrackId == group.TrackId && FinalistStatuses.Contains(e.Status);
            var rows = new List<RankedRow>();
            var ranked = new HashSet<int>(group.Entries.Count);
            foreach (var r in group.Entries)
            {
                ranked.Add(r.EntryId);
                if (byId.GetValueOrDefault(r.EntryId) is { } e && InTrack(e))
                    rows.Add(new RankedRow(e.Id, r.Rank, r.ScoreHundredths, r.Tied, Below(r.ScoreHundredths)));
            }
            foreach (var e in byId.Values.Where(e => InTrack(e) && !ranked.Contains(e.Id)).OrderBy(e => e.Id))
                rows.Add(new RankedRow(e.Id, null, null, false, false));
            tracks.Add(new RankedTrack(group, rows));
        }
        return tracks;
    }
}

/// <summary>A row of a track's final ranking before any plan: the entry, its rank and score, and whether it is under the minimum.</summary>
internal sealed record RankedRow(int EntryId, int? Rank, int? ScoreHundredths, bool Tied, bool BelowMinimum);

/// <summary>A track's ranked rows, and the grades each plan's counts propose for them, worked out once per count.</summary>
internal sealed class RankedTrack(GroupRanking group, IReadOnlyList<RankedRow> rows)
{
    private readonly ConcurrentDictionary<GradeCounts, (IReadOnlyDictionary<int, PrizeGrade?>, IReadOnlyList<SplitTie>)> proposals = new();

    public int TrackId => group.TrackId;

    /// <summary>The ranked group, whose name each request picks in its reader's language.</summary>
    public GroupRanking Group => group;

    public IReadOnlyList<RankedRow> Rows => rows;

    public (IReadOnlyDictionary<int, PrizeGrade?> Proposed, IReadOnlyList<SplitTie> Splits) Proposal(GradeCounts counts) =>
        proposals.GetOrAdd(counts, c =>
        {
            List<RankedForAward> forAward = [.. rows.Select(r => new RankedForAward(r.EntryId, r.BelowMinimum ? null : r.Rank))];
            var proposed = GradeProposal.Propose(forAward, c);
            return (proposed, GradeProposal.SplitTies(forAward, proposed));
        });
}

/// <summary>
/// A track's rows as the page and the confirmation read them, each made when read: a page shows 50 of a final's
/// thousands, and the ranking, the proposal and the prizes it joins are kept or read already.
/// </summary>
internal sealed class AwardRows(IReadOnlyList<RankedRow> rows, IReadOnlyDictionary<int, PrizeGrade?> proposed,
    IReadOnlyDictionary<int, Award> prizes) : IReadOnlyList<AwardRow>
{
    public int Count => rows.Count;

    public AwardRow this[int index]
    {
        get
        {
            var r = rows[index];
            return new AwardRow(r.EntryId, r.Rank, r.ScoreHundredths, r.Tied, proposed.GetValueOrDefault(r.EntryId),
                prizes.GetValueOrDefault(r.EntryId)) { BelowMinimum = r.BelowMinimum };
        }
    }

    public IEnumerator<AwardRow> GetEnumerator()
    {
        for (var i = 0; i < rows.Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
