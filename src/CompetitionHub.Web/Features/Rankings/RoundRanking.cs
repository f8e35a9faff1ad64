using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>The ranking of one group in a round: a track of the contest, or a track × industry field (<see cref="Round.RankByIndustry"/>).</summary>
public sealed record GroupRanking(int TrackId, string TrackName, string TrackNameEn, IReadOnlyList<RankedEntry> Entries)
{
    /// <summary>The industry field (Entry.Industry) of the group; null when the round ranks whole tracks.</summary>
    public string? Industry { get; init; }

    /// <summary>The English name of <see cref="Industry"/>, or the Chinese one where the contest gives none.</summary>
    public string? IndustryEn { get; init; }

    /// <summary>The group's name for pages and exports: the track, and its industry field when the round ranks by field.</summary>
    public string Name => Industry is null ? TrackName : $"{TrackName} · {Label(Industry)}";

    public string NameEn => Industry is null ? TrackNameEn : $"{TrackNameEn} · {Label(IndustryEn ?? Industry)}";

    public string LocalizedName => Localized.Pick(Name, NameEn);

    /// <summary>Entries of the group with sheets but no own score (e.g. 评委人数不足), so not in <see cref="Entries"/>.</summary>
    public IReadOnlyList<UnrankedEntry> Unranked { get; init; } = [];

    private static string Label(string industry) => industry.Length > 0 ? industry : "—";
}

/// <summary>
/// An entry of the contest as the ranking read it: its track, industry field and status. Every change to an entry replaces
/// the contest's ranking stamp, so these stay as current as the ranking they were read with.
/// </summary>
public sealed record ContestEntry(int Id, int TrackId, string Industry, EntryStatus Status);

/// <summary>An earlier round a weighted round counts, with the sheets its own scores came from.</summary>
public sealed record EarlierRoundSheets(Round Round, IReadOnlyList<SheetInput> Sheets);

public sealed record RoundRankingResult(Round Round, IReadOnlyList<GroupRanking> Groups)
{
    /// <summary>Everything the ranking was computed from besides the rules, so a publication can show it.</summary>
    public IReadOnlyList<SheetInput> Sheets { get; init; } = [];

    public IReadOnlyList<EarlierRoundSheets> EarlierRounds { get; init; } = [];

    /// <summary>
    /// The contest's entries (of a ranking of some entries only, those), by id: pages that list the ranking beside the
    /// entries nobody scored read them here rather than query every entry again on each request.
    /// </summary>
    public IReadOnlyDictionary<int, ContestEntry> ContestEntries { get; init; } = new Dictionary<int, ContestEntry>();

    public RankingContext Context { get; init; } = RankingContext.Empty;

    /// <summary>The judge groups of this round and of the earlier rounds, by round id (rounds without groups too).</summary>
    public IReadOnlyDictionary<int, JudgeGrouping> Groupings { get; init; } = new Dictionary<int, JudgeGrouping>();

    /// <summary>Public jury votes per entry of this round and of the earlier rounds, by round id (rounds with a public jury only).</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<int, int>> Votes { get; init; } = new Dictionary<int, IReadOnlyDictionary<int, int>>();
}

/// <summary>
/// Loads a round's submitted sheets (and, for a weighted round, the earlier rounds' sheets; the entries' submission
/// times; the recorded tie draws and panel decisions; the judge groups) and ranks each group with <see cref="RankingCalculator"/>. Only entries with at least
/// one submitted sheet in this round are ranked.
/// </summary>
public sealed class RoundRanking(AppDbContext db, RankingCache cache)
{
    /// <summary>
    /// The round's ranking, from <see cref="RankingCache"/> while nothing it is computed from has changed since (on any
    /// instance), else computed now. Shared with other requests: read it, never change it.
    /// </summary>
    public Task<RoundRankingResult?> ComputeAsync(int roundId, CancellationToken ct) => CachedAsync(roundId, perTrack: false, ct);

    /// <summary>
    /// The ranking per whole track even when the round ranks by industry field: awards are planned and decided per track.
    /// </summary>
    public Task<RoundRankingResult?> ComputePerTrackAsync(int roundId, CancellationToken ct) => CachedAsync(roundId, perTrack: true, ct);

    /// <summary>
    /// The ranking computed from the rows now, never from the cache: for a write that records what it decides on (a
    /// publication, a tie draw, a panel decision), inside its transaction, where it must read what that transaction sees.
    /// </summary>
    public Task<RoundRankingResult?> ComputeFreshAsync(int roundId, CancellationToken ct) => ComputeAsync(roundId, perTrack: false, only: null, ct);

