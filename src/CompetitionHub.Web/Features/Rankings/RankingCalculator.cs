using System.Globalization;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>One submitted sheet as the ranking sees it: the effective total and the points per criterion, in hundredths.</summary>
public sealed record SheetInput(int EntryId, string JudgeUserId, int TotalHundredths, IReadOnlyDictionary<int, int> CriterionHundredths,
    DateTime SubmittedAt);

/// <summary>One round's part in a weighted score: its unrounded score (null = the entry has none) and its weight.</summary>
public sealed record ScorePart(int RoundId, int WeightPercent, decimal? ScoreHundredths);

/// <summary>
/// An entry's place in its group: equal ranks mean a tie that no tie-breaker resolved.
/// <see cref="ScoreHundredths"/> is the official score (rounded once, half up); the other members show how it was reached.
/// </summary>
public sealed record RankedEntry(int EntryId, int Rank, int ScoreHundredths, int JudgeCount, bool Tied)
{
    /// <summary>This round's own score by its method (with the public jury part, if any), before rounding and before any
    /// weighting of rounds.</summary>
    public decimal OwnRoundHundredths { get; init; }

    /// <summary>The score the rank is built on, before the one rounding: the weighted score, or the own score.</summary>
    public decimal UnroundedHundredths { get; init; }

    /// <summary>Totals a trimmed mean left out (k highest + k lowest).</summary>
    public int DroppedCount { get; init; }

    /// <summary>Every round in a weighted score, this one first; empty when the round weighs no earlier round.</summary>
    public IReadOnlyList<ScorePart> Parts { get; init; } = [];

    /// <summary>Some earlier round of <see cref="Parts"/> has no score for this entry (see <see cref="MissingEarlierScore"/>).</summary>
    public bool MissingEarlierRound { get; init; }

    /// <summary>The entry had the same official score as another one, whether or not a tie-breaker then separated them.</summary>
    public bool ScoreTied { get; init; }

    /// <summary>The tie-breaker that separated this entry from the others it was tied with; null when there was no tie to break
    /// or none broke it.</summary>
    public TieBreakerRule? DecidedBy { get; init; }

    /// <summary>Still tied when the round's breakers reached a lot draw that has not been recorded yet.</summary>
    public bool NeedsLotDraw { get; init; }

    /// <summary>Still tied when the round's breakers reached a panel decision that has not been recorded yet.</summary>
    public bool NeedsPanelDecision { get; init; }

    /// <summary>Each judge group's part of the own score, in the round's group order; empty when the round has no groups.</summary>
    public IReadOnlyList<JudgeGroupPart> JudgeGroupParts { get; init; } = [];

    /// <summary>The judges' part of the own score (the round's method over the sheets), unrounded.</summary>
    public decimal JudgesHundredths { get; init; }

    /// <summary>Public jury votes the entry got; null when the round has no public jury.</summary>
    public int? PublicVotes { get; init; }

    /// <summary>The public jury score (see <see cref="PublicJury"/>), unrounded; null when the part is left out.</summary>
    public decimal? PublicJuryHundredths { get; init; }
}

/// <summary>One judge group's score for an entry (null = no judge of the group scored it) by the round's method.</summary>
public sealed record JudgeGroupPart(int GroupId, int WeightPercent, decimal? ScoreHundredths, int Counted, int Dropped);

/// <summary>An entry with sheets in the round that gets no score and no rank, and why.</summary>
public sealed record UnrankedEntry(int EntryId, UnrankedReason Reason, int SheetCount);

/// <summary>A recorded panel decision among tied entries (see <see cref="PanelDecision"/>), as the calculator needs it.</summary>
public sealed record RecordedDecision(IReadOnlyList<int> EntryIds, int ScoreHundredths, IReadOnlyList<int> Order)
{
    /// <summary>The panel's reason, published with the results beside the decided order.</summary>
    public string Reason { get; init; } = "";
}

/// <summary>A recorded lot draw among tied entries (see <see cref="TieDraw"/>), as the calculator needs it.</summary>
public sealed record RecordedDraw(IReadOnlyList<int> EntryIds, int ScoreHundredths, int Seed);

