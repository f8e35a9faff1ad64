using System.Globalization;
using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class ManageMeetingsTests(ManageMeetingsTests.Host host) : IClassFixture<ManageMeetingsTests.Host>
{
    public sealed class Host : RegistrationHost;

    private static string China(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private async Task<(int EventId, int MeetingId, TestInvestor Investor, TestTeamEntry Entry)> AcceptedMeetingAsync()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);
        Assert.Equal(HttpStatusCode.Redirect, (await entry.Leader.AnswerAsync(meetingId, "accept")).StatusCode);
        return (eventId, meetingId, investor, entry);
    }

    [Fact]
    public async Task EventPage_ListsRequestsAndSchedule_WhenOrganizerManagesActivityWeek()
    {
        var (eventId, meetingId, _, _) = await AcceptedMeetingAsync();
        var pendingInvestor = await host.NewInvestorAsync();
        var pendingEntry = await host.NewEntryAsync();
        var pendingId = await host.RequestedMeetingAsync(pendingInvestor, pendingEntry.Id, eventId);
        var organizer = await host.DemoOrganizerAsync();

        var page = await (await organizer.GetAsync($"/manage/matchmaking/events/{eventId}")).TextAsync();
        var index = await (await organizer.GetAsync("/manage/matchmaking")).TextAsync();

        Assert.Contains($"id=\"request-{meetingId}\" data-status=\"Accepted\"", page);
        Assert.Contains($"id=\"request-{pendingId}\" data-status=\"Pending\"", page);
        Assert.Contains($"<tr data-meeting-id=\"{meetingId}\"", page);
        Assert.DoesNotContain($"<tr data-meeting-id=\"{pendingId}\"", page);
        Assert.Contains($"data-event-id=\"{eventId}\"", index);
    }

    [Fact]
    public async Task EventPage_IsForbidden_WhenOrganizerRunsAnotherContest()
    {
        var (eventId, meetingId, _, _) = await AcceptedMeetingAsync();
        var other = await host.OrganizerOfAsync(ReviewData.Contest);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/matchmaking/events/{eventId}")).StatusCode);
        var cancel = await other.PostTamperedAsync($"/manage/matchmaking/events/{eventId}/meetings/{meetingId}/cancel",
            [new("Reason", "不是我的活动")], "/manage/matchmaking");
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal(MeetingStatus.Accepted, (await host.MeetingAsync(meetingId)).Status);
        Assert.DoesNotContain($"data-event-id=\"{eventId}\"", await (await other.GetAsync("/manage/matchmaking")).TextAsync());
    }

    [Fact]
    public async Task Move_ChangesSlotAuditsAndMailsBothSides_WhenPlaceIsFree()
    {
        var (eventId, meetingId, investor, entry) = await AcceptedMeetingAsync();
        var before = (await host.MeetingAsync(meetingId)).Slot!;
        var organizer = await host.DemoOrganizerAsync();
        var target = before.StartsAt.AddMinutes(40);

        var moved = await organizer.PostFormAsync($"/manage/matchmaking/events/{eventId}/meetings/{meetingId}/move",
            [new("StartsAt", China(target)), new("TableNumber", "3"), new("Reason", "投资人上午另有安排")], $"/manage/matchmaking/events/{eventId}");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var slot = (await host.MeetingAsync(meetingId)).Slot!;
        Assert.Equal(target, slot.StartsAt);
        Assert.Equal(3, slot.TableNumber);
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(MeetingRequest) && a.EntityId == meetingId.ToString() && a.Action == "Moved"));
        Assert.Equal("投资人上午另有安排", audit.Reason);
        foreach (var email in new[] { investor.Email, entry.LeaderEmail })
        {
            var mails = await host.NotificationsToAsync(email, MeetingNotices.SlotTemplate);
            Assert.Equal(2, mails.Count);
            using var json = JsonDocument.Parse(mails[1].PayloadJson);
            Assert.True(json.RootElement.GetProperty("moved").GetBoolean());
            Assert.Equal("3", json.RootElement.GetProperty("table").ToString());
            // The reminder an hour before moved with the slot: one row, at the new time.
            var reminder = Assert.Single(await host.NotificationsToAsync(email, MeetingNotices.ReminderTemplate));
            Assert.Equal(target.AddHours(-1), reminder.DueAt);
            Assert.Equal(MeetingNotices.ReminderReference(meetingId), reminder.Reference);
        }
    }

    [Fact]
    public async Task Move_IsRefused_WhenInvestorAlreadyMeetsSomeoneThen()
    {
        var (eventId, meetingId, investor, _) = await AcceptedMeetingAsync();
        var second = await host.NewEntryAsync();
        var secondId = await host.RequestedMeetingAsync(investor, second.Id, eventId);
        await second.Leader.AnswerAsync(secondId, "accept");
        var firstSlot = (await host.MeetingAsync(meetingId)).Slot!;
        var organizer = await host.DemoOrganizerAsync();

        var moved = await organizer.PostFormAsync($"/manage/matchmaking/events/{eventId}/meetings/{secondId}/move",
            [new("StartsAt", China(firstSlot.StartsAt)), new("TableNumber", "5"), new("Reason", "调整")], $"/manage/matchmaking/events/{eventId}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, moved.StatusCode);
        Assert.Contains("该时段投资人或项目已有其他对接。", await moved.TextAsync());
        Assert.Equal(firstSlot.StartsAt.AddMinutes(20), (await host.MeetingAsync(secondId)).Slot!.StartsAt);
    }

    [Fact]
    public async Task Cancel_FreesSlotAuditsAndMailsBothSides_WhenOrganizerGivesReason()
    {
        var (eventId, meetingId, investor, entry) = await AcceptedMeetingAsync();
        var organizer = await host.DemoOrganizerAsync();

        var missingReason = await organizer.PostFormAsync($"/manage/matchmaking/events/{eventId}/meetings/{meetingId}/cancel",
            [new("Reason", "")], $"/manage/matchmaking/events/{eventId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingReason.StatusCode);
        Assert.Contains("请填写原因。", await missingReason.TextAsync());

        var cancelled = await organizer.PostFormAsync($"/manage/matchmaking/events/{eventId}/meetings/{meetingId}/cancel",
            [new("Reason", "项目方临时无法到场")], $"/manage/matchmaking/events/{eventId}");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var meeting = await host.MeetingAsync(meetingId);
        Assert.Equal(MeetingStatus.Cancelled, meeting.Status);
        Assert.Null(meeting.Slot);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(MeetingRequest)
            && a.EntityId == meetingId.ToString() && a.Action == "Cancelled" && a.Reason == "项目方临时无法到场")));
        Assert.Single(await host.NotificationsToAsync(investor.Email, MeetingNotices.CancelledTemplate));
        Assert.Single(await host.NotificationsToAsync(entry.LeaderEmail, MeetingNotices.CancelledTemplate));
        Assert.Empty(await host.NotificationsToAsync(investor.Email, MeetingNotices.ReminderTemplate));
        Assert.Empty(await host.NotificationsToAsync(entry.LeaderEmail, MeetingNotices.ReminderTemplate));
    }
}
