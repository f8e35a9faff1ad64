using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Registration;

public sealed class DeadlineRemindersTests(DeadlineRemindersTests.Host host) : IClassFixture<DeadlineRemindersTests.Host>
{
    public sealed class Host : RegistrationHost;

    private Task<List<Notification>> RemindersOfAsync(int entryId) =>
        host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Reference != null && n.Reference.StartsWith($"entry-deadline:{entryId}:")).OrderBy(n => n.DueAt).ToListAsync());

    [Fact]
    public async Task Create_QueuesRemindersThreeDaysAndOneDayBeforeTheDeadline()
    {
        var closes = host.Now.AddDays(10);
        var contest = await host.CreateContestAsync(host.Now.AddDays(-1), closes);
        var (leader, leaderEmail, _) = await host.SignedInAsync();

        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        var reminders = await RemindersOfAsync(entryId);
        Assert.Equal([closes.AddDays(-3), closes.AddDays(-1)], reminders.Select(r => r.DueAt));
        Assert.Equal([$"entry-deadline:{entryId}:3d", $"entry-deadline:{entryId}:1d"], reminders.Select(r => r.Reference));
        Assert.All(reminders, r => Assert.Equal(leaderEmail, r.Recipient));
        Assert.All(reminders, r => Assert.Equal(DeadlineReminders.Template, r.Template));
    }

    [Fact]
    public async Task Create_SkipsTheReminderWhoseTimeHasPassed()
    {
        var contest = await host.CreateContestAsync(host.Now.AddDays(-1), host.Now.AddDays(2));
        var (leader, _, _) = await host.SignedInAsync();

        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        Assert.Equal([$"entry-deadline:{entryId}:1d"], (await RemindersOfAsync(entryId)).Select(r => r.Reference));
    }

    [Fact]
    public async Task SubmitAndWithdraw_DeleteThePendingReminders()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var submittedId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync("甲"));
        var withdrawnId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync("乙"));
        Assert.Equal(2, (await RemindersOfAsync(submittedId)).Count);

        await leader.EntryActionAsync(host, submittedId, "submit");
        await leader.EntryActionAsync(host, withdrawnId, "withdraw");

        Assert.Empty(await RemindersOfAsync(submittedId));
        Assert.Empty(await RemindersOfAsync(withdrawnId));
    }

    [Fact]
    public async Task Reminder_IsSent_WhenTheClockPassesItsDueTime()
    {
        var closes = host.Now.AddDays(4);
        var contest = await host.CreateContestAsync(host.Now.AddDays(-1), closes);
        var (leader, leaderEmail, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        var threeDays = (await RemindersOfAsync(entryId)).First();
        await host.RunSenderAsync();
        Assert.Equal(NotificationStatus.Pending, (await host.FindRowAsync(threeDays.Id)).Status);

        host.Clock.Advance(closes.AddDays(-3) - host.Now + TimeSpan.FromMinutes(1));
        await host.RunSenderAsync();

        var sent = await host.Smtp.WaitForAsync(m => m.MessageId == threeDays.MessageId);
        Assert.Contains(leaderEmail, Assert.Single(sent).To.ToString());
        Assert.Equal(NotificationStatus.Sent, (await host.FindRowAsync(threeDays.Id)).Status);
        var oneDay = (await RemindersOfAsync(entryId)).Last();
        Assert.Equal(NotificationStatus.Pending, oneDay.Status);
    }
}