    /// <summary>
    /// The ranking of some entries of the round only, by the same rules (the big screen ranks the entries revealed so far):
    /// only their sheets are read, and an earlier round's too unless it is a ZScore round, whose scores need all its sheets.
    /// Kept as the whole round's is, with the entries it ranks: the live stage is built again after every step of the
    /// roadshow and for every screen that joins, and between two reveals nothing it ranks changes.
    /// </summary>
    public Task<RoundRankingResult?> ComputeForEntriesAsync(int roundId, IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        CachedAsync(roundId, perTrack: false, ct, only: [.. entryIds.Distinct().Order()]);

    private async Task<RoundRankingResult?> CachedAsync(int roundId, bool perTrack, CancellationToken ct, int[]? only = null)
    {
        // Read before computing: a change committed meanwhile replaces it, so what is computed now is never kept under
        // a stamp newer than the rows it was read from. A stamp this transaction wrote and then rolls back is a fresh
        // Guid nobody reads again.
        var stamp = await (from r in db.Rounds
                           join s in db.RankingStamps on r.ContestId equals s.ContestId
                           where r.Id == roundId
                           select (Guid?)s.Stamp).SingleOrDefaultAsync(ct);
        if (stamp is { } known && cache.Get(roundId, perTrack, known, only) is { } kept) return kept;
        var computed = await ComputeAsync(roundId, perTrack, only is null ? null : [.. only], ct);
        if (stamp is { } read && computed is not null) cache.Set(roundId, perTrack, read, computed, only);
        return computed;
    }

    private async Task<RoundRankingResult?> ComputeAsync(int roundId, bool perTrack, List<int>? only, CancellationToken ct)
    {
        // With its judge groups: the rules stated beside the ranking (RoundRules.From) name them.
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var inputs = await SheetsAsync(roundId, only, ct);
        // The contest's entries rather than "Id in (the scored ones)": a round of 10,000 entries would otherwise send
        // 10,000 ids for the database to look up one by one, three times what reading the few extra rows costs SQLite.
        var entries = await db.Entries.AsNoTracking().Where(e => e.ContestId == round.ContestId && (only == null || only.Contains(e.Id)))
            .Select(e => new { e.Id, e.TrackId, e.SubmittedAt, e.Industry, e.Status }).ToListAsync(ct);
        var trackOf = entries.ToDictionary(e => e.Id, e => e.TrackId);
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == round.ContestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);

        var earlier = new Dictionary<int, IReadOnlyDictionary<int, decimal>>();
        var earlierSheets = new List<EarlierRoundSheets>();
        var groupings = new Dictionary<int, JudgeGrouping>();
        var votes = new Dictionary<int, IReadOnlyDictionary<int, int>>();
        foreach (var weight in RankingRules.EarlierWeights(round))
        {
            var earlierRound = await db.Rounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers)
                .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == weight.RoundId && r.ContestId == round.ContestId, ct);
            if (earlierRound is null) continue;
            var sheets = await SheetsAsync(earlierRound.Id, earlierRound.Aggregation == AggregationMethod.ZScore ? null : only, ct);
            earlierSheets.Add(new EarlierRoundSheets(earlierRound, sheets));
            groupings[earlierRound.Id] = await GroupingAsync(earlierRound.Id, ct);
            votes[earlierRound.Id] = await VotesAsync(earlierRound, ct);
            earlier[weight.RoundId] = PublicJury.OwnScores(earlierRound,
                RankingCalculator.ScoreRound(earlierRound, sheets, groupings[earlierRound.Id]), votes[earlierRound.Id]);
        }
        var draws = await db.TieDraws.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync(ct);
        var decisions = await db.PanelDecisions.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync(ct);
        var grouping = groupings[roundId] = await GroupingAsync(roundId, ct);
        var context = new RankingContext
        {
            EarlierRoundScores = earlier,
            EntrySubmittedAt = entries.Where(e => e.SubmittedAt is not null).ToDictionary(e => e.Id, e => e.SubmittedAt!.Value),
            Draws = [.. draws.Select(d => new RecordedDraw(d.EntryIdList, d.ScoreHundredths, d.Seed))],
            PanelDecisions = [.. decisions.Select(d => new RecordedDecision(d.EntryIdList, d.ScoreHundredths, d.DecidedOrderList) { Reason = d.Reason })],
            JudgeGroups = grouping,
            PublicVotes = votes[roundId] = await VotesAsync(round, ct),
        };

        // Scored over the whole round: ZScore needs each judge's sheets across all the groups they scored in.
        var roundScores = RankingCalculator.ScoreRound(round, inputs, grouping);
        var groups = new List<GroupRanking>();
        var byIndustry = round.RankByIndustry && !perTrack;
        var industryOf = entries.ToDictionary(e => e.Id, e => e.Industry);
        var fields = byIndustry
            ? await db.Contests.AsNoTracking().Where(c => c.Id == round.ContestId).Select(c => new { c.IndustryFields, c.IndustryFieldsEn }).SingleAsync(ct)
            : null;
        var industryNames = fields is null ? TranslatedNames.None : new TranslatedNames(fields.IndustryFields, fields.IndustryFieldsEn);
        foreach (var t in tracks)
        {
            var inTrack = inputs.Where(i => trackOf.GetValueOrDefault(i.EntryId) == t.Id).ToList();
            if (!byIndustry)
            {
                groups.Add(new GroupRanking(t.Id, t.Name, t.NameEn, RankingCalculator.Rank(round, inTrack, roundScores, context))
                {
                    Unranked = RankingCalculator.Unranked(round, inTrack, roundScores, grouping),
                });
                continue;
            }
            // One group per industry field an entry of the track was submitted with, in the contest's order of fields.
            var judged = inTrack.Select(i => i.EntryId).ToHashSet();
            var industries = entries.Where(e => e.TrackId == t.Id && (e.SubmittedAt is not null || judged.Contains(e.Id)))
                .Select(e => e.Industry).Distinct()
                .OrderBy(i => i.Length == 0 ? 1 : 0).ThenBy(i => fields!.IndustryFields.IndexOf(i) is var at && at >= 0 ? at : int.MaxValue)
                .ThenBy(i => i, StringComparer.Ordinal);
            foreach (var industry in industries)
            {
                List<SheetInput> inGroup = [.. inTrack.Where(i => industryOf.GetValueOrDefault(i.EntryId) == industry)];
                groups.Add(new GroupRanking(t.Id, t.Name, t.NameEn, RankingCalculator.Rank(round, inGroup, roundScores, context))
                {
                    Industry = industry, IndustryEn = industryNames.English(industry), Unranked = RankingCalculator.Unranked(round, inGroup, roundScores, grouping),
                });
            }
        }
        return new RoundRankingResult(round, groups) { Sheets = inputs, EarlierRounds = earlierSheets, Context = context, Groupings = groupings,
            Votes = votes.Where(v => v.Value.Count > 0).ToDictionary(),
            ContestEntries = entries.ToDictionary(e => e.Id, e => new ContestEntry(e.Id, e.TrackId, e.Industry, e.Status)) };
    }

    /// <summary>Public jury votes per entry of a round with a public jury; none otherwise.</summary>
    public async Task<IReadOnlyDictionary<int, int>> VotesAsync(Round round, CancellationToken ct) =>
        round.PublicJuryWeightPercent == 0
            ? new Dictionary<int, int>()
            : await db.PublicVotes.AsNoTracking().Where(v => v.RoundId == round.Id).GroupBy(v => v.EntryId)
                .Select(g => new { EntryId = g.Key, Votes = g.Count() }).ToDictionaryAsync(x => x.EntryId, x => x.Votes, ct);

    /// <summary>A round's judge groups and their members as the calculator reads them.</summary>
    public async Task<JudgeGrouping> GroupingAsync(int roundId, CancellationToken ct)
    {
        var groups = await db.JudgeGroups.AsNoTracking().Where(g => g.RoundId == roundId).OrderBy(g => g.Sequence).ToListAsync(ct);
        if (groups.Count == 0) return JudgeGrouping.None;
        var members = await db.JudgeGroupMembers.AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct);
        return new JudgeGrouping([.. groups.Select(g => new JudgeGroupWeight(g.Id, g.WeightPercent))],
            members.ToDictionary(m => m.JudgeUserId, m => m.JudgeGroupId));
    }


    /// <summary>
    /// The judges on each entry's panel: assigned to it (online review) or on the panel of a session it pitches in
    /// (roadshow); a judge who submitted a sheet for it counts even if since unassigned.
    /// </summary>
    public async Task<Dictionary<int, int>> PanelSizesAsync(RoundRankingResult computed, CancellationToken ct)
    {
        var roundId = computed.Round.Id;
        var assigned = await db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == roundId)
            .Select(a => new { a.EntryId, a.JudgeUserId }).ToListAsync(ct);
        var seated = await (from slot in db.SessionSlots.AsNoTracking()
                            join judge in db.SessionJudges.AsNoTracking() on slot.SessionId equals judge.SessionId
                            where slot.RoundId == roundId
                            select new { slot.EntryId, judge.JudgeUserId }).ToListAsync(ct);
        return assigned.Select(a => (a.EntryId, a.JudgeUserId)).Concat(seated.Select(s => (s.EntryId, s.JudgeUserId)))
            .Concat(computed.Sheets.Select(s => (s.EntryId, s.JudgeUserId))).Distinct()
            .GroupBy(p => p.EntryId).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>
    /// A round's submitted sheets as the calculator reads them (effective totals: approved corrections count), ordered by
    /// entry, then judge id (ordinal): ZScore's floating-point sums then run in one order on every provider, the order the
    /// public export lists them in (seats are numbered in judge id order).
    /// </summary>
    public async Task<List<SheetInput>> SheetsAsync(int roundId, CancellationToken ct) => await SheetsAsync(roundId, null, ct);

    private async Task<List<SheetInput>> SheetsAsync(int roundId, List<int>? only, CancellationToken ct)
    {
        var sheets = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.RoundId == roundId && s.Status == SheetStatus.Submitted && (only == null || only.Contains(s.EntryId)))
            .Select(s => new { s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths, s.Lines, s.SubmittedAt })
            .ToListAsync(ct);
        return [.. sheets.OrderBy(s => s.EntryId).ThenBy(s => s.JudgeUserId, StringComparer.Ordinal)
            .Select(s => new SheetInput(s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths,
                s.Lines.ToDictionary(l => l.CriterionId, l => l.PointsHundredths), s.SubmittedAt ?? DateTime.MinValue))];
    }
}
