using System.Globalization;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Tests.Infrastructure;

public sealed class TranslatedNamesTests
{
    [Fact]
    public void Align_KeepsEachNamesOwnEnglish_WhenAChineseNameIsRepeated()
    {
        var (chinese, english) = TranslatedNames.Align(["电子信息", "生物医药", "电子信息", "新材料"],
            ["Electronics", "", "Electronics again", "New materials", ""], StringComparer.Ordinal);

        Assert.Equal(["电子信息", "生物医药", "新材料"], chinese);
        Assert.Equal(["Electronics", "", "New materials"], english);
    }

    [Fact]
    public void Show_FallsBackToChinese_WhenTheEnglishIsBlankOrMissing()
    {
        var names = TranslatedNames.Across([new(["电子信息", "生物医药"], ["Electronics", " "]), new(["生物医药", "新材料"], ["Biomedicine"])]);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal(["Electronics", "Biomedicine", "新材料", ""], new[] { "电子信息", "生物医药", "新材料", "" }.Select(names.Show));
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("电子信息", names.Show("电子信息"));
            Assert.Equal("Electronics", names.English("电子信息"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
