using System.Text.Json;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Publication;

namespace CompetitionHub.Tests.Publication;

public sealed class ResultEmailTemplatesTests
{
    private readonly EmailTemplates templates = new();

    private static string ResultModel(bool tied) => JsonSerializer.Serialize(new
    {
        displayName = "李创业", contestName = "中国创新创业大赛（吉林赛区）", roundName = "网络评审", trackName = "初创组",
        entryTitle = "长白山 <人参> & 深加工", version = 2, rank = 3, tied, score = "86.50", judges = 5, endsAt = "2027-06-08 10:00",
        link = "https://hub.example/contests/1/rounds/2/results",
    });

    [Theory]
    [InlineData(PublishResults.AnnouncedTemplate)]
    [InlineData(PublishResults.FinalTemplate)]
    public async Task RenderAsync_TellsTheTeamItsRankAndScore_InChineseAndEnglish(string template)
    {
        var zh = await templates.RenderAsync(template, "zh-CN", ResultModel(tied: true));
        var en = await templates.RenderAsync(template, "en", ResultModel(tied: true));

        Assert.Contains("第 3 名（并列）", zh.Text);
        Assert.Contains("Rank: 3 (tied)", en.Text);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("86.50", email.Text);
            Assert.Contains("长白山 <人参> & 深加工", email.Text);
            Assert.Contains("长白山 &lt;人参&gt; &amp; 深加工", email.Html);
            Assert.Contains("https://hub.example/contests/1/rounds/2/results", email.Text);
        }
        if (template == PublishResults.AnnouncedTemplate)
        {
            Assert.Contains("2027-06-08 10:00", zh.Text);
            Assert.Contains("2027-06-08 10:00", en.Text);
        }
    }

    [Theory]
    [InlineData(true, "异议成立", "upheld")]
    [InlineData(false, "异议不成立", "dismissed")]
    public async Task RenderAsync_GivesTheObjectorTheDecisionAndAnswer(bool upheld, string zhWord, string enWord)
    {
        var model = JsonSerializer.Serialize(new
        {
            displayName = "王异议", contestName = "中国创新创业大赛（吉林赛区）", roundName = "网络评审", filedAt = "2027-06-02 09:30",
            upheld, answer = "经核查，评分录入有误，已更正。", link = "https://hub.example/r",
        });

        var zh = await templates.RenderAsync(ObjectionRules.DecidedTemplate, "zh-CN", model);
        var en = await templates.RenderAsync(ObjectionRules.DecidedTemplate, "en", model);

        Assert.Contains($"处理结果：{zhWord}", zh.Text);
        Assert.Contains($"Decision: {enWord}", en.Text);
        Assert.Contains("经核查，评分录入有误，已更正。", zh.Text);
        Assert.Contains("经核查，评分录入有误，已更正。", en.Text);
    }
}
