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

    /// <summary>
    /// Like <see cref="Jilin"/>, but with a check character the standard does not give, as a code issued in an early
    /// pilot region before GB 32100 has: legal, saved with a warning, verified by the organizer.
    /// </summary>
    public static string EarlyPilot(int n)
    {
        var first17 = "91220101" + n.ToString("D9", CultureInfo.InvariantCulture);
        var check = CreditCode.CheckCharacter(first17);
        return first17 + CreditCode.Alphabet[(CreditCode.Alphabet.IndexOf(check) + 1) % CreditCode.Alphabet.Length];
    }
}
