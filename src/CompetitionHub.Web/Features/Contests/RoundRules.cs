using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>An earlier round a weighted round counts, with the rules its own score is computed by.</summary>
public sealed record WeightedRound(int RoundId, string Name, string NameEn, int WeightPercent, string Method, int TrimCount,
    int TrimMinJudges, int FullMarksHundredths)
{
    /// <summary>The earlier round's <see cref="RoundRules.TrimFallback"/>: a refused score there counts as missing here.</summary>
    public string TrimFallback { get; init; } = nameof(Contests.TrimFallback.Mean);

    /// <summary>The earlier round's judge groups (<see cref="RoundRules.JudgeGroups"/>).</summary>
    public IReadOnlyList<JudgeGroupRule> JudgeGroups { get; init; } = [];

    /// <summary>The earlier round's public jury weight and full marks (<see cref="RoundRules.PublicJuryWeightPercent"/>):
    /// its own score mixes its votes in the same way.</summary>
    public int PublicJuryWeightPercent { get; init; }

    public int PublicJuryFullMarksHundredths { get; init; }
}

/// <summary>
/// One judge group of a round as the rules state it: <see cref="Number"/> is its place in the round's group order
/// (1, 2, …), <see cref="Judges"/> how many judges are in it. <see cref="Seats"/> is filled only in a published version:
/// the seats (评委1, 评委2 … of that version's sheets) of the group's judges who scored, so the groups can be recomputed
/// without naming a judge.
/// </summary>
public sealed record JudgeGroupRule(int Number, string Name, string NameEn, int WeightPercent, int Judges)
{
    public IReadOnlyList<int> Seats { get; init; } = [];
}

/// <summary>One tie-breaker in the order the round applies them (<see cref="TieBreakerRule.Token"/> and its parts).</summary>
public sealed record BreakerRule(string Token, string Kind, int? CriterionId);

/// <summary>One line of the rubric as the rules state it.</summary>
/// <param name="TrackId">The track whose own rubric the line belongs to; null for a line of the shared rubric.</param>
public sealed record CriterionRule(int Id, string Name, string NameEn, int MaxPointsHundredths, int? WeightPercent, int? TrackId = null,
    int StepHundredths = 0);

/// <summary>One sentence of the method statement; <see cref="Key"/> names the setting it states.</summary>
public sealed record StatementLine(string Key, string Label, string Text);

/// <summary>A setting whose statement changed between two versions of the rules.</summary>
public sealed record RuleDifference(string Label, string Before, string After);

/// <summary>
/// A round's ranking rules in data: what the calculator applies, what a published version stores
/// (<c>RankingVersion.Rules</c>), what a rule change records before and after, and what the public method statement
/// says in words (<see cref="RulesStatement"/>). This is the one place a ranking setting is added: a property here, a line
/// in <see cref="From"/>, and a sentence in <see cref="RulesStatement.Lines"/>; freezing, the change notice, the public
/// pages, the API and the exports then follow.
/// </summary>
public sealed record RoundRules
{
    /// <summary>The one rounding: the final score (after any weighting) to whole hundredths, half up, once.</summary>
    public const string HalfUpTwoDecimalsOnce = "HalfUp2Once";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int RoundId { get; init; }

    /// <summary><see cref="AggregationMethod"/> by name.</summary>
    public string Method { get; init; } = nameof(AggregationMethod.Mean);

    /// <summary>k of a trimmed mean: k highest and k lowest totals are dropped.</summary>
    public int TrimCount { get; init; } = 1;

    /// <summary>A trimmed mean drops totals only when at least max(this, 2k + 1) judges scored; otherwise it is the plain mean.</summary>
    public int TrimMinJudges { get; init; } = 5;

    /// <summary>The rubric's full marks: ZScore clamps a score to [0, this].</summary>
    public int FullMarksHundredths { get; init; }

    /// <summary>This round's own weight when earlier rounds are weighted in (100 when none is).</summary>
    public int OwnWeightPercent { get; init; } = 100;

    /// <summary>Earlier rounds whose unrounded own scores are weighted in, ordered by round id.</summary>
    public IReadOnlyList<WeightedRound> EarlierRounds { get; init; } = [];

