using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>What people are told about a credit code they typed, in their language.</summary>
public static class CreditCodeMessages
{
    /// <summary>Why the input cannot be a credit code at all (null: it can). A wrong check character is not such a reason.</summary>
    public static string? Problem(IStringLocalizer t, string? input)
    {
        var code = CreditCode.Normalize(input) ?? "";
        return CreditCode.Check(input) switch
        {
            CreditCodeProblem.Missing => t["请填写统一社会信用代码。"].Value,
            CreditCodeProblem.WrongLength => t["统一社会信用代码应为 18 位，您填写了 {0} 位。", code.Length].Value,
            CreditCodeProblem.InvalidCharacter => t["统一社会信用代码只包含数字和大写字母（不含 I、O、S、V、Z），请核对。"].Value,
            _ => null,
        };
    }

    /// <summary>
    /// For a well-formed code whose check character disagrees with GB 32100: the character the standard expects and the
    /// two explanations (an early code from a pilot region, or a typo). Null for any other input. Such a code is saved;
    /// this tells the person what to look at.
    /// </summary>
    public static string? Warning(IStringLocalizer t, string? input)
    {
        if (CreditCode.Check(input) != CreditCodeProblem.WrongCheckCharacter) return null;
        var code = CreditCode.Normalize(input)!;
        return t["统一社会信用代码 {0} 的第 18 位（校验位）按国家标准 GB 32100 应为 {1}，您填写的是 {2}。若与营业执照上的代码完全一致，它可能是国家标准实施前在试点地区赋予的早期代码，可以照常保存；否则请检查是否输入有误。",
            code, CreditCode.ExpectedCheckCharacter(code), code[17]].Value;
    }
}
