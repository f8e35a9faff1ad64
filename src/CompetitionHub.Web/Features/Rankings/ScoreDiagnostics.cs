namespace CompetitionHub.Web.Features.Rankings;

/// <summary>A judge's severity: the mean of their sheets' z against the other judges of the same entries.</summary>
public sealed record JudgeSeverity(string JudgeUserId, int Sheets, int Compared, double? MeanZ)
{
    /// <summary>A plain-language reading, as a resource key (Chinese text).</summary>
    public string Reading => MeanZ switch
    {
        null => "没有与其他评委共同评过的项目，无法比较。",
        <= -1 => "明显偏严：给分明显低于评同一项目的其他评委。",
        <= -0.5 => "偏严：给分低于评同一项目的其他评委。",
        < 0.5 => "与其他评委基本一致。",
        < 1 => "偏松：给分高于评同一项目的其他评委。",
        _ => "明显偏松：给分明显高于评同一项目的其他评委。",
    };
}

/// <summary>A total far from its entry's panel median (all amounts in hundredths).</summary>
public sealed record OutlierScore(int EntryId, string JudgeUserId, int TotalHundredths, decimal MedianHundredths,
    decimal DeviationHundredths, decimal ThresholdHundredths);

public enum AgreementMethod { KendallW, MeanSpearman }

/// <summary>How much a panel's judges agree on the order of the entries they scored.</summary>
public sealed record PanelAgreement(AgreementMethod Method, double? Value, int Judges, int Entries)
{
    /// <summary>A plain-language reading, as a resource key (Chinese text).</summary>
    public string Reading => Value switch
    {
        null => "可比较的评委或项目太少，无法计算一致性。",
        >= 0.7 => "评委的排序高度一致，排名结果可信。",
        >= 0.5 => "评委的排序基本一致。",
        >= 0.3 => "评委的排序一致性较弱，建议复核分歧较大的项目。",
        _ => "评委之间几乎没有一致的排序，建议复核评分标准和评分过程。",
    };
}

