using System.Text.Json;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Assignment;

namespace CompetitionHub.Tests.Assignment;

public sealed class ReviewReminderTemplateTests
{
    private readonly EmailTemplates templates = new();

    [Fact]
    public async Task RenderAsync_WritesTheReviewReminderInChineseAndEnglish_WithTheDeadlineAndLink()
    {
        var model = JsonSerializer.Serialize(new
        {
            displayName = "钱 <评审>", contestName = "中国创新创业大赛（吉林赛区）", roundName = "初赛网络评审",
            deadline = "2027-03-10 18:00", link = "https://hub.example/judging",
        });

        var zh = await templates.RenderAsync(ReviewReminders.Template, "zh-CN", model);
        var en = await templates.RenderAsync(ReviewReminders.Template, "en", model);

        Assert.Contains("北京时间", zh.Text);
        Assert.Contains("China time", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("初赛网络评审", email.Subject);
            Assert.Contains("2027-03-10 18:00", email.Text);
            Assert.Contains("https://hub.example/judging", email.Html);
            Assert.Contains("钱 &lt;评审&gt;", email.Html);
        }
    }
}