/// <summary>What a ranking needs beyond the round's own sheets.</summary>
public sealed record RankingContext
{
    public static readonly RankingContext Empty = new();

    /// <summary>Earlier rounds' own scores (unrounded hundredths) by round id, then entry id; for weighted rounds.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<int, decimal>> EarlierRoundScores { get; init; } =
        new Dictionary<int, IReadOnlyDictionary<int, decimal>>();

    /// <summary>When each entry was submitted (Entry.SubmittedAt), for the EarlierSubmission breaker.</summary>
    public IReadOnlyDictionary<int, DateTime> EntrySubmittedAt { get; init; } = new Dictionary<int, DateTime>();

    public IReadOnlyList<RecordedDraw> Draws { get; init; } = [];

    public IReadOnlyList<RecordedDecision> PanelDecisions { get; init; } = [];

    /// <summary>This round's judge groups; the same grouping must have gone into <see cref="RankingCalculator.ScoreRound"/>.</summary>
    public JudgeGrouping JudgeGroups { get; init; } = JudgeGrouping.None;

    /// <summary>Public jury votes per entry id, over the whole round (the most of them is the 100 % mark).</summary>
    public IReadOnlyDictionary<int, int> PublicVotes { get; init; } = new Dictionary<int, int>();
}

/// <summary>
/// Ranks entries from their judges' sheets with the round's settings. Pure: the same sheets and rules always give the
/// same ranking, so a published result can be recomputed and checked by anyone holding the score sheets.
/// <para>
/// Steps, in this order: (1) each entry's own score by the round's method (<see cref="ScoreAggregator"/>; ZScore as in
/// <see cref="ScoreRound"/>; judge groups and the trimmed-mean fallback as in <see cref="ScoreEntry"/>), unrounded; an
/// entry that gets no own score is not ranked (<see cref="Unranked"/>); (1b) with a public jury, that judges' score mixed
/// with the public jury score (<see cref="PublicJury"/>), unrounded; (2) weighting with earlier rounds, unrounded; (3) THE rounding: to whole
/// hundredths (2 decimals), half up (<see cref="ScoreAggregator.RoundHalfUp"/>), once; (4) order by that official score,
/// highest first; (5) entries with equal official scores go through the round's tie-breakers in order
/// (<see cref="TieBreakerRule"/>); (6) entries still tied share the rank (listed by entry id) and the next rank skips
/// (1, 2, 2, 4).
/// </para>
/// </summary>
public static class RankingCalculator
{
    public static IReadOnlyList<RankedEntry> Rank(Round round, IReadOnlyList<SheetInput> sheets) =>
        Rank(round, sheets, ScoreRound(round, sheets), RankingContext.Empty);

