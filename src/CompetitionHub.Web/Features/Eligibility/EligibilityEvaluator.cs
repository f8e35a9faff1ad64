using System.Globalization;

namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>What an entry declares about itself that the rules look at.</summary>
public sealed record EligibilityFacts(
    ApplicantType ApplicantType,
    string? CreditCode,
    DateOnly? FoundedOn,
    long? AnnualRevenueYuan,
    Gender? LeaderGender,
    bool LeaderIsStudent,
    int? LeaderGraduationYear,
    bool RuralAttestation);

/// <summary>
/// One rule's verdict. <see cref="Message"/> is a resource key (the Chinese text, with {0}-style holes) and
/// <see cref="Args"/> its values, so the same outcome reads in the contestant's language and the organizer's.
/// </summary>
public sealed record RuleVerdict(string Rule, bool Passed, string Message, object[] Args)
{
    /// <summary>The message in Chinese, the form kept in the entry's eligibility report.</summary>
    public string ChineseText => string.Format(CultureInfo.GetCultureInfo("zh-CN"), Message, Args.Select(a => Arg(a, k => k)).ToArray());

    /// <summary>The message in the current UI culture; applicant types among the values are translated too.</summary>
    public string Localize(Microsoft.Extensions.Localization.IStringLocalizer t) =>
        t[Message, Args.Select(a => Arg(a, k => t[k])).ToArray()];

    private static object Arg(object value, Func<string, string> translate) => value switch
    {
        ApplicantType type => translate(EligibilityEvaluator.Name(type)),
        ApplicantType[] types => string.Join(translate("、"), types.Select(x => translate(EligibilityEvaluator.Name(x)))),
        _ => value,
    };
}

/// <summary>
/// Checks an entry's facts against a track's rules, every applicable rule, each with a message a contestant can act on.
/// Pure: the caller brings the facts, the rules, the date they are judged at (the registration deadline) and the
/// previous winners' credit codes.
/// </summary>
public static class EligibilityEvaluator
{
    public static IReadOnlyList<RuleVerdict> Evaluate(EligibilityRules rules, EligibilityFacts facts, DateOnly asOf,
        IReadOnlySet<string> previousWinners)
    {
        var verdicts = new List<RuleVerdict>();
        if (rules.ApplicantTypes.Count > 0)
        {
            var accepted = rules.ApplicantTypes.Contains(facts.ApplicantType);
            verdicts.Add(new("applicant-type", accepted,
                accepted ? "申报主体类型符合要求（{0}）。" : "本组别仅接受{0}报名，您选择的是{1}。",
                accepted ? [facts.ApplicantType] : [rules.ApplicantTypes.ToArray(), facts.ApplicantType]));
        }

        if (facts.ApplicantType == ApplicantType.Enterprise)
            EvaluateEnterprise(rules, facts, asOf, previousWinners, verdicts);

        if (rules.LeaderMustBeFemale)
        {
            var passed = facts.LeaderGender == Gender.Female;
            verdicts.Add(new("leader-female", passed,
                passed ? "团队负责人为女性。" : "本赛事要求团队负责人为女性，请核对负责人性别。", []));
        }

        if (rules.LeaderStudentOrGraduatedWithinYears is { } years)
        {
            var passed = facts.LeaderIsStudent || (facts.LeaderGraduationYear is { } graduated && asOf.Year - graduated <= years && graduated <= asOf.Year);
            verdicts.Add(new("leader-student-or-graduate", passed,
                passed ? "团队负责人为在校学生或毕业不超过 {0} 年。"
                       : facts.LeaderGraduationYear is null && !facts.LeaderIsStudent
                           ? "团队负责人须为在校学生或毕业不超过 {0} 年的毕业生，请填写在读情况或毕业年份。"
                           : "团队负责人须为在校学生或毕业不超过 {0} 年的毕业生（{1} 年及以后毕业），填报的毕业年份为 {2}。",
                [years, asOf.Year - years, facts.LeaderGraduationYear?.ToString(CultureInfo.InvariantCulture) ?? ""]));
        }

        if (rules.RequireRuralAttestation)
        {
            verdicts.Add(new("rural-attestation", facts.RuralAttestation,
                facts.RuralAttestation ? "已确认项目扎根农村。" : "本赛事要求项目扎根农村、带动农民增收，请确认项目的农村属性。", []));
        }
        return verdicts;
    }