    /// <summary><see cref="Contests.MissingEarlierScore"/> by name.</summary>
    public string MissingEarlierScore { get; init; } = nameof(Contests.MissingEarlierScore.Reweight);

    /// <summary>Weight w in percent of the public jury score in the own score (the public jury, Rankings); 0 = no public jury.</summary>
    public int PublicJuryWeightPercent { get; init; }

    /// <summary>F of the public jury score (votes ÷ V × F): 100 points for a weighted rubric, else Σ max points; 0 without a public jury.</summary>
    public int PublicJuryFullMarksHundredths { get; init; }

    /// <summary>Minimum official score to advance or be awarded (<see cref="Round.MinScoreHundredths"/>); null = none.</summary>
    public int? MinScoreHundredths { get; init; }

    /// <summary>Ranked per track × industry field (<see cref="Round.RankByIndustry"/>) rather than per track.</summary>
    public bool RankByIndustry { get; init; }

    public IReadOnlyList<BreakerRule> TieBreakers { get; init; } = [];

    public IReadOnlyList<CriterionRule> Criteria { get; init; } = [];

    public string Rounding { get; init; } = HalfUpTwoDecimalsOnce;

    /// <summary>
    /// <see cref="Contests.TrimFallback"/> by name: what a TrimmedMean does with fewer judges than trimming needs (the
    /// plain mean, or no score and no rank: 评委人数不足).
    /// </summary>
    public string TrimFallback { get; init; } = nameof(Contests.TrimFallback.Mean);

    /// <summary>The round's judge groups in order (none = every judge counts alike); see <c>RankingCalculator.ScoreEntry</c> in Rankings.</summary>
    public IReadOnlyList<JudgeGroupRule> JudgeGroups { get; init; } = [];

    /// <summary>
    /// Which judge is in which group, as a digest (SHA-256 of the ordered "judge id:group number" lines, first 16 hex
    /// digits; "" without groups): moving a judge to another group changes the rules as much as a weight does, and this
    /// makes it count as a change without publishing who the judges are.
    /// </summary>
    public string JudgeGroupMembership { get; init; } = "";

    /// <param name="contestRounds">The contest's rounds with their criteria (for the earlier rounds a weighted round counts).</param>
    public static RoundRules From(Round round, IEnumerable<Round> contestRounds)
    {
        var rounds = contestRounds.ToDictionary(r => r.Id);
        return new RoundRules
        {
            RoundId = round.Id,
            Method = round.Aggregation.ToString(),
            TrimCount = round.TrimCount,
            TrimMinJudges = round.TrimMinJudges,
            FullMarksHundredths = Rubric.FullMarksHundredths(round),
            OwnWeightPercent = RankingRules.OwnWeightPercent(round),
            EarlierRounds = [.. RankingRules.EarlierWeights(round).OrderBy(w => w.RoundId).Select(w => rounds.GetValueOrDefault(w.RoundId) is { } r
                ? new WeightedRound(r.Id, r.Name, r.NameEn, w.WeightPercent, r.Aggregation.ToString(), r.TrimCount, r.TrimMinJudges,
                    Rubric.FullMarksHundredths(r)) {
                    TrimFallback = r.TrimFallback.ToString(), JudgeGroups = Groups(r), PublicJuryWeightPercent = r.PublicJuryWeightPercent,
                    PublicJuryFullMarksHundredths = r.PublicJuryWeightPercent > 0 ? Rubric.FullMarksHundredths(r) : 0,
                }
                : new WeightedRound(w.RoundId, "", "", w.WeightPercent, "", 0, 0, 0))],
            MissingEarlierScore = round.MissingEarlierScore.ToString(),
            PublicJuryWeightPercent = round.PublicJuryWeightPercent,
            PublicJuryFullMarksHundredths = round.PublicJuryWeightPercent > 0 ? Rubric.FullMarksHundredths(round) : 0,
            MinScoreHundredths = round.MinScoreHundredths,
            RankByIndustry = round.RankByIndustry,
            TieBreakers = [.. RankingRules.TieBreakers(round).Select(b => new BreakerRule(b.Token, b.Kind.ToString(), b.CriterionId))],
            Criteria = [.. round.Criteria.OrderBy(c => c.Sequence)
                .Select(c => new CriterionRule(c.Id, c.Name, c.NameEn, c.MaxPointsHundredths, c.WeightPercent, c.TrackId, c.StepHundredths))],
            TrimFallback = round.TrimFallback.ToString(),
            JudgeGroups = Groups(round),
            JudgeGroupMembership = Membership(round),
        };
    }