    /// <summary>
    /// Ranks the entries that have sheets in <paramref name="groupSheets"/> (one group, e.g. a track), with their own
    /// scores taken from <paramref name="roundScores"/> (computed over the whole round, which ZScore needs).
    /// </summary>
    public static IReadOnlyList<RankedEntry> Rank(Round round, IReadOnlyList<SheetInput> groupSheets,
        IReadOnlyDictionary<int, ExactAggregate> roundScores, RankingContext context)
    {
        var weights = RankingRules.EarlierWeights(round);
        var ownWeight = RankingRules.OwnWeightPercent(round);
        var sheetsByEntry = groupSheets.GroupBy(s => s.EntryId).ToDictionary(g => g.Key, g => g.ToList());
        var mostVotes = context.PublicVotes.Count == 0 ? 0 : context.PublicVotes.Values.Max();

        var scored = new Dictionary<int, Scored>();
        foreach (var entryId in sheetsByEntry.Keys)
        {
            // No own score: refused by the trimmed-mean fallback, or no grouped judge scored it (see Unranked).
            if (!roundScores.TryGetValue(entryId, out var own)) continue;
            // (1b) The public jury part, its own step: the judges' score stays as the method gave it.
            var jury = PublicJury.ScoreHundredths(round, context.PublicVotes.GetValueOrDefault(entryId), mostVotes);
            var ownScore = PublicJury.Mix(round, own.ScoreHundredths, jury);
            var (unrounded, parts, missing) = Weigh(round, entryId, ownScore, ownWeight, weights, context);
            scored[entryId] = new Scored(entryId, own, ownScore, jury, unrounded, ScoreAggregator.RoundHalfUp(unrounded), parts, missing);
        }

        var breakers = RankingRules.TieBreakers(round);
        var decidedBy = new Dictionary<int, TieBreakerRule>();
        var pending = new Dictionary<int, TieBreakerKind>();
        var blocks = new List<List<int>>();
        var scoreTied = new HashSet<int>();
        foreach (var sameScore in scored.Values.GroupBy(s => s.Official).OrderByDescending(g => g.Key))
        {
            var ids = sameScore.Select(s => s.EntryId).Order().ToList();
            if (ids.Count > 1) scoreTied.UnionWith(ids);
            var breaking = new TieBreaking(round, breakers, sheetsByEntry, context, sameScore.Key, decidedBy, pending);
            blocks.AddRange(breaking.Resolve(ids, 0));
        }

        var ranked = new List<RankedEntry>(scored.Count);
        var position = 0;
        foreach (var block in blocks)
        {
            foreach (var entryId in block)
            {
                var s = scored[entryId];
                ranked.Add(new RankedEntry(entryId, position + 1, s.Official, s.Own.Counted, block.Count > 1)
                {
                    OwnRoundHundredths = s.OwnScore, JudgesHundredths = s.Own.ScoreHundredths, PublicJuryHundredths = s.Jury,
                    PublicVotes = round.PublicJuryWeightPercent > 0 ? context.PublicVotes.GetValueOrDefault(entryId) : null,
                    UnroundedHundredths = s.Unrounded, DroppedCount = s.Own.Dropped,
                    Parts = s.Parts, MissingEarlierRound = s.Missing, ScoreTied = scoreTied.Contains(entryId),
                    DecidedBy = decidedBy.GetValueOrDefault(entryId),
                    NeedsLotDraw = pending.GetValueOrDefault(entryId) == TieBreakerKind.LotDraw,
                    NeedsPanelDecision = pending.GetValueOrDefault(entryId) == TieBreakerKind.PanelDecision,
                    JudgeGroupParts = context.JudgeGroups.Any ? ScoreEntry(round, sheetsByEntry[entryId], context.JudgeGroups).Parts : [],
                });
            }
            position += block.Count;
        }
        return ranked;
    }

