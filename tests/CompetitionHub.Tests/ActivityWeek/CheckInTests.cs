using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;

namespace CompetitionHub.Tests.ActivityWeek;

public sealed class CheckInTests(CheckInTests.Host host) : IClassFixture<CheckInTests.Host>
{
    public sealed class Host : ActivityHost;

    private async Task<(HttpClient Staff, int Contest, int Event)> ArrangeAsync()
    {
        var (staff, _, staffId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(staffId);
        return (staff, contest, await host.AddEventAsync(contest, host.Now.AddDays(1)));
    }

    private async Task<EventSignup> TicketAsync(int ev)
    {
        var (client, _, userId) = await host.PersonAsync();
        await client.SignUpAsync(ev);
        return (await host.SignupOfAsync(ev, userId))!;
    }

    [Fact]
    public async Task CheckIn_AdmitsOnce_ThenSaysAlreadyUsedWithTheTime()
    {
        var (staff, contest, ev) = await ArrangeAsync();
        var ticket = await TicketAsync(ev);

        var first = await staff.CheckInAsync(contest, ev, ticket.TicketCode.ToLowerInvariant());
        var second = await staff.CheckInAsync(contest, ev, ticket.TicketToken);

        Assert.Equal("Admitted", first.GetProperty("result").GetString());
        Assert.Equal(1, first.GetProperty("counts").GetProperty("checkedIn").GetInt32());
        Assert.Equal("AlreadyUsed", second.GetProperty("result").GetString());
        Assert.Contains(Web.Infrastructure.ChinaTime.Format(host.Now, "MM-dd HH:mm"), second.GetProperty("message").GetString());
        Assert.NotNull((await host.SignupOfAsync(ev, ticket.UserId))!.CheckedInAt);
    }

    [Fact]
    public async Task CheckIn_AdmitsExactlyOnce_WhenTwoDoorsScanTheSameTicketAtOnce()
    {
        var (staff, contest, ev) = await ArrangeAsync();
        var staff2 = await SecondDoorAsync(contest);
        var tickets = new List<EventSignup>();
        for (var i = 0; i < 10; i++) tickets.Add(await TicketAsync(ev));

        // Every ticket at both doors at once, one by its typed code and one by its scanned token.
        var answers = await Task.WhenAll(tickets.Select(async t =>
            await Task.WhenAll(staff.CheckInAsync(contest, ev, t.TicketCode), staff2.CheckInAsync(contest, ev, t.TicketToken))));

        Assert.All(answers, pair => Assert.Equal(["Admitted", "AlreadyUsed"], pair.Select(a => a.GetProperty("result").GetString()).Order()));
        var stored = await host.SignupsAsync(ev);
        Assert.All(stored, s => Assert.NotNull(s.CheckedInAt));
        Assert.Equal(tickets.Count, answers.SelectMany(pair => pair).Where(a => a.GetProperty("result").GetString() == "Admitted")
            .Max(a => a.GetProperty("counts").GetProperty("checkedIn").GetInt32()));
    }

    [Fact]
    public async Task CheckInAndCancel_LeaveTheTicketEitherUsedOrCancelled_WhenTheDoorAndThePersonAreAtOnce()
    {
        var (staff, contest, _) = await ArrangeAsync();
        // One ticket per event, so no cancellation waits behind another of the same event while its door scans.
        var people = new List<(HttpClient Client, int Event, EventSignup Ticket)>();
        for (var i = 0; i < 20; i++)
        {
            var ev = await host.AddEventAsync(contest, host.Now.AddDays(1), title: $"签到与取消 {i}");
            var (client, _, userId) = await host.PersonAsync();
            await client.SignUpAsync(ev);
            people.Add((client, ev, (await host.SignupOfAsync(ev, userId))!));
        }
        // Each person has the event page open, with its cancel button, when the door scans their ticket.
        var cancelForms = new List<FilledForm>();
        var doorForms = new List<FilledForm>();
        foreach (var p in people)
        {
            cancelForms.Add(await p.Client.FillFormAsync($"/activity-events/signups/{p.Ticket.Id}/cancel", [], formPage: $"/activity-events/{p.Event}"));
            doorForms.Add(await staff.DoorFormAsync(contest, p.Event, p.Ticket.TicketCode));
        }

        // The door scans a little later for each ticket (0, 2, 4 … ms), so some scans land inside the cancellation.
        var answers = await Task.WhenAll(people.Select(async (p, i) =>
        {
            var cancel = cancelForms[i].SubmitAsync();
            await Task.Delay(2 * i);
            var door = doorForms[i].ScanAsync();
            var page = await p.Client.FollowAsync(await cancel);
            var told = string.Join(" | ", PageMessages.Successes(page).Concat(PageMessages.Errors(page)));
            return (Door: (await door).GetProperty("result").GetString(), Cancel: told, p.Event);
        }));

        foreach (var a in answers)
        {
            var s = Assert.Single(await host.SignupsAsync(a.Event));
            if (a.Door == "Admitted")
            {
                Assert.Equal((SignupStatus.Confirmed, true), (s.Status, s.CheckedInAt is not null));
                Assert.Contains("已签到的报名不能取消", a.Cancel);
            }
            else
            {
                Assert.Equal(("Cancelled", SignupStatus.Cancelled, false), (a.Door, s.Status, s.CheckedInAt is not null));
                Assert.Contains("已取消报名", a.Cancel);
            }
        }
    }

    private async Task<HttpClient> SecondDoorAsync(int contest)
    {
        var (staff2, _, staff2Id) = await host.OrganizerAsync();
        await host.WithDbAsync(async db =>
        {
            db.ContestOrganizers.Add(new Web.Features.Contests.ContestOrganizer { ContestId = contest, UserId = staff2Id, AssignedAt = host.Now });
            await db.SaveChangesAsync();
        });
        return staff2;
    }

    [Fact]
    public async Task CheckIn_SaysOtherEventCancelledOrUnknown()
    {
        var (staff, contest, ev) = await ArrangeAsync();
        var elsewhere = await host.AddEventAsync(contest, host.Now.AddDays(2), title: "另一场活动");
        var otherTicket = await TicketAsync(elsewhere);
        var (client, _, userId) = await host.PersonAsync();
        await client.SignUpAsync(ev);
        var cancelled = (await host.SignupOfAsync(ev, userId))!;
        await client.CancelAsync(ev, cancelled.Id);

        Assert.Equal("OtherEvent", (await staff.CheckInAsync(contest, ev, otherTicket.TicketCode)).GetProperty("result").GetString());
        Assert.Equal("Cancelled", (await staff.CheckInAsync(contest, ev, cancelled.TicketCode)).GetProperty("result").GetString());
        Assert.Equal("Unknown", (await staff.CheckInAsync(contest, ev, "ZZZZ2222")).GetProperty("result").GetString());
    }

    [Fact]
    public async Task DoorPage_IsRefused_ToAnOrganizerOfAnotherContest()
    {
        var (_, contest, ev) = await ArrangeAsync();
        var (other, _, _) = await host.OrganizerAsync();

        var response = await other.GetAsync($"/manage/activity-weeks/{contest}/events/{ev}/door");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
