using CompetitionHub.Web.Features.Eligibility;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>What is wrong with a credit code a judge or organizer typed, as a localized message (null: fine).</summary>
public static class CreditCodeMessages
{
    public static string? Problem(IStringLocalizer t, string? input)
    {
        var code = CreditCode.Normalize(input) ?? "";
        return CreditCode.Check(input) switch
        {
            CreditCodeProblem.None => (string?)null,
            CreditCodeProblem.Missing => t["请填写统一社会信用代码。"].Value,
            CreditCodeProblem.WrongLength => t["统一社会信用代码应为 18 位，您填写了 {0} 位。", code.Length].Value,
            CreditCodeProblem.InvalidCharacter => t["统一社会信用代码只包含数字和大写字母（不含 I、O、S、V、Z），请核对。"].Value,
            _ => t["统一社会信用代码 {0} 的校验位不正确，请对照营业执照核对。", code].Value,
        };
    }
}