    /// <summary>
    /// Every entry's own score in the round, unrounded. Mean, TrimmedMean and Median work per entry
    /// (<see cref="ScoreAggregator.Exact"/>). ZScore works on the whole round, for online review where each judge sees
    /// a different subset of entries, so a harsh or lenient judge should not decide who they happened to score:
    /// <list type="number">
    /// <item>for each judge j: m_j and s_j = the mean and the population standard deviation (divide by n) of all totals
    /// j gave in the round;</item>
    /// <item>each total x becomes z = (x − m_j) / s_j; a judge with a single sheet, or who gave every entry the same total
    /// (s_j = 0), says nothing about how the entries compare, so each of their sheets gets z = 0 (the round's average);</item>
    /// <item>an entry's z̄ = the mean of its sheets' z;</item>
    /// <item>back to points with the round-wide mean M and population standard deviation S of all raw totals:
    /// score = M + S·z̄ (S = 0 gives M), clamped to [0, the full marks of the rubric the entry was scored on] (100 for a
    /// weighted rubric, see <see cref="Rubric.FullMarksHundredths"/>; no upper bound without a rubric).</item>
    /// </list>
    /// The z arithmetic is IEEE double, left to right in the order of the sheets (entry id, then judge id: the same on
    /// every machine); the result becomes the shortest decimal that reads back as the same double (<see cref="ToDecimal"/>),
    /// which is what then goes on to the one rounding. ZScore rounds have no judge groups and no trimmed-mean fallback.
    /// Entries that get no own score (<see cref="ScoreEntry"/>) are left out.
    /// </summary>
    public static IReadOnlyDictionary<int, ExactAggregate> ScoreRound(Round round, IReadOnlyList<SheetInput> sheets,
        JudgeGrouping? groups = null)
    {
        if (round.Aggregation != AggregationMethod.ZScore)
        {
            var scores = new Dictionary<int, ExactAggregate>();
            foreach (var entry in sheets.GroupBy(s => s.EntryId))
                if (ScoreEntry(round, [.. entry], groups ?? JudgeGrouping.None).Score is { } score)
                    scores[entry.Key] = score;
            return scores;
        }
        if (sheets.Count == 0) return new Dictionary<int, ExactAggregate>();

        var judgeStats = sheets.GroupBy(s => s.JudgeUserId)
            .ToDictionary(g => g.Key, g => MeanAndSd(g.Select(s => (double)s.TotalHundredths).ToList()));
        var (roundMean, roundSd) = MeanAndSd(sheets.Select(s => (double)s.TotalHundredths).ToList());
        var result = new Dictionary<int, ExactAggregate>();
        foreach (var entry in sheets.GroupBy(s => s.EntryId))
        {
            var zs = entry.Select(s => judgeStats[s.JudgeUserId] is var (m, sd) && sd > 0 ? (s.TotalHundredths - m) / sd : 0.0).ToList();
            var score = roundMean + roundSd * zs.Average();
            var fullMarks = Rubric.FullMarksHundredths(Rubric.OfSheet(round.Criteria, entry.First().CriterionHundredths.Keys));
            score = Math.Max(0, fullMarks > 0 ? Math.Min(fullMarks, score) : score);
            result[entry.Key] = new ExactAggregate(ToDecimal(score), zs.Count, 0);
        }
        return result;
    }

    /// <summary>
    /// One entry's own score by a Mean, TrimmedMean or Median round, unrounded, or why it has none.
    /// <list type="bullet">
    /// <item>Without judge groups: the method over all its judges' totals.</item>
    /// <item>With judge groups: each group's score is the method over the totals of that group's judges (trimming,
    /// k and n per group); the entry's score = Σ weight_g · score_g / Σ weight_g over the groups that scored it: a group
    /// with no sheet for the entry is left out and the other groups' weights are scaled up to 100 % (the same rule as
    /// <see cref="MissingEarlierScore.Reweight"/>). Sheets of judges in no group do not count. No grouped sheet at all:
    /// no score (<see cref="UnrankedReason.NoGroupedJudge"/>). Counted and dropped add up over the groups.</item>
    /// <item><see cref="TrimFallback.Refuse"/>: a TrimmedMean over fewer totals than it needs (in any group that scored
    /// the entry) gives no score (<see cref="UnrankedReason.TooFewJudges"/>) instead of the plain mean.</item>
    /// </list>
    /// </summary>
    public static (ExactAggregate? Score, IReadOnlyList<JudgeGroupPart> Parts, UnrankedReason? Refused) ScoreEntry(Round round,
        IReadOnlyList<SheetInput> sheets, JudgeGrouping groups)
    {
        if (!groups.Any)
        {
            var totals = sheets.Select(s => s.TotalHundredths).ToList();
            if (TooFewToTrim(round, totals.Count)) return (null, [], UnrankedReason.TooFewJudges);
            return (ScoreAggregator.Exact(totals, round.Aggregation, round.TrimMinJudges, round.TrimCount), [], null);
        }
        var parts = new List<JudgeGroupPart>();
        foreach (var g in groups.Groups)
        {
            var totals = sheets.Where(s => groups.GroupOf.TryGetValue(s.JudgeUserId, out var id) && id == g.GroupId)
                .Select(s => s.TotalHundredths).ToList();
            if (totals.Count == 0)
            {
                parts.Add(new JudgeGroupPart(g.GroupId, g.WeightPercent, null, 0, 0));
                continue;
            }
            if (TooFewToTrim(round, totals.Count)) return (null, [], UnrankedReason.TooFewJudges);
            var exact = ScoreAggregator.Exact(totals, round.Aggregation, round.TrimMinJudges, round.TrimCount);
            parts.Add(new JudgeGroupPart(g.GroupId, g.WeightPercent, exact.ScoreHundredths, exact.Counted, exact.Dropped));
        }
        var scoredParts = parts.Where(p => p.ScoreHundredths is not null).ToList();
        var weight = scoredParts.Sum(p => p.WeightPercent);
        if (scoredParts.Count == 0 || weight == 0) return (null, parts, UnrankedReason.NoGroupedJudge);
        var score = scoredParts.Sum(p => p.WeightPercent * p.ScoreHundredths!.Value) / weight;
        return (new ExactAggregate(score, scoredParts.Sum(p => p.Counted), scoredParts.Sum(p => p.Dropped)), parts, null);
    }

