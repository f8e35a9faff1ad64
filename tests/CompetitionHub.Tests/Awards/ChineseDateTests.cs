using CompetitionHub.Web.Features.Awards;

namespace CompetitionHub.Tests.Awards;

public sealed class ChineseDateTests
{
    [Theory]
    [InlineData(2027, 6, 18, "二〇二七年六月十八日")]
    [InlineData(2027, 10, 1, "二〇二七年十月一日")]
    [InlineData(2030, 12, 20, "二〇三〇年十二月二十日")]
    [InlineData(2027, 1, 31, "二〇二七年一月三十一日")]
    [InlineData(2028, 11, 10, "二〇二八年十一月十日")]
    public void Numerals_WritesTheDateInChineseNumerals_ForCertificates(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, ChineseDate.Numerals(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Figures_WritesArabicFiguresWithChineseUnits_WhenAskedForTheShortForm()
    {
        Assert.Equal("2027年6月8日", ChineseDate.Figures(new DateOnly(2027, 6, 8)));
    }
}
