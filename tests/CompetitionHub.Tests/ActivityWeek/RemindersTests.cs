using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.ActivityWeek;

public sealed class RemindersTests(RemindersTests.Host host) : IClassFixture<RemindersTests.Host>
{
    public sealed class Host : ActivityHost;

    private Task<List<Notification>> RemindersOfAsync(int signupId) =>
        host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Reference != null && n.Reference.StartsWith($"activity-reminder:{signupId}:") && n.Status == NotificationStatus.Pending)
            .OrderBy(n => n.DueAt).ToListAsync());

    [Fact]
    public async Task SignUp_QueuesReminders24HoursAnd1HourBefore()
    {
        var startsAt = host.Now.AddDays(5);
        var ev = await host.AddEventAsync(await host.AddActivityWeekAsync(), startsAt);
        var (client, email, userId) = await host.PersonAsync();

        await client.SignUpAsync(ev);

        var signup = (await host.SignupOfAsync(ev, userId))!;
        var reminders = await RemindersOfAsync(signup.Id);
        Assert.Equal([startsAt.AddHours(-24), startsAt.AddHours(-1)], reminders.Select(r => r.DueAt));
        Assert.All(reminders, r => Assert.Equal((email, SignupNotices.ReminderTemplate), (r.Recipient, r.Template)));
    }

    [Fact]
    public async Task SignUp_QueuesNoReminders_WhenWaitlisted()
    {
        var ev = await host.AddEventAsync(await host.AddActivityWeekAsync(), host.Now.AddDays(5), capacity: 1);
        await (await host.PersonAsync()).Client.SignUpAsync(ev);
        var (client, _, userId) = await host.PersonAsync();

        await client.SignUpAsync(ev);

        Assert.Empty(await RemindersOfAsync((await host.SignupOfAsync(ev, userId))!.Id));
    }

    [Fact]
    public async Task Cancel_DropsTheWaitingReminders()
    {
        var ev = await host.AddEventAsync(await host.AddActivityWeekAsync(), host.Now.AddDays(5));
        var (client, _, userId) = await host.PersonAsync();
        await client.SignUpAsync(ev);
        var signup = (await host.SignupOfAsync(ev, userId))!;
        Assert.Equal(2, (await RemindersOfAsync(signup.Id)).Count);

        await client.CancelAsync(ev, signup.Id);

        Assert.Empty(await RemindersOfAsync(signup.Id));
    }

    [Fact]
    public async Task MovingTheEvent_MovesTheRemindersAndTellsThoseSignedUp()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var startsAt = host.Now.AddDays(5);
        var ev = await host.AddEventAsync(contest, startsAt);
        var (client, email, userId) = await host.PersonAsync();
        await client.SignUpAsync(ev);
        var signup = (await host.SignupOfAsync(ev, userId))!;
        var before = await RemindersOfAsync(signup.Id);

        // The form takes whole minutes.
        var moved = ActivityArrange.Minute(startsAt.AddDays(1).AddHours(3));
        var response = await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/{ev}", await organizer.FormOfAsync(contest, ev,
            ("StartsAt", ChinaTime.FromUtc(moved).ToString("yyyy-MM-ddTHH:mm")), ("EndsAt", ChinaTime.FromUtc(moved.AddHours(2)).ToString("yyyy-MM-ddTHH:mm")),
            ("Venue", "吉林大学报告厅")));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var after = await RemindersOfAsync(signup.Id);
        Assert.Equal(before.Select(r => r.Id), after.Select(r => r.Id));
        Assert.Equal([moved.AddHours(-24), moved.AddHours(-1)], after.Select(r => r.DueAt));
        Assert.All(after, r => Assert.Equal("吉林大学报告厅", System.Text.Json.JsonDocument.Parse(r.PayloadJson).RootElement.GetProperty("venue").GetString()));
        var notice = Assert.Single(await host.NotificationsToAsync(email, SignupNotices.ChangedTemplate));
        Assert.Equal(ChinaTime.Format(startsAt), System.Text.Json.JsonDocument.Parse(notice.PayloadJson).RootElement.GetProperty("oldStartsAt").GetString());
    }

    [Fact]
    public async Task Reminder_IsSent_WhenTheClockPassesItsDueTime_AndFollowsTheMove()
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var startsAt = host.Now.AddDays(3);
        var ev = await host.AddEventAsync(contest, startsAt);
        var (client, email, userId) = await host.PersonAsync();
        await client.SignUpAsync(ev);
        var signup = (await host.SignupOfAsync(ev, userId))!;
        var moved = ActivityArrange.Minute(startsAt.AddDays(2));
        await organizer.PostFormAsync($"/manage/activity-weeks/{contest}/events/{ev}", await organizer.FormOfAsync(contest, ev,
            ("StartsAt", ChinaTime.FromUtc(moved).ToString("yyyy-MM-ddTHH:mm")), ("EndsAt", ChinaTime.FromUtc(moved.AddHours(2)).ToString("yyyy-MM-ddTHH:mm"))));
        await host.RunSenderAsync();

        // The old 24-hour moment passes: nothing, since the reminder moved with the event.
        host.Clock.Advance(startsAt.AddHours(-23) - host.Now);
        await host.RunSenderAsync();
        Assert.Equal(2, (await RemindersOfAsync(signup.Id)).Count);

        host.Clock.Advance(moved.AddHours(-23) - host.Now);
        await host.RunSenderAsync();

        var first = (await host.NotificationsToAsync(email, SignupNotices.ReminderTemplate)).OrderBy(n => n.DueAt).First();
        var sent = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == first.MessageId));
        Assert.Contains(ChinaTime.Format(moved), sent.TextBody);
        Assert.Single(await RemindersOfAsync(signup.Id));
    }
}
