using System.Text.Json;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Notifications;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class MeetingEmailTemplatesTests
{
    private readonly EmailTemplates templates = new();

    private static string Model(bool forInvestor = false, bool moved = false) => JsonSerializer.Serialize(new
    {
        displayName = "李 <创业>", forInvestor, investorName = "王投资", fundName = "长春创投", title = "寒地智能温室",
        eventTitle = "投融资对接会", venue = "长春国际会展中心 B 馆", message = "想了解融资计划", note = "期待见面",
        startsAt = "2027-09-20 09:00", endsAt = "09:20", table = 3, moved, reason = "场地调整",
        link = "https://hub.example/matchmaking/meetings",
    });

    [Theory]
    [InlineData(MeetingNotices.RequestTemplate)]
    [InlineData(MeetingNotices.DeclinedTemplate)]
    [InlineData(MeetingNotices.SlotTemplate)]
    [InlineData(MeetingNotices.CancelledTemplate)]
    [InlineData(MeetingNotices.ReminderTemplate)]
    public async Task RenderAsync_NamesProjectAndLink_WhenRenderedInChineseOrEnglish(string template)
    {
        var zh = await templates.RenderAsync(template, "zh-CN", Model());
        var en = await templates.RenderAsync(template, "en", Model());

        Assert.Contains("您好", zh.Text);
        Assert.Contains("Hello", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
        foreach (var email in new[] { zh, en })
        {
            Assert.Contains("寒地智能温室", email.Subject);
            Assert.Contains("https://hub.example/matchmaking/meetings", email.Text);
            Assert.Contains("李 &lt;创业&gt;", email.Html);
        }
    }

    [Fact]
    public async Task RenderAsync_ShowsTimeTableAndVenue_WhenSlotIsBookedOrMoved()
    {
        var zh = await templates.RenderAsync(MeetingNotices.SlotTemplate, "zh-CN", Model());
        var moved = await templates.RenderAsync(MeetingNotices.SlotTemplate, "en", Model(moved: true));

        Assert.Contains("2027-09-20 09:00–09:20", zh.Text);
        Assert.Contains("3 号桌", zh.Text);
        Assert.Contains("长春国际会展中心 B 馆", zh.Text);
        Assert.StartsWith("对接已确定", zh.Subject);
        Assert.StartsWith("Meeting moved", moved.Subject);
        Assert.Contains("table 3", moved.Text);
    }

    [Fact]
    public async Task RenderAsync_AddressesEachSide_WhenMeetingIsRequested()
    {
        var toInvestor = await templates.RenderAsync(MeetingNotices.RequestTemplate, "zh-CN", Model(forInvestor: true));
        var toTeam = await templates.RenderAsync(MeetingNotices.RequestTemplate, "zh-CN", Model());

        Assert.StartsWith("对接申请已发送", toInvestor.Subject);
        Assert.StartsWith("投资人申请与您的项目对接", toTeam.Subject);
        Assert.Contains("王投资（长春创投）", toTeam.Text);
    }
}
