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
    bool RuralAttestation,
    string? RegistrationProvince = null,
    string? RegistrationDistrict = null,
    CreditCodeVerification Verification = CreditCodeVerification.NotNeeded,
    string? VerificationReason = null);

/// <summary>A registration place as stated: a province code (its name translated when shown) and the city/district typed.</summary>
public sealed record StatedPlace(string Province, string? District);

/// <summary>
/// One rule's verdict. <see cref="Message"/> is a resource key (the Chinese text, with {0}-style holes) and
/// <see cref="Args"/> its values, so the same outcome reads in the contestant's language and the organizer's.
/// A <see cref="Pending"/> verdict is not passed: it waits for the organizer's check and does not stop a submission.
/// </summary>
public sealed record RuleVerdict(string Rule, bool Passed, string Message, object[] Args, bool Pending = false)
{
    /// <summary>The message in Chinese, the form kept in the entry's eligibility report.</summary>
    public string ChineseText => string.Format(CultureInfo.GetCultureInfo("zh-CN"), Message, Args.Select(a => Arg(a, k => k)).ToArray());

    /// <summary>The message in the current UI culture; applicant types among the values are translated too.</summary>
    public string Localize(Microsoft.Extensions.Localization.IStringLocalizer t) =>
        t[Message, Args.Select(a => Arg(a, k => t[k])).ToArray()];

    /// <summary>吉林省长春市南关区 in Chinese; "Jilin 长春市南关区" once the province reads in another language.</summary>
    private static string Join(string province, string? district, Func<string, string> translate)
    {
        var name = translate(province);
        return string.IsNullOrEmpty(district) ? name : name == province ? name + district : name + " " + district;
    }

    private static object Arg(object value, Func<string, string> translate) => value switch
    {
        ApplicantType type => translate(EligibilityEvaluator.Name(type)),
        ApplicantType[] types => string.Join(translate("、"), types.Select(x => translate(EligibilityEvaluator.Name(x)))),
        StatedPlace place => Join(Provinces.Name(place.Province) ?? place.Province, place.District, translate),
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
        var reason = facts.VerificationReason ?? "";
        verdicts.Add(problem switch
        {
            CreditCodeProblem.None => new("credit-code", true, "统一社会信用代码 {0} 格式正确。", [code]),
            CreditCodeProblem.Missing => new("credit-code", false, "企业申报须填写统一社会信用代码。", []),
            CreditCodeProblem.WrongLength => new("credit-code", false, "统一社会信用代码应为 18 位，您填写了 {0} 位。", [code.Length]),
            CreditCodeProblem.InvalidCharacter => new("credit-code", false, "统一社会信用代码只包含数字和大写字母（不含 I、O、S、V、Z），请核对。", []),
            _ => facts.Verification switch
            {
                CreditCodeVerification.Confirmed => new("credit-code", true, "信用代码经主办方核验：{0} 与营业执照一致。核验说明：{1}", [code, reason]),
                CreditCodeVerification.Rejected => new("credit-code", false, "主办方核验未通过统一社会信用代码 {0}。说明：{1}", [code, reason]),
                _ => new("credit-code", false,
                    "统一社会信用代码 {0} 的校验位按国家标准 GB 32100 应为 {1}，与填写的 {2} 不符：可能是国家标准实施前试点地区赋予的早期代码，也可能输入有误。请上传营业执照，待主办方核验。",
                    [code, CreditCode.ExpectedCheckCharacter(code), code[17]], Pending: true),
            },
        });
        var wellFormed = CreditCode.IsWellFormed(code);

        if (rules.RequireJilinRegistration)
        {
            var place = facts.RegistrationProvince is { } province ? new StatedPlace(province, facts.RegistrationDistrict) : null;
            verdicts.Add(place switch
            {
                null => new("jilin-registration", false, "本赛事仅限在吉林省注册的企业参加，请填写企业注册地。", []),
                { Province: not Provinces.Jilin } => new("jilin-registration", false, "本赛事仅限在吉林省注册的企业参加，您填报的注册地为{0}。", [place]),
                _ when !RelocatedIntoJilin(rules, facts) => new("jilin-registration", true, "企业填报的注册地为{0}，由主办方对照营业执照核对。", [place]),
                _ => facts.Verification switch
                {
                    CreditCodeVerification.Confirmed => new("jilin-registration", true, "注册地经主办方对照营业执照核验：{0}（信用代码登记机关行政区划码 {1}，企业迁址后代码不变）。核验说明：{2}",
                        [place, CreditCode.RegionCode(code), reason]),
                    CreditCodeVerification.Rejected => new("jilin-registration", false, "主办方核验未通过：营业执照上的注册地与填报的{0}不符。说明：{1}", [place, reason]),
                    _ => new("jilin-registration", false,
                        "企业填报的注册地为{0}，信用代码第 3–8 位（最初登记机关行政区划码）为 {1}。企业迁址后信用代码不变，请上传营业执照，待主办方核验注册地。",
                        [place, CreditCode.RegionCode(code)], Pending: true),
                },
            });
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

        if (rules.BarPreviousWinners && wellFormed)
        {
            var won = previousWinners.Contains(code);
            verdicts.Add(new("previous-winner", !won,
                won ? "该企业（{0}）曾在往届赛事中获奖，按规则不能再次参赛。" : "该企业不在往届获奖名单中。", [code]));
        }
    }

    /// <summary>
    /// Whether an enterprise's credit code needs an organizer's check against the business licence before the rules it
    /// affects can pass: its check character disagrees with GB 32100, or the track requires a Jilin registration, the
    /// applicant states Jilin and the code's region is elsewhere (a company that moved in).
    /// </summary>
    public static bool NeedsVerification(EligibilityRules rules, EligibilityFacts facts) =>
        facts.ApplicantType == ApplicantType.Enterprise
        && (CreditCode.Check(facts.CreditCode) == CreditCodeProblem.WrongCheckCharacter || RelocatedIntoJilin(rules, facts));

    private static bool RelocatedIntoJilin(EligibilityRules rules, EligibilityFacts facts) =>
        rules.RequireJilinRegistration && facts.RegistrationProvince == Provinces.Jilin
        && CreditCode.IsWellFormed(facts.CreditCode) && CreditCode.ProvinceOf(facts.CreditCode!) != Provinces.Jilin;

    /// <summary>
    /// For the organizer only: the province the code was first registered in, when it is not the one stated. A hint to
    /// look at the licence (companies keep their code when they move), never a reason to refuse. Null when they agree.
    /// </summary>
    public static string? RegionDisagreement(string? creditCode, string? statedProvince) =>
        statedProvince is not null && CreditCode.IsWellFormed(creditCode) && CreditCode.ProvinceOf(creditCode!) is var first
            && first != statedProvince ? first : null;

    internal static string Name(ApplicantType type) => type == ApplicantType.Enterprise ? "已注册的企业" : "未注册企业的团队";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Yuan shown as 万元 (exact to the yuan), the unit Chinese contest rules use.</summary>
    private static string TenThousands(long yuan) => (yuan / 10_000m).ToString("0.####", CultureInfo.InvariantCulture);
}
