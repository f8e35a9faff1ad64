using System.Globalization;

namespace CompetitionHub.Web.Features.Contests;

public enum TieBreakerKind { Criterion, TopScores, EarlierSubmission, LotDraw, UntrimmedTotal, PanelDecision }

/// <summary>
/// One tie-breaker of a round. Each is applied only to entries still tied after the ones before it, and the higher
/// value ranks first:
/// <list type="bullet">
/// <item><b>Criterion</b>: the entry's score on that rubric line, by the round's method (Mean, TrimmedMean with the same
/// k and n, Median; ZScore rounds use the plain mean of that line), compared unrounded.</item>
/// <item><b>TopScores</b> (最高分个数): every judge who scored at least two of the still-tied entries gives one "top" to
/// each of those entries that got the judge's highest total among them (equal highest totals each get one); more tops
/// ranks first. It asks the panel head-to-head, so it also works when judges saw different entries.</item>
/// <item><b>UntrimmedTotal</b> (去掉最高最低分前的平均分): the plain mean of all the entry's submitted totals in the round,
/// every judge of every judge group, nothing dropped, compared unrounded.</item>
/// <item><b>EarlierSubmission</b>: the entry submitted earlier (Entry.SubmittedAt) ranks first; never submitted = last.</item>
/// <item><b>LotDraw</b> (抽签): the organizer's recorded <c>TieDraw</c> for exactly these still-tied entries at
/// this score decides; without one they stay tied and are flagged as needing a draw. Always the last breaker.</item>
/// <item><b>PanelDecision</b> (评审会决定): the order the panel decided for exactly these still-tied entries at this
/// score, recorded by an organizer with the panel's reason (<c>PanelDecision</c>), decides; without one they stay
/// tied and are flagged as needing a panel decision. Like LotDraw it settles every remaining place, so it is the last
/// breaker and a round has one or the other, not both.</item>
/// </list>
/// </summary>
public sealed record TieBreakerRule(TieBreakerKind Kind, int? CriterionId = null)
{
    public string Token => Kind == TieBreakerKind.Criterion ? $"Criterion:{CriterionId}" : Kind.ToString();

    public static TieBreakerRule? Parse(string? token)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token)) return null;
        if (token.StartsWith("Criterion:", StringComparison.Ordinal))
            return int.TryParse(token["Criterion:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? new TieBreakerRule(TieBreakerKind.Criterion, id) : null;
        return Enum.TryParse<TieBreakerKind>(token, out var kind) && kind != TieBreakerKind.Criterion
               && Enum.IsDefined(kind) && !int.TryParse(token, out _)
            ? new TieBreakerRule(kind) : null;
    }
}

/// <summary>The weight of one earlier round in a round's ranking.</summary>
public sealed record EarlierRoundWeight(int RoundId, int WeightPercent);

/// <summary>
/// Reads and writes the ranking settings a <see cref="Round"/> keeps as short text (its tie-breakers and the weights of
/// earlier rounds), so the calculator, the settings form and the audit trail share one spelling.
/// </summary>
public static class RankingRules
{
    public const int MaxTieBreakers = 5;
    public const int MaxJudgeGroups = 4;

    public static IReadOnlyList<TieBreakerRule> TieBreakers(Round round) =>
        [.. round.TieBreakers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(TieBreakerRule.Parse).OfType<TieBreakerRule>()];

    /// <summary>A breaker that waits for an organizer's record and then orders every still-tied entry: nothing can follow it.</summary>
    public static bool IsRecorded(TieBreakerKind kind) => kind is TieBreakerKind.LotDraw or TieBreakerKind.PanelDecision;

    public static string FormatTieBreakers(IEnumerable<TieBreakerRule> rules) => string.Join(",", rules.Select(r => r.Token));

    public static IReadOnlyList<EarlierRoundWeight> EarlierWeights(Round round) =>
        [.. round.EarlierRoundWeights.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':'))
            .Where(p => p.Length == 2 && int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        && int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => new EarlierRoundWeight(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))
            .Where(w => w.WeightPercent > 0)];

    public static string FormatEarlierWeights(IEnumerable<EarlierRoundWeight> weights) =>
        string.Join(";", weights.Where(w => w.WeightPercent > 0).OrderBy(w => w.RoundId)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.RoundId}:{w.WeightPercent}")));

    /// <summary>This round's own weight: what the earlier rounds leave of 100 %.</summary>
    public static int OwnWeightPercent(Round round) => 100 - EarlierWeights(round).Sum(w => w.WeightPercent);
}