    /// <summary>The round's groups in order; a round loaded without its groups states none.</summary>
    private static List<JudgeGroupRule> Groups(Round round)
    {
        var ordered = round.JudgeGroups.OrderBy(g => g.Sequence).ToList();
        return [.. ordered.Select((g, i) => new JudgeGroupRule(i + 1, g.Name, g.NameEn, g.WeightPercent,
            round.JudgeGroupMembers.Count(m => GroupOf(m, ordered) == g)))];
    }

    private static string Membership(Round round)
    {
        if (round.JudgeGroups.Count == 0) return "";
        var ordered = round.JudgeGroups.OrderBy(g => g.Sequence).ToList();
        var lines = round.JudgeGroupMembers.OrderBy(m => m.JudgeUserId, StringComparer.Ordinal)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.JudgeUserId}:{ordered.IndexOf(GroupOf(m, ordered)!) + 1}\n"));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(lines)));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>A member's group: the navigation while a form moves the judge (the key follows on save), else the key.</summary>
    private static JudgeGroup? GroupOf(JudgeGroupMember m, List<JudgeGroup> groups) =>
        m.Group ?? groups.FirstOrDefault(g => g.Id == m.JudgeGroupId && g.Id != 0);

    /// <summary>
    /// The rules as a published version stores them: each judge group also lists the seats of its judges in that
    /// version's sheets (<paramref name="seatsOf"/>: round id → judge id → seat), this round's and the earlier rounds'.
    /// </summary>
    public RoundRules WithSeats(IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> seatsOf, IReadOnlyDictionary<int, JudgeGrouping> groupings)
    {
        List<JudgeGroupRule> Seated(int roundId, IReadOnlyList<JudgeGroupRule> groups)
        {
            if (groups.Count == 0 || !groupings.TryGetValue(roundId, out var grouping)) return [.. groups];
            var seats = seatsOf.GetValueOrDefault(roundId) ?? new Dictionary<string, int>();
            return [.. groups.Select(g => g with
            {
                Seats = [.. seats.Where(s => grouping.GroupOf.TryGetValue(s.Key, out var id) && grouping.NumberOf(id) == g.Number)
                    .Select(s => s.Value).Order()],
            })];
        }
        return this with
        {
            JudgeGroups = Seated(RoundId, JudgeGroups),
            EarlierRounds = [.. EarlierRounds.Select(r => r with { JudgeGroups = Seated(r.RoundId, r.JudgeGroups) })],
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored rules, or null for "" (a version published before rules were stored).</summary>
    public static RoundRules? FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<RoundRules>(json, Json);

    /// <summary>Same rules: compared as stored, so a list that changed counts as a change.</summary>
    public bool SameAs(RoundRules other) => ToJson() == other.ToJson();
}

/// <summary>
/// The method statement in words (zh-CN through the resource keys, English through SharedResource.en), built from
/// <see cref="RoundRules"/> only, so the words always say what the data says.
/// </summary>
public static class RulesStatement
{
    public static IReadOnlyList<StatementLine> Lines(RoundRules rules, IStringLocalizer t) =>
    [
        new("method", t["计分方式"], Method(rules.Method, rules.TrimCount, rules.TrimMinJudges, rules.FullMarksHundredths, rules.TrimFallback, t)),
        new("judgeGroups", t["评委分组"], JudgeGroups(rules, t)),
        new("judges", t["评委人数"], t["每个项目列出评审组评委数（分配到该项目或其路演场次评审组的评委）、提交评分的评委数、去掉的评分数和计入得分的评委数。"]),
        new("weighting", t["赛段加权"], Weighting(rules, t)),
        new("publicJury", t["大众评审（人气分）"], PublicJuryText(rules, t)),
        new("minScore", t["最低晋级（获奖）分数"], MinScoreText(rules, t)),
        new("groups", t["排名分组"], rules.RankByIndustry
            ? t["按“组别 × 行业领域”分组，各组分别排名，每组有自己的晋级名额；奖项按组别评定。"]
            : t["按组别分别排名。"]),
        new("rounding", t["舍入"], t["得分（含加权）全部计算完成后只舍入一次：四舍五入保留两位小数。"]),
        new("tieBreakers", t["同分决胜"], rules.TieBreakers.Count == 0
            ? t["未设决胜规则：得分相同的项目名次并列，下一名次顺延。"]
            : t["依次使用：{0}。全部规则用完仍相同的项目名次并列，下一名次顺延。",
                string.Join(t["；"], rules.TieBreakers.Select((b, i) => $"{i + 1}. {Breaker(b.Token, rules, t)}"))]),
    ];

    /// <summary>The same statement in a given language (for the API and the exports, which carry both).</summary>
    public static IReadOnlyList<StatementLine> Lines(RoundRules rules, IStringLocalizer t, CultureInfo culture)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return Lines(rules, t); }
        finally { CultureInfo.CurrentUICulture = reader; }
    }

    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The settings whose statement differs, before and after (a change the words do not show is listed as such).</summary>
    public static IReadOnlyList<RuleDifference> Differences(RoundRules before, RoundRules after, IStringLocalizer t)
    {
        var old = Lines(before, t).ToDictionary(l => l.Key);
        var differences = Lines(after, t).Where(l => !old.TryGetValue(l.Key, out var o) || o.Text != l.Text)
            .Select(l => new RuleDifference(l.Label, old.TryGetValue(l.Key, out var o) ? o.Text : "", l.Text)).ToList();
        if (differences.Count == 0 && !before.SameAs(after))
            differences.Add(new RuleDifference(t["其他设置"], before.ToJson(), after.ToJson()));
        return differences;
    }

