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
        var (staff2, _, staff2Id) = await host.OrganizerAsync();
        await host.WithDbAsync(async db =>
        {
            db.ContestOrganizers.Add(new Web.Features.Contests.ContestOrganizer { ContestId = contest, UserId = staff2Id, AssignedAt = host.Now });
            await db.SaveChangesAsync();
        });
        var ticket = await TicketAsync(ev);

        var answers = await Task.WhenAll(staff.CheckInAsync(contest, ev, ticket.TicketCode), staff2.CheckInAsync(contest, ev, ticket.TicketCode));

        Assert.Equal(["Admitted", "AlreadyUsed"], answers.Select(a => a.GetProperty("result").GetString()).Order());
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
