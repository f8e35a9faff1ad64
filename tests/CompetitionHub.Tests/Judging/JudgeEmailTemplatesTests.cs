using System.Text.Json;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;

namespace CompetitionHub.Tests.Judging;

public sealed class JudgeEmailTemplatesTests
{
    private readonly EmailTemplates templates = new();

    [Fact]
    public async Task RenderAsync_WritesTheJudgeInvitationInChineseAndEnglish_WithTheContestInviterAndLink()
    {
        var model = JsonSerializer.Serialize(new
        {
            displayName = "赵 <评审>", inviterName = "省科技厅赛事组", contestName = "中国创新创业大赛（吉林赛区）",
            link = "https://hub.example/judging/invitations/abc",
        });

        var zh = await templates.RenderAsync(ManageJudgePool.InvitationTemplate, "zh-CN", model);
        var en = await templates.RenderAsync(ManageJudgePool.InvitationTemplate, "en", model);

        Assert.Contains("您好", zh.Text);
        Assert.Contains("Hello", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("中国创新创业大赛（吉林赛区）", email.Subject);
            Assert.Contains("省科技厅赛事组", email.Subject);
            Assert.Contains("https://hub.example/judging/invitations/abc", email.Text);
            Assert.Contains("https://hub.example/judging/invitations/abc", email.Html);
            Assert.Contains("赵 &lt;评审&gt;", email.Html);
        }
    }

    [Theory]
    [InlineData(true, "评委库", "removed from the judge pool")]
    [InlineData(false, "回避关系", "conflict of interest")]
    public async Task RenderAsync_WritesTheRevokedAccessNoticeInChineseAndEnglish_WithTheReasonAndCount(bool removed, string zhReason, string enReason)
    {
        var model = JsonSerializer.Serialize(new
        {
            displayName = "赵 <评审>", contestName = "中国创新创业大赛（吉林赛区）", removed, entries = 3, link = "https://hub.example/judging",
        });

        var zh = await templates.RenderAsync(JudgeAccess.RevokedTemplate, "zh-CN", model);
        var en = await templates.RenderAsync(JudgeAccess.RevokedTemplate, "en", model);

        Assert.Contains(zhReason, zh.Text);
        Assert.Contains("3 个项目", zh.Text);
        Assert.Contains(enReason, en.Text);
        Assert.Contains("3 entries", en.Text);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("中国创新创业大赛（吉林赛区）", email.Subject);
            Assert.Contains("https://hub.example/judging", email.Html);
            Assert.Contains("赵 &lt;评审&gt;", email.Html);
        }
    }
}
