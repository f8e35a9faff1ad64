using System.Globalization;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Turns a track's <see cref="EligibilityRules"/> back into the sentences of a contest notice, in the reader's language,
/// so what contestants read is exactly what the system will check. Pure: no I/O, one sentence per rule that is set.
/// </summary>
public static class EligibilityText
{
    public static IReadOnlyList<string> Describe(EligibilityRules rules, IStringLocalizer t)
    {
        var lines = new List<string>();
        if (rules.ApplicantTypes.Count > 0)
            lines.Add(t["参赛主体：{0}", string.Join(t["、"], rules.ApplicantTypes.Distinct().Order().Select(a => t[ContestLabels.Applicant(a)].Value))]);
        if (rules.RequireJilinRegistration)
            lines.Add(t["须在吉林省注册（统一社会信用代码以 22 开头）"]);
        if (rules.FoundedWithinYears is { } within)
            lines.Add(t["成立不超过 {0} 年", within]);
        if (rules.FoundedAtLeastYears is { } atLeast)
            lines.Add(t["成立满 {0} 年", atLeast]);
        if (rules.RevenueCapYuan is { } cap)
            lines.Add(t["上一年度营业收入不超过 {0}", Money(cap, t)]);
        if (rules.BarPreviousWinners)
            lines.Add(t["往届获奖企业不得参赛"]);
        if (rules.LeaderMustBeFemale)
            lines.Add(t["团队负责人须为女性"]);
        if (rules.LeaderStudentOrGraduatedWithinYears is { } graduated)
            lines.Add(graduated == 0
                ? t["团队负责人须为在校学生"]
                : t["团队负责人须为在校学生或毕业不超过 {0} 年", graduated]);
        if (rules.RequireRuralAttestation)
            lines.Add(t["项目须扎根农村（需提供相关证明）"]);
        return lines;
    }

    /// <summary>
    /// Chinese contest rules speak in 万元 (ten thousand yuan); a cap that is not a whole number of 万, and any amount
    /// for an English reader (who has no 万), is shown in yuan.
    /// </summary>
    /// <summary>Amounts read in 万元, the unit they are typed in, in both languages.</summary>
    public static string Money(long yuan, IStringLocalizer t) =>
        t["{0} 万元", (yuan / 10_000m).ToString("#,0.##", CultureInfo.InvariantCulture)];
}