/// <summary>
/// Diagnostics for organizers; none of it changes a score. Definitions:
/// <list type="bullet">
/// <item><b>Severity</b> (mean z): for every sheet on an entry that at least two judges scored,
/// z = (total − the mean of that entry's totals) / S, S being the population standard deviation of all totals in the
/// round; a judge's severity is the mean of their z. Below 0 = stricter than the judges they shared entries with.
/// Reading: ≤ −1 clearly strict, ≤ −0.5 strict, under 0.5 in line, under 1 lenient, else clearly lenient.</item>
/// <item><b>Outlier</b>: on an entry with at least three sheets, a total whose distance from the entry's median is more
/// than max(3 × 1.4826 × MAD, 10 % of the rubric's full marks), MAD being the median absolute distance from that median
/// (1.4826 × MAD estimates a standard deviation robustly; the 10 % floor keeps a close panel from flagging a few points).
/// Without a rubric the floor is 10 points.</item>
/// <item><b>Agreement</b>: Kendall's W (with the correction for tied ranks) when every judge scored every entry of the
/// panel; ranks are 1 for the highest total, tied totals share the mean rank. When judges saw different entries (online
/// review) W is not defined, so the mean Spearman correlation over every pair of judges with at least three entries in
/// common is given instead (−1..1). Both read the same way: 0.7 and above strong, 0.5 fair, 0.3 weak, below that none.</item>
/// </list>
/// </summary>
public static class ScoreDiagnostics
{
    public static IReadOnlyList<JudgeSeverity> Severity(IReadOnlyList<SheetInput> sheets)
    {
        if (sheets.Count == 0) return [];
        var (_, sd) = RankingCalculator.MeanAndSd([.. sheets.Select(s => (double)s.TotalHundredths)]);
        var entryMeans = sheets.GroupBy(s => s.EntryId).Where(g => g.Count() >= 2)
            .ToDictionary(g => g.Key, g => g.Average(s => (double)s.TotalHundredths));
        return [.. sheets.GroupBy(s => s.JudgeUserId).Select(g =>
        {
            var zs = g.Where(s => entryMeans.ContainsKey(s.EntryId))
                .Select(s => sd > 0 ? (s.TotalHundredths - entryMeans[s.EntryId]) / sd : 0.0).ToList();
            return new JudgeSeverity(g.Key, g.Count(), zs.Count, zs.Count == 0 ? null : zs.Average());
        }).OrderBy(j => j.MeanZ ?? 0).ThenBy(j => j.JudgeUserId, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<OutlierScore> Outliers(IReadOnlyList<SheetInput> sheets, int fullMarksHundredths)
    {
        var floor = (fullMarksHundredths > 0 ? fullMarksHundredths : 10_000) / 10m;
        var outliers = new List<OutlierScore>();
        foreach (var entry in sheets.GroupBy(s => s.EntryId).Where(g => g.Count() >= 3).OrderBy(g => g.Key))
        {
            var median = Median([.. entry.Select(s => (decimal)s.TotalHundredths)]);
            var mad = Median([.. entry.Select(s => Math.Abs(s.TotalHundredths - median))]);
            var threshold = Math.Max(3 * 1.4826m * mad, floor);
            outliers.AddRange(entry.Where(s => Math.Abs(s.TotalHundredths - median) > threshold).OrderBy(s => s.JudgeUserId, StringComparer.Ordinal)
                .Select(s => new OutlierScore(entry.Key, s.JudgeUserId, s.TotalHundredths, median, s.TotalHundredths - median, threshold)));
        }
        return outliers;
    }

    /// <summary>Kendall's W when the design is complete, the mean pairwise Spearman correlation otherwise.</summary>
    public static PanelAgreement Agreement(IReadOnlyList<SheetInput> sheets)
    {
        var judges = sheets.Select(s => s.JudgeUserId).Distinct().Order(StringComparer.Ordinal).ToList();
        var entries = sheets.Select(s => s.EntryId).Distinct().Order().ToList();
        var totals = sheets.ToDictionary(s => (s.JudgeUserId, s.EntryId), s => (double)s.TotalHundredths);
        if (totals.Count == judges.Count * entries.Count)
        {
            var matrix = judges.Select(j => (IReadOnlyList<double>)[.. entries.Select(e => totals[(j, e)])]).ToList();
            return new PanelAgreement(AgreementMethod.KendallW, KendallW(matrix), judges.Count, entries.Count);
        }
        var correlations = new List<double>();
        for (var a = 0; a < judges.Count; a++)
        for (var b = a + 1; b < judges.Count; b++)
        {
            var common = entries.Where(e => totals.ContainsKey((judges[a], e)) && totals.ContainsKey((judges[b], e))).ToList();
            if (common.Count < 3) continue;
            if (Spearman([.. common.Select(e => totals[(judges[a], e)])], [.. common.Select(e => totals[(judges[b], e)])]) is { } rho)
                correlations.Add(rho);
        }
        return new PanelAgreement(AgreementMethod.MeanSpearman, correlations.Count == 0 ? null : correlations.Average(),
            judges.Count, entries.Count);
    }

    /// <summary>
    /// Kendall's coefficient of concordance for m judges (rows) × n entries (columns), every cell filled:
    /// W = 12·S / (m²·(n³ − n) − m·Σ T), S = Σ (R_i − m(n + 1)/2)² over the entries' rank sums R_i, T = Σ (t³ − t) over each
    /// judge's groups of t tied totals. Null with fewer than 2 judges or entries, or when every judge tied everything.
    /// </summary>
    public static double? KendallW(IReadOnlyList<IReadOnlyList<double>> scoresByJudge)
    {
        var m = scoresByJudge.Count;
        var n = m == 0 ? 0 : scoresByJudge[0].Count;
        if (m < 2 || n < 2) return null;
        var rankSums = new double[n];
        double ties = 0;
        foreach (var row in scoresByJudge)
        {
            var ranks = Ranks(row);
            for (var i = 0; i < n; i++) rankSums[i] += ranks[i];
            ties += row.GroupBy(x => x).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        }
        var meanSum = m * (n + 1) / 2.0;
        var s = rankSums.Sum(r => (r - meanSum) * (r - meanSum));
        var denominator = (double)m * m * (Math.Pow(n, 3) - n) - m * ties;
        return denominator <= 0 ? null : 12 * s / denominator;
    }

    /// <summary>Spearman's rho: Pearson's correlation of the mean ranks; null when either side has no spread.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        var (mx, sx) = RankingCalculator.MeanAndSd(rx);
        var (my, sy) = RankingCalculator.MeanAndSd(ry);
        if (sx == 0 || sy == 0) return null;
        var covariance = rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum() / rx.Count;
        return covariance / (sx * sy);
    }

    /// <summary>Rank 1 = the highest value; equal values share the mean of the ranks they span.</summary>
    internal static IReadOnlyList<double> Ranks(IReadOnlyList<double> values)
    {
        var order = values.Select((v, i) => (v, i)).OrderByDescending(p => p.v).ToList();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            while (end + 1 < order.Count && order[end + 1].v == order[start].v) end++;
            var mean = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k].i] = mean;
            start = end + 1;
        }
        return ranks;
    }

    private static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