    /// <summary>A tie-breaker in words.</summary>
    public static string Breaker(string token, RoundRules rules, IStringLocalizer t)
    {
        var rule = TieBreakerRule.Parse(token);
        return rule?.Kind switch
        {
            TieBreakerKind.Criterion => t["评分项“{0}”得分高者优先", rules.Criteria.FirstOrDefault(c => c.Id == rule.CriterionId) is { } c
                ? Localized.Pick(c.Name, c.NameEn) : $"#{rule.CriterionId}"],
            TieBreakerKind.TopScores => t["获评委最高分次数多者优先"],
            TieBreakerKind.EarlierSubmission => t["报名提交时间早者优先"],
            TieBreakerKind.LotDraw => t["抽签（公布种子，任何人可复核）"],
            TieBreakerKind.UntrimmedTotal => t["全部评委总分的平均分（不去掉任何评分、不舍入）高者优先"],
            TieBreakerKind.PanelDecision => t["评审会决定（决定的名次和理由随结果公布）"],
            _ => token,
        };
    }

    /// <summary>Why an entry stands where it does among equal scores ("" when it had no equal score).</summary>
    public static string RankNote(bool scoreTied, bool tied, string decidedBy, RoundRules? rules, IStringLocalizer t)
    {
        if (decidedBy.Length > 0 && rules is not null) return t["同分，由“{0}”决定名次", Breaker(decidedBy, rules, t)];
        if (tied) return t["同分并列"];
        return scoreTied ? t["同分，由决胜规则决定名次"] : "";
    }

    /// <summary>Why an entry with sheets has no rank, in words.</summary>
    public static string UnrankedNote(UnrankedReason reason, IStringLocalizer t) => UnrankedReasons.Note(reason, t);

