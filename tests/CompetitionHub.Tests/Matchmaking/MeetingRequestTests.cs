using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class MeetingRequestTests(MeetingRequestTests.Host host) : IClassFixture<MeetingRequestTests.Host>
{
    public sealed class Host : RegistrationHost;

    private static string Payload(Notification n, string property)
    {
        using var json = JsonDocument.Parse(n.PayloadJson);
        return json.RootElement.GetProperty(property).ToString();
    }

    [Fact]
    public async Task Accept_BooksFirstSlotAndMailsBothSides_WhenTeamAcceptsRequest()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync(title: "寒地智能温室" + Guid.NewGuid().ToString("N")[..6]);

        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        var pending = await host.MeetingAsync(meetingId);
        Assert.Equal(MeetingStatus.Pending, pending.Status);
        Assert.Null(pending.Slot);
        var toTeam = Assert.Single(await host.NotificationsToAsync(entry.LeaderEmail, MeetingNotices.RequestTemplate));
        Assert.Equal("False", Payload(toTeam, "forInvestor"));
        Assert.Equal("希望了解贵团队的融资计划。", Payload(toTeam, "message"));
        Assert.Equal("吉林测试创投基金", Payload(toTeam, "fundName"));
        Assert.Single(await host.NotificationsToAsync(investor.Email, MeetingNotices.RequestTemplate));

        var accepted = await entry.Leader.AnswerAsync(meetingId, "accept", "期待见面");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var meeting = await host.MeetingAsync(meetingId);
        Assert.Equal(MeetingStatus.Accepted, meeting.Status);
        Assert.Equal("期待见面", meeting.ResponseNote);
        var activity = await host.WithDbAsync(db => db.ActivityEvents.AsNoTracking().SingleAsync(e => e.Id == eventId));
        Assert.Equal(activity.StartsAt, meeting.Slot!.StartsAt);
        Assert.Equal(activity.StartsAt.AddMinutes(20), meeting.Slot.EndsAt);
        Assert.Equal(1, meeting.Slot.TableNumber);
        foreach (var email in new[] { investor.Email, entry.LeaderEmail })
        {
            var slotMail = Assert.Single(await host.NotificationsToAsync(email, MeetingNotices.SlotTemplate));
            Assert.Equal(ChinaTime.Format(activity.StartsAt), Payload(slotMail, "startsAt"));
            Assert.Equal("1", Payload(slotMail, "table"));
            Assert.Equal(MatchmakingArrange.Venue, Payload(slotMail, "venue"));
        }

        // The queued mail really goes out, rendered, through the SMTP server.
        await host.RunSenderAsync();
        var sent = await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == investor.Email) && (m.Subject ?? "").StartsWith("对接已确定", StringComparison.Ordinal));
        Assert.Contains("1 号桌", Assert.Single(sent).TextBody);

        var investorPage = await (await investor.Client.GetAsync("/matchmaking/meetings")).TextAsync();
        Assert.Contains($"id=\"meeting-slot-{meetingId}\"", investorPage);
        Assert.Contains(MatchmakingArrange.Venue, investorPage);
        Assert.Contains(ChinaTime.Format(activity.StartsAt), investorPage);
        var teamPage = await (await entry.Leader.GetAsync("/matchmaking/meetings")).TextAsync();
        Assert.Contains($"id=\"meeting-slot-{meetingId}\"", teamPage);
        Assert.Contains("1 号桌", teamPage);
    }

    [Fact]
    public async Task Decline_MailsInvestorWithNoteAndBooksNothing_WhenTeamDeclines()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        var declined = await entry.Leader.AnswerAsync(meetingId, "decline", "本轮融资已完成");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var meeting = await host.MeetingAsync(meetingId);
        Assert.Equal(MeetingStatus.Declined, meeting.Status);
        Assert.Null(meeting.Slot);
        var mail = Assert.Single(await host.NotificationsToAsync(investor.Email, MeetingNotices.DeclinedTemplate));
        Assert.Equal("本轮融资已完成", Payload(mail, "note"));
        Assert.Empty(await host.NotificationsToAsync(entry.LeaderEmail, MeetingNotices.DeclinedTemplate));

        var again = await entry.Leader.AnswerByHandAsync(meetingId, "accept");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("这项申请已被答复。", await again.TextAsync());
        Assert.Null((await host.MeetingAsync(meetingId)).Slot);
    }

    [Fact]
    public async Task ProjectPage_ShowsContact_WhenTeamAcceptedThisInvestorOnly()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var other = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        var stored = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entry.Id));
        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        var before = await (await investor.Client.GetAsync($"/matchmaking/projects/{entry.Id}")).TextAsync();
        Assert.Contains(stored.Title, before);
        Assert.Contains(stored.CompanyName!, before);
        Assert.Contains("id=\"contact-hidden\"", before);
        Assert.DoesNotContain(stored.ContactPhone, before);
        Assert.DoesNotContain(stored.ContactEmail, before);

        await entry.Leader.AnswerAsync(meetingId, "accept");

        var after = await (await investor.Client.GetAsync($"/matchmaking/projects/{entry.Id}")).TextAsync();
        Assert.Contains("id=\"project-contact\"", after);
        Assert.Contains(stored.ContactPhone, after);
        Assert.Contains(stored.ContactEmail, after);
        // Only the investor the team accepted: another investor still sees no contact.
        var stranger = await (await other.Client.GetAsync($"/matchmaking/projects/{entry.Id}")).TextAsync();
        Assert.DoesNotContain(stored.ContactPhone, stranger);
        Assert.DoesNotContain(stored.ContactEmail, stranger);
    }

    [Fact]
    public async Task RequestMeeting_IsRefused_WhenInvestorHasNoProfile()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync(withProfile: false);
        var entry = await host.NewEntryAsync();

        var response = await investor.Client.RequestMeetingByHandAsync(entry.Id, eventId, $"/matchmaking/projects/{entry.Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("请先填写投资人资料", await response.TextAsync());
        Assert.False(await host.WithDbAsync(db => db.MeetingRequests.AnyAsync(m => m.EntryId == entry.Id)));
    }

    [Fact]
    public async Task RequestMeeting_IsRefused_WhenSameInvestorAsksTwiceForOneEvent()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        var second = await investor.Client.RequestMeetingAsync(entry.Id, eventId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("您已在这场对接会上向该项目提出过申请。", await second.TextAsync());
        Assert.Equal(1, await host.WithDbAsync(db => db.MeetingRequests.CountAsync(m => m.EntryId == entry.Id)));
    }
}
