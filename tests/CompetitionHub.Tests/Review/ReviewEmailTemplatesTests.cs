using System.Text.Json;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Review;

namespace CompetitionHub.Tests.Review;

public sealed class ReviewEmailTemplatesTests
{
    private readonly EmailTemplates templates = new();

    private static string Model(string reason) => JsonSerializer.Serialize(new
    {
        displayName = "李创业",
        contestName = "中国创新创业大赛（吉林赛区）",
        entryTitle = "长白山 <人参> & 深加工",
        reason,
        link = "https://hub.example/entries/42",
    });

    [Theory]
    [InlineData(DecideEntry.ApprovedTemplate)]
    [InlineData(DecideEntry.RejectedTemplate)]
    [InlineData(DecideEntry.ChangesRequestedTemplate)]
    public async Task RenderAsync_WritesEachDecisionInChineseAndEnglish(string template)
    {
        var zh = await templates.RenderAsync(template, "zh-CN", Model("请补充 <财务报表>"));
        var en = await templates.RenderAsync(template, "en", Model("请补充 <财务报表>"));

        Assert.Contains("您好", zh.Text);
        Assert.Contains("Hello", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("长白山 <人参> & 深加工", email.Subject);
            Assert.Contains("https://hub.example/entries/42", email.Text);
            Assert.Contains("请补充 <财务报表>", email.Text);
            Assert.Contains("长白山 &lt;人参&gt; &amp; 深加工", email.Html);
            Assert.Contains("请补充 &lt;财务报表&gt;", email.Html);
            Assert.DoesNotContain("<财务报表>", email.Html);
        }
        Assert.Contains("lang=\"en\"", en.Html);
        Assert.Contains("lang=\"zh-CN\"", zh.Html);
    }

    [Fact]
    public async Task RenderAsync_LeavesOutTheNote_WhenAnApprovalHasNoReason()
    {
        var zh = await templates.RenderAsync(DecideEntry.ApprovedTemplate, "zh-CN", Model(""));
        var en = await templates.RenderAsync(DecideEntry.ApprovedTemplate, "en", Model(""));

        Assert.DoesNotContain("审核意见", zh.Text);
        Assert.DoesNotContain("Reviewer's note", en.Text);
    }
}