    private static string Method(string method, int k, int minJudges, int fullMarks, string fallback, IStringLocalizer t) =>
        Enum.TryParse<AggregationMethod>(method, out var m) ? m switch
        {
            AggregationMethod.TrimmedMean when fallback == nameof(Contests.TrimFallback.Refuse) =>
                t["去掉 {0} 个最高分和 {0} 个最低分后取平均（至少 {1} 位评委评分时）；评分评委更少的项目不计算成绩、不排名，标为“评委人数不足”。",
                    k, Math.Max(2 * k + 1, minJudges)],
            AggregationMethod.TrimmedMean => t["去掉 {0} 个最高分和 {0} 个最低分后取平均（至少 {1} 位评委评分时；评分评委更少时取全部评分的平均）。",
                k, Math.Max(2 * k + 1, minJudges)],
            AggregationMethod.Median => t["各评委总分的中位数（评委人数为偶数时取中间两个总分的平均）。"],
            AggregationMethod.ZScore => t["标准分：每位评委的总分按其本人在本赛段所评全部总分的平均分和总体标准差换算为 Z 分数（只评一份或所评全部相同的评委记 0），项目取其 Z 分数的平均，再按本赛段全部总分的平均分和总体标准差换算回分值，限定在 0 到满分 {0} 之间。",
                (fullMarks / 100m).ToString("0.##", CultureInfo.InvariantCulture)],
            _ => t["各评委总分的平均分。"],
        } : method;

    private static string JudgeGroups(RoundRules rules, IStringLocalizer t)
    {
        if (rules.JudgeGroups.Count == 0) return t["不设评委组：全部评委的评分同等计入。"];
        var groups = string.Join(t["，"], rules.JudgeGroups.Select(g => t["第 {0} 组“{1}”{2}%（{3} 位评委）", g.Number,
            Localized.Pick(g.Name, g.NameEn), g.WeightPercent, g.Judges]));
        return t["评委分为 {0} 组：{1}。每组按本赛段的计分方式计算组内得分（去掉最高分和最低分在组内进行），项目得分 = Σ（组权重 × 组得分）÷ 为该项目评过分的各组权重之和，不舍入；某组无人评分时按其余组的权重折算。不在任何评委组的评委的评分不计入，没有分组评委评分的项目不排名。公开数据按评委席位列出各组的评委。",
            rules.JudgeGroups.Count, groups];
    }

    private static string Weighting(RoundRules rules, IStringLocalizer t)
    {
        if (rules.EarlierRounds.Count == 0) return t["不与前序赛段加权：得分即本赛段成绩。"];
        var parts = string.Join(t["，"], rules.EarlierRounds.Select(r => r.PublicJuryWeightPercent > 0
            ? t["“{0}”{1}%（其成绩含 {2}% 人气分）", Localized.Pick(r.Name, r.NameEn), r.WeightPercent, r.PublicJuryWeightPercent]
            : t["“{0}”{1}%", Localized.Pick(r.Name, r.NameEn), r.WeightPercent]));
        var missing = rules.MissingEarlierScore == nameof(Contests.MissingEarlierScore.CountAsZero)
            ? t["缺少的赛段按 0 分计"] : t["按已有赛段的权重重新折算"];
        return t["本赛段 {0}%，{1}；加权用各赛段未经舍入的成绩。缺少前序赛段成绩时：{2}。", rules.OwnWeightPercent, parts, missing];
    }

    private static string PublicJuryText(RoundRules rules, IStringLocalizer t) => rules.PublicJuryWeightPercent == 0
        ? t["不设大众评审：得分只由评委评分计算。"]
        : t["人气分占 {0}%，评委得分占 {1}%。人气分 = 该项目票数 ÷ 本赛段得票最多的项目的票数 × 满分 {2}（不舍入）；本赛段得分 = ({1} × 评委得分 + {0} × 人气分) ÷ 100（不舍入），之后才进行赛段加权和唯一一次舍入。未获投票的项目人气分为 0；本赛段无人投票时不计人气分，只用评委得分。每个登录账号对每个项目限投一票。",
            rules.PublicJuryWeightPercent, 100 - rules.PublicJuryWeightPercent, Points(rules.PublicJuryFullMarksHundredths)];

    private static string MinScoreText(RoundRules rules, IStringLocalizer t) => rules.MinScoreHundredths is { } min
        ? t["{0} 分：与舍入后的正式得分比较。低于该分数的项目保留名次，但不占晋级名额、不递补、不获奖，其名额空缺。", Points(min)]
        : t["未设最低晋级（获奖）分数。"];

    private static string Points(int hundredths) => (hundredths / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
