namespace CompetitionHub.Web.Features.Awards;

/// <summary>
/// Dates the way certificates write them: 二〇二七年六月十八日 (Chinese numerals, the formal style of official seals), or
/// 2027年6月18日 with Arabic figures.
/// </summary>
public static class ChineseDate
{
    private const string Digits = "〇一二三四五六七八九";

    public static string Numerals(DateOnly date) =>
        $"{string.Concat(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => Digits[d - '0']))}年{Number(date.Month)}月{Number(date.Day)}日";

    public static string Figures(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>1..31 as 一 … 十 … 十九, 二十, 二十一 … 三十一.</summary>
    private static string Number(int n) => n switch
    {
        < 10 => Digits[n].ToString(),
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString()),
    };
}
