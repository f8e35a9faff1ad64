using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Notifications;

namespace CompetitionHub.Tests.Advancement;

public sealed class AdvancementEmailTests
{
    private readonly EmailTemplates templates = new();

    private const string Model = """
        {"displayName":"李创业","contestName":"中国创新创业大赛","entryTitle":"人参 & <细胞>","roundName":"复赛","nextRoundName":"决赛",
         "backfilled":false,"link":"https://hub.example/entries/7"}
        """;

    [Theory]
    [InlineData(ConfirmAdvancement.AdvancedTemplate)]
    [InlineData(ConfirmAdvancement.NotAdvancedTemplate)]
    public async Task RenderAsync_HasChineseAndEnglishTextWithTheRounds_ForEveryAdvancementEmail(string template)
    {
        var zh = await templates.RenderAsync(template, "zh-CN", Model);
        var en = await templates.RenderAsync(template, "en", Model);

        Assert.Contains("决赛", zh.Text);
        Assert.Contains("复赛", zh.Text);
        Assert.Contains("您好", zh.Text);
        Assert.Contains("Hello", en.Text);
        Assert.Contains("https://hub.example/entries/7", en.Text);
        Assert.Contains("人参 &amp; &lt;细胞&gt;", zh.Html);
        Assert.NotEqual(zh.Subject, en.Subject);
    }

    [Fact]
    public async Task RenderAsync_SaysTheEntryIsABackfill_WhenItTookAWithdrawnEntrysPlace()
    {
        var zh = await templates.RenderAsync(ConfirmAdvancement.AdvancedTemplate, "zh-CN", Model.Replace("\"backfilled\":false", "\"backfilled\":true"));
        var normal = await templates.RenderAsync(ConfirmAdvancement.AdvancedTemplate, "zh-CN", Model);

        Assert.Contains("递补晋级", zh.Text);
        Assert.DoesNotContain("递补晋级", normal.Text);
        Assert.Contains("恭喜", normal.Text);
    }
}