    private static void EvaluateEnterprise(EligibilityRules rules, EligibilityFacts facts, DateOnly asOf,
        IReadOnlySet<string> previousWinners, List<RuleVerdict> verdicts)
    {
        var problem = CreditCode.Check(facts.CreditCode);
        var code = CreditCode.Normalize(facts.CreditCode) ?? "";
        verdicts.Add(problem switch
        {
            CreditCodeProblem.None => new("credit-code", true, "统一社会信用代码 {0} 格式正确。", [code]),
            CreditCodeProblem.Missing => new("credit-code", false, "企业申报须填写统一社会信用代码。", []),
            CreditCodeProblem.WrongLength => new("credit-code", false, "统一社会信用代码应为 18 位，您填写了 {0} 位。", [code.Length]),
            CreditCodeProblem.InvalidCharacter => new("credit-code", false, "统一社会信用代码只包含数字和大写字母（不含 I、O、S、V、Z），请核对。", []),
            _ => new("credit-code", false, "统一社会信用代码 {0} 的校验位不正确，请对照营业执照核对。", [code]),
        });
        var validCode = problem == CreditCodeProblem.None;

        if (rules.RequireJilinRegistration)
        {
            var inJilin = validCode && CreditCode.IsRegisteredInJilin(code);
            verdicts.Add(new("jilin-registration", inJilin,
                inJilin ? "企业在吉林省注册（登记管理机关行政区划码 {0}）。"
                        : validCode ? "本赛事仅限在吉林省注册的企业参加：统一社会信用代码第 3–8 位应为 22 开头的吉林省行政区划码，当前为 {0}。"
                                    : "本赛事仅限在吉林省注册的企业参加，请先填写正确的统一社会信用代码。",
                [validCode ? CreditCode.RegionCode(code) : ""]));
        }

        if (rules.FoundedWithinYears is { } within)
        {
            var earliest = asOf.AddYears(-within);
            verdicts.Add(facts.FoundedOn is not { } founded
                ? new("founded-within", false, "请填写企业成立日期。", [])
                : founded >= earliest
                    ? new("founded-within", true, "企业成立不超过 {0} 年（成立于 {1}）。", [within, Day(founded)])
                    : new("founded-within", false, "本组别要求企业成立不超过 {0} 年（{1} 及以后成立），贵企业成立于 {2}。", [within, Day(earliest), Day(founded)]));
        }

        if (rules.FoundedAtLeastYears is { } atLeast)
        {
            var latest = asOf.AddYears(-atLeast);
            verdicts.Add(facts.FoundedOn is not { } founded
                ? new("founded-at-least", false, "请填写企业成立日期。", [])
                : founded <= latest
                    ? new("founded-at-least", true, "企业成立已满 {0} 年（成立于 {1}）。", [atLeast, Day(founded)])
                    : new("founded-at-least", false, "本组别要求企业成立满 {0} 年（{1} 及以前成立），贵企业成立于 {2}。", [atLeast, Day(latest), Day(founded)]));
        }

        if (rules.RevenueCapYuan is { } cap)
        {
            verdicts.Add(facts.AnnualRevenueYuan is not { } revenue
                ? new("revenue-cap", false, "请填写上一年度营业收入。", [])
                : revenue <= cap
                    ? new("revenue-cap", true, "上一年度营业收入 {0} 万元，未超过 {1} 万元。", [TenThousands(revenue), TenThousands(cap)])
                    : new("revenue-cap", false, "本组别要求上一年度营业收入不超过 {1} 万元，填报为 {0} 万元。", [TenThousands(revenue), TenThousands(cap)]));
        }

        if (rules.BarPreviousWinners && validCode)
        {
            var won = previousWinners.Contains(code);
            verdicts.Add(new("previous-winner", !won,
                won ? "该企业（{0}）曾在往届赛事中获奖，按规则不能再次参赛。" : "该企业不在往届获奖名单中。", [code]));
        }
    }

    internal static string Name(ApplicantType type) => type == ApplicantType.Enterprise ? "已注册的企业" : "未注册企业的团队";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Yuan shown as 万元 (exact to the yuan), the unit Chinese contest rules use.</summary>
    private static string TenThousands(long yuan) => (yuan / 10_000m).ToString("0.####", CultureInfo.InvariantCulture);
}