    /// <summary>The entries of <paramref name="groupSheets"/> that get no own score in <paramref name="roundScores"/>, and why.</summary>
    public static IReadOnlyList<UnrankedEntry> Unranked(Round round, IReadOnlyList<SheetInput> groupSheets,
        IReadOnlyDictionary<int, ExactAggregate> roundScores, JudgeGrouping groups) =>
        [.. groupSheets.GroupBy(s => s.EntryId).Where(g => !roundScores.ContainsKey(g.Key)).OrderBy(g => g.Key)
            .Select(g => new UnrankedEntry(g.Key, ScoreEntry(round, [.. g], groups).Refused ?? UnrankedReason.NoGroupedJudge, g.Count()))];

    private static bool TooFewToTrim(Round round, int count) =>
        round.Aggregation == AggregationMethod.TrimmedMean && round.TrimFallback == TrimFallback.Refuse
        && count < Math.Max(2 * Math.Max(1, round.TrimCount) + 1, round.TrimMinJudges);

    /// <summary>
    /// A double as the shortest decimal that reads back as the same double (what "R" formatting prints, and Python's
    /// repr): defined the same everywhere, unlike the cast, whose digits depend on how the runtime scales the double.
    /// </summary>
    internal static decimal ToDecimal(double value) =>
        decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);


    /// <summary>Mean and population standard deviation; one value has deviation 0.</summary>
    internal static (double Mean, double Sd) MeanAndSd(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// final = Σ weight_r · score_r / 100 over this round and the weighted earlier ones, all unrounded. An entry without
    /// a score in an earlier round: <see cref="MissingEarlierScore.Reweight"/> divides by the weights it does have instead
    /// of 100; <see cref="MissingEarlierScore.CountAsZero"/> counts that round as 0.
    /// </summary>
    private static (decimal Unrounded, IReadOnlyList<ScorePart> Parts, bool Missing) Weigh(Round round, int entryId, decimal own,
        int ownWeight, IReadOnlyList<EarlierRoundWeight> weights, RankingContext context)
    {
        if (weights.Count == 0) return (own, [], false);
        var parts = new List<ScorePart> { new(round.Id, ownWeight, own) };
        foreach (var w in weights)
        {
            decimal? score = context.EarlierRoundScores.TryGetValue(w.RoundId, out var scores) && scores.TryGetValue(entryId, out var s) ? s : null;
            parts.Add(new ScorePart(w.RoundId, w.WeightPercent, score));
        }
        var missing = parts.Any(p => p.ScoreHundredths is null);
        var sum = parts.Sum(p => p.WeightPercent * (p.ScoreHundredths ?? 0m));
        var divisor = missing && round.MissingEarlierScore == MissingEarlierScore.Reweight
            ? parts.Where(p => p.ScoreHundredths is not null).Sum(p => p.WeightPercent)
            : 100;
        return (divisor == 0 ? 0 : sum / divisor, parts, missing);
    }

    private sealed record Scored(int EntryId, ExactAggregate Own, decimal OwnScore, decimal? Jury, decimal Unrounded, int Official, IReadOnlyList<ScorePart> Parts, bool Missing);

    /// <summary>Splits one group of equal official scores with the breakers, recursively, into blocks still tied.</summary>
    private sealed class TieBreaking(Round round, IReadOnlyList<TieBreakerRule> breakers, Dictionary<int, List<SheetInput>> sheets,
        RankingContext context, int score, Dictionary<int, TieBreakerRule> decidedBy, Dictionary<int, TieBreakerKind> pending)
    {
        public IEnumerable<List<int>> Resolve(List<int> tied, int from)
        {
            if (tied.Count == 1) return [tied];
            if (from == breakers.Count) return [tied];
            var rule = breakers[from];
            var keys = Keys(rule, tied);
            if (keys is null)
            {
                foreach (var id in tied) pending[id] = rule.Kind;
                return Resolve(tied, from + 1);
            }
            var groups = tied.GroupBy(id => keys[id]).OrderByDescending(g => g.Key).Select(g => g.Order().ToList()).ToList();
            var blocks = new List<List<int>>();
            foreach (var g in groups)
            {
                if (g.Count == 1 && groups.Count > 1) decidedBy[g[0]] = rule;
                blocks.AddRange(Resolve(g, from + 1));
            }
            return blocks;
        }

        /// <summary>Higher key ranks first; null for a lot draw or a panel decision nobody has recorded yet.</summary>
        private Dictionary<int, decimal>? Keys(TieBreakerRule rule, List<int> tied)
        {
            switch (rule.Kind)
            {
                case TieBreakerKind.Criterion:
                    // The breaker names a shared line; a sheet on a track's own rubric is read at the same position
                    // (Rubric.BreakerLine), and a rubric without that position gives every sheet 0.
                    var method = round.Aggregation == AggregationMethod.ZScore ? AggregationMethod.Mean : round.Aggregation;
                    return tied.ToDictionary(id => id, id => ScoreAggregator.Exact(
                        [.. sheets[id].Select(s => Rubric.BreakerLine(round.Criteria, rule.CriterionId ?? 0, [.. s.CriterionHundredths.Keys]) is { } line
                            ? s.CriterionHundredths.GetValueOrDefault(line) : 0)],
                        method, round.TrimMinJudges, round.TrimCount).ScoreHundredths);
                case TieBreakerKind.TopScores:
                    var tops = tied.ToDictionary(id => id, _ => 0m);
                    foreach (var judge in tied.SelectMany(id => sheets[id]).GroupBy(s => s.JudgeUserId))
                    {
                        var given = judge.ToList();
                        if (given.Count < 2) continue;
                        var best = given.Max(s => s.TotalHundredths);
                        foreach (var s in given.Where(s => s.TotalHundredths == best)) tops[s.EntryId]++;
                    }
                    return tops;
                case TieBreakerKind.UntrimmedTotal:
                    return tied.ToDictionary(id => id, id => sheets[id].Average(s => (decimal)s.TotalHundredths));
                case TieBreakerKind.PanelDecision:
                    var decision = context.PanelDecisions.FirstOrDefault(d => d.ScoreHundredths == score && d.EntryIds.Order().SequenceEqual(tied));
                    if (decision is null) return null;
                    return tied.ToDictionary(id => id, id => -(decimal)IndexOf(decision.Order, id));
                case TieBreakerKind.EarlierSubmission:
                    return tied.ToDictionary(id => id,
                        id => context.EntrySubmittedAt.TryGetValue(id, out var at) ? -(decimal)at.Ticks : decimal.MinValue);
                case TieBreakerKind.LotDraw:
                    var draw = context.Draws.FirstOrDefault(d => d.ScoreHundredths == score && d.EntryIds.Order().SequenceEqual(tied));
                    if (draw is null) return null;
                    var order = LotDraw.Draw(tied, draw.Seed);
                    return tied.ToDictionary(id => id, id => -(decimal)IndexOf(order, id));
                default:
                    throw new InvalidOperationException($"Unknown tie-breaker {rule.Kind}.");
            }
        }

        private static int IndexOf(IReadOnlyList<int> order, int id)
        {
            for (var i = 0; i < order.Count; i++)
                if (order[i] == id) return i;
            return order.Count;
        }
    }
}
