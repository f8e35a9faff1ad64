using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Matchmaking;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed class DoubleBookingTests(DoubleBookingTests.Host host) : IClassFixture<DoubleBookingTests.Host>
{
    public sealed class Host : RegistrationHost;

    private Task<List<MeetingSlot>> SlotsAsync(int eventId) =>
        host.WithDbAsync(db => db.MeetingSlots.AsNoTracking().Where(s => s.EventId == eventId).OrderBy(s => s.StartsAt).ToListAsync());

    [Fact]
    public async Task Accept_GivesSecondMeetingOfSameInvestorTheNextSlot_AndRefusesWhenEventIsFull()
    {
        // 40 minutes: two slots of 20.
        var eventId = await host.AddMatchmakingEventAsync(minutes: 40);
        var investor = await host.NewInvestorAsync();
        var entries = new[] { await host.NewEntryAsync(), await host.NewEntryAsync(), await host.NewEntryAsync() };
        var meetings = new List<int>();
        foreach (var e in entries) meetings.Add(await host.RequestedMeetingAsync(investor, e.Id, eventId));

        Assert.Equal(HttpStatusCode.Redirect, (await entries[0].Leader.AnswerAsync(meetings[0], "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await entries[1].Leader.AnswerAsync(meetings[1], "accept")).StatusCode);
        var third = await entries[2].Leader.AnswerAsync(meetings[2], "accept");

        var slots = await SlotsAsync(eventId);
        Assert.Equal(2, slots.Count);
        Assert.Equal(slots[0].StartsAt.AddMinutes(20), slots[1].StartsAt);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, third.StatusCode);
        Assert.Contains("这场对接会已没有您和投资人都空闲的时段", await third.TextAsync());
        Assert.Equal(MeetingStatus.Pending, (await host.MeetingAsync(meetings[2])).Status);
    }

    [Fact]
    public async Task Accept_NeverBooksOneInvestorTwiceAtOnce_WhenTeamsAcceptConcurrently()
    {
        var eventId = await host.AddMatchmakingEventAsync(minutes: 120);
        var investor = await host.NewInvestorAsync();
        var entries = new List<TestTeamEntry>();
        for (var i = 0; i < 5; i++) entries.Add(await host.NewEntryAsync());
        var meetings = new List<int>();
        foreach (var e in entries) meetings.Add(await host.RequestedMeetingAsync(investor, e.Id, eventId));

        var answers = await Task.WhenAll(entries.Select((e, i) => e.Leader.AnswerAsync(meetings[i], "accept")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var slots = await SlotsAsync(eventId);
        Assert.Equal(5, slots.Count);
        Assert.Equal(5, slots.Select(s => s.StartsAt).Distinct().Count());
        Assert.All(meetings, id => Assert.Contains(slots, s => s.MeetingRequestId == id));
    }

    [Fact]
    public async Task Accept_NeverBooksOneEntryTwiceAtOnce_WhenMembersAcceptConcurrently()
    {
        var eventId = await host.AddMatchmakingEventAsync(minutes: 120);
        var entry = await host.NewEntryAsync();
        var meetings = new List<int>();
        for (var i = 0; i < 4; i++) meetings.Add(await host.RequestedMeetingAsync(await host.NewInvestorAsync(), entry.Id, eventId));

        var answers = await Task.WhenAll(meetings.Select(id => entry.Leader.AnswerAsync(id, "accept")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var slots = await SlotsAsync(eventId);
        Assert.Equal(4, slots.Count);
        Assert.Equal(4, slots.Select(s => s.StartsAt).Distinct().Count());
    }

    [Fact]
    public async Task Accept_KeepsOneBooking_WhenSameRequestIsAcceptedTwiceConcurrently()
    {
        var eventId = await host.AddMatchmakingEventAsync();
        var investor = await host.NewInvestorAsync();
        var entry = await host.NewEntryAsync();
        var meetingId = await host.RequestedMeetingAsync(investor, entry.Id, eventId);

        // Three tabs show the request; the three clicks on 接受 arrive together.
        var tabs = new List<FilledForm>();
        for (var i = 0; i < 3; i++)
            tabs.Add(await entry.Leader.FillFormAsync($"/matchmaking/meetings/{meetingId}/accept", [new("Note", "")], formPage: "/matchmaking/meetings"));
        var answers = await Task.WhenAll(tabs.Select(t => t.SubmitAsync()));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(await SlotsAsync(eventId));
        Assert.Single(await host.NotificationsToAsync(investor.Email, MeetingNotices.SlotTemplate));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Accept_NeverBooksOneSideAtOverlappingTimes_WhenTwoEventsAtTheSameHoursAcceptAtOnce(bool sameInvestor)
    {
        // No unique index spans two events: only the unit that searches and books keeps these two apart.
        for (var round = 0; round < 5; round++)
        {
            var events = new[] { await host.AddMatchmakingEventAsync(daysAhead: 20 + round), await host.AddMatchmakingEventAsync(daysAhead: 20 + round) };
            var investors = new[] { await host.NewInvestorAsync(), sameInvestor ? null : await host.NewInvestorAsync() };
            var entries = new[] { await host.NewEntryAsync(), sameInvestor ? await host.NewEntryAsync() : null };
            var sides = Enumerable.Range(0, 2).Select(i => (Investor: investors[i] ?? investors[0]!, Entry: entries[i] ?? entries[0]!)).ToList();
            var meetings = new List<int>();
            for (var i = 0; i < 2; i++) meetings.Add(await host.RequestedMeetingAsync(sides[i].Investor, sides[i].Entry.Id, events[i]));
            // Both acceptances are on screen before either is clicked.
            var forms = new List<FilledForm>();
            for (var i = 0; i < 2; i++)
                forms.Add(await sides[i].Entry.Leader.FillFormAsync($"/matchmaking/meetings/{meetings[i]}/accept", [new("Note", "")], formPage: "/matchmaking/meetings"));

            var answers = await Task.WhenAll(forms.Select(f => f.SubmitAsync()));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
            var booked = await host.WithDbAsync(db => db.MeetingSlots.AsNoTracking().Where(s => meetings.Contains(s.MeetingRequestId)).ToListAsync());
            Assert.Equal(2, booked.Count);
            Assert.True(booked[0].EndsAt <= booked[1].StartsAt || booked[1].EndsAt <= booked[0].StartsAt,
                $"Both meetings at {booked[0].StartsAt:u} and {booked[1].StartsAt:u}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveChanges_Throws_WhenTwoSlotsOfOneSideShareAStart(bool sameInvestor)
    {
        // The guarantee is the database's: written past the use case, a second booking at the same start is refused.
        var eventId = await host.AddMatchmakingEventAsync();
        var investors = new[] { await host.NewInvestorAsync(), await host.NewInvestorAsync() };
        var entries = new[] { await host.NewEntryAsync(), await host.NewEntryAsync() };
        var first = await host.RequestedMeetingAsync(investors[0], entries[0].Id, eventId);
        var second = sameInvestor
            ? await host.RequestedMeetingAsync(investors[0], entries[1].Id, eventId)
            : await host.RequestedMeetingAsync(investors[1], entries[0].Id, eventId);
        var start = await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == eventId).Select(e => e.StartsAt).SingleAsync());

        await host.WithDbAsync(async db =>
        {
            foreach (var (id, table) in new[] { (first, 1), (second, 2) })
            {
                var m = await db.MeetingRequests.SingleAsync(x => x.Id == id);
                db.MeetingSlots.Add(new MeetingSlot
                {
                    MeetingRequestId = id, EventId = eventId, StartsAt = start, EndsAt = start.AddMinutes(20), TableNumber = table,
                    InvestorUserId = m.InvestorUserId, EntryId = m.EntryId,
                });
            }
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        Assert.Empty(await SlotsAsync(eventId));
    }

    [Fact]
    public void FindFree_PicksEarliestSlotAndLowestTable_WhenEitherSideIsBusyElsewhere()
    {
        var start = new DateTime(2027, 9, 20, 1, 0, 0, DateTimeKind.Utc);
        var starts = MeetingSchedule.Starts(start, start.AddMinutes(70), 20);
        Assert.Equal(3, starts.Count); // the fourth would run past the end
        Booking[] bookings =
        [
            new(1, 7, start, start.AddMinutes(20), 1, "investor", 100),                                // investor busy in slot 1
            new(2, 8, start.AddMinutes(25), start.AddMinutes(35), 1, "someone", 200),                   // entry busy in another event, overlapping slot 2
            new(3, 7, start.AddMinutes(40), start.AddMinutes(60), 1, "other", 300),                     // table 1 taken in slot 3
        ];

        var free = MeetingSchedule.FindFree(7, starts, 20, 2, bookings, "investor", 200, start);

        Assert.Equal(new FreeSlot(start.AddMinutes(40), start.AddMinutes(60), 2), free);
        Assert.Null(MeetingSchedule.FindFree(7, starts, 20, 1, bookings, "investor", 200, start));
    }
}
