using System.Globalization;
using CompetitionHub.Web.Features.Eligibility;

namespace CompetitionHub.TestSupport;

/// <summary>Valid 统一社会信用代码 for made-up companies, computed with the app's own check character.</summary>
public static class CreditCodes
{
    /// <summary>A company registered in 长春市 (region 220101), numbered <paramref name="n"/> (up to nine digits).</summary>
    public static string Jilin(int n)
    {
        var first17 = "91220101" + n.ToString("D9", CultureInfo.InvariantCulture);
        return first17 + CreditCode.CheckCharacter(first17);
    }
}
