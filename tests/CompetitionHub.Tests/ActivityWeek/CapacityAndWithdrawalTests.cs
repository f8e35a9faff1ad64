using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>What the organizer's save and publish buttons do to the people already signed up.</summary>
public sealed class CapacityAndWithdrawalTests(CapacityAndWithdrawalTests.Host host) : IClassFixture<CapacityAndWithdrawalTests.Host>
{
    public sealed class Host : ActivityHost;

    private sealed record Arranged(HttpClient Organizer, int Contest, int Event, List<(HttpClient Client, string Email, string UserId)> People);

    /// <summary>An organizer's published event with the given capacity and that many people signed up, in order.</summary>
    private async Task<Arranged> SignedUpAsync(int? capacity, int people, DateTime? startsAt = null)
    {
        var (organizer, _, organizerId) = await host.OrganizerAsync();
        var contest = await host.AddActivityWeekAsync(organizerId);
        var ev = await host.AddEventAsync(contest, startsAt ?? host.Now.AddDays(5), capacity);
        var list = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < people; i++)
        {
            var person = await host.PersonAsync();
            await person.Client.SignUpAsync(ev);
            list.Add(person);
        }
        return new Arranged(organizer, contest, ev, list);
    }

    private static async Task<HttpResponseMessage> SaveCapacityAsync(Arranged a, string capacity) =>
        await a.Organizer.PostFormAsync($"/manage/activity-weeks/{a.Contest}/events/{a.Event}",
            await a.Organizer.FormOfAsync(a.Contest, a.Event, ("Capacity", capacity)));

    private static async Task<HttpResponseMessage> PublishAsync(Arranged a, bool publish)
    {
        var page = $"/manage/activity-weeks/{a.Contest}/events/{a.Event}";
        var html = await a.Organizer.GetStringAsync(page);
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        return await a.Organizer.PostFormAsync($"{page}/{(publish ? "publish" : "unpublish")}", [new("version", version)], page);
    }

    private Task<List<Notification>> PendingRemindersAsync(int signupId) =>
        host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Reference != null && n.Reference.StartsWith($"activity-reminder:{signupId}:") && n.Status == NotificationStatus.Pending)
            .OrderBy(n => n.DueAt).ToListAsync());

    private static void AssertGapFree(List<EventSignup> signups)
    {
        var seats = signups.Where(s => s.Status == SignupStatus.Confirmed).Select(s => s.Seat!.Value).Order().ToList();
        var places = signups.Where(s => s.Status == SignupStatus.Waitlisted).Select(s => s.WaitlistPosition!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, seats.Count), seats);
        Assert.Equal(Enumerable.Range(1, places.Count), places);
        Assert.All(signups.Where(s => s.Status == SignupStatus.Cancelled), s => Assert.Equal((null, null), (s.Seat, s.WaitlistPosition)));
    }

    [Fact]
    public async Task SaveEvent_PromotesTheWaitlistInOrderAndMailsTheirTickets_WhenCapacityIsRaised()
    {
        var a = await SignedUpAsync(capacity: 2, people: 6);

        var response = await SaveCapacityAsync(a, "4");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("2 位候补者已按顺序转为正式报名", await a.Organizer.FollowAsync(response));
        var signups = await host.SignupsAsync(a.Event);
        AssertGapFree(signups);
        string[] expected = ["Confirmed", "Confirmed", "Confirmed", "Confirmed", "Waitlisted", "Waitlisted"];
        Assert.Equal(expected, a.People.Select(p => signups.Single(s => s.UserId == p.UserId).Status.ToString()));
        Assert.Equal([3, 4], a.People[2..4].Select(p => signups.Single(s => s.UserId == p.UserId).Seat!.Value));
        Assert.Equal([1, 2], a.People[4..].Select(p => signups.Single(s => s.UserId == p.UserId).WaitlistPosition!.Value));
        foreach (var promoted in a.People[2..4])
        {
            Assert.Single(await host.NotificationsToAsync(promoted.Email, SignupNotices.PromotedTemplate));
            var reminders = await PendingRemindersAsync(signups.Single(s => s.UserId == promoted.UserId).Id);
            Assert.Equal(2, reminders.Count);
        }
        Assert.Empty(await host.NotificationsToAsync(a.People[4].Email, SignupNotices.PromotedTemplate));
        Assert.Empty(await PendingRemindersAsync(signups.Single(s => s.UserId == a.People[4].UserId).Id));

        // The mail is the promotion ticket CancelSignup sends, saying why a seat opened up.
        await host.RunSenderAsync();
        var row = Assert.Single(await host.NotificationsToAsync(a.People[2].Email, SignupNotices.PromotedTemplate));
        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == row.MessageId));
        Assert.Contains("活动增加了名额", mail.TextBody);
        Assert.DoesNotContain("有人取消了报名", mail.TextBody);
        Assert.Contains(signups.Single(s => s.UserId == a.People[2].UserId).TicketCode, mail.TextBody);
        Assert.Contains(mail.BodyParts.OfType<MimePart>(), p => p.ContentId == SendDueNotifications.InlineQrContentId);
    }

    [Fact]
    public async Task SaveEvent_PromotesEveryoneWaiting_WhenTheLimitIsRemoved()
    {
        var a = await SignedUpAsync(capacity: 1, people: 4);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCapacityAsync(a, "")).StatusCode);

        var signups = await host.SignupsAsync(a.Event);
        Assert.All(signups, s => Assert.Equal(SignupStatus.Confirmed, s.Status));
        Assert.Equal([1, 2, 3, 4], a.People.Select(p => signups.Single(s => s.UserId == p.UserId).Seat!.Value));
        Assert.Null(await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == a.Event).Select(e => e.Capacity).SingleAsync()));
    }

    [Fact]
    public async Task SaveEvent_IsRefusedAndPromotesNobody_WhenCapacityFallsBelowTheConfirmed()
    {
        var a = await SignedUpAsync(capacity: 3, people: 4);

        var response = await SaveCapacityAsync(a, "2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已有 3 人确认报名，名额不能少于此数。", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == a.Event).Select(e => e.Capacity).SingleAsync()));
        Assert.Equal(1, (await host.SignupsAsync(a.Event)).Single(s => s.UserId == a.People[3].UserId).WaitlistPosition);
    }

    [Fact]
    public async Task SaveEvent_KeepsSeatsAndPlacesGapFree_WhenCapacityIsRaisedWhilePeopleSignUpAndCancel()
    {
        var a = await SignedUpAsync(capacity: 3, people: 8);
        var latecomers = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < 8; i++) latecomers.Add(await host.PersonAsync());
        var leaving = (await host.SignupsAsync(a.Event)).Where(s => s.UserId == a.People[1].UserId || s.UserId == a.People[6].UserId).ToList();
        var form = await a.Organizer.FormOfAsync(a.Contest, a.Event, ("Capacity", "9"));

        using var start = new SemaphoreSlim(0);
        var raise = Task.Run(async () =>
        {
            await start.WaitAsync();
            return await a.Organizer.PostFormAsync($"/manage/activity-weeks/{a.Contest}/events/{a.Event}", form);
        });
        var signups = latecomers.Select(p => Task.Run(async () =>
        {
            await start.WaitAsync();
            await p.Client.SignUpAsync(a.Event);
        })).ToList();
        var cancels = leaving.Select(s => Task.Run(async () =>
        {
            await start.WaitAsync();
            await a.People.Single(p => p.UserId == s.UserId).Client.CancelAsync(a.Event, s.Id);
        })).ToList();
        start.Release(1 + latecomers.Count + leaving.Count);
        Assert.Equal(HttpStatusCode.Redirect, (await raise).StatusCode);
        await Task.WhenAll(signups.Concat(cancels));

        var all = await host.SignupsAsync(a.Event);
        AssertGapFree(all);
        Assert.Equal(9, all.Count(s => s.Status == SignupStatus.Confirmed));
        Assert.Equal(8 + 8 - 2 - 9, all.Count(s => s.Status == SignupStatus.Waitlisted));
        // Every seat has its two reminders, however it was got; nobody waiting has any.
        foreach (var s in all.Where(s => s.Status != SignupStatus.Cancelled))
            Assert.Equal(s.Status == SignupStatus.Confirmed ? 2 : 0, (await PendingRemindersAsync(s.Id)).Count);
    }

    [Fact]
    public async Task Unpublish_MailsEveryoneSignedUpAndDropsTheirReminders_AndPublishRestoresThem()
    {
        var startsAt = host.Now.AddDays(5);
        var a = await SignedUpAsync(capacity: 1, people: 3, startsAt: startsAt);
        var (seat, waiting, leaver) = (a.People[0], a.People[1], a.People[2]);
        var signups = await host.SignupsAsync(a.Event);
        var seatId = signups.Single(s => s.UserId == seat.UserId).Id;
        await leaver.Client.CancelAsync(a.Event, signups.Single(s => s.UserId == leaver.UserId).Id);
        Assert.Contains("id=\"event-withdraw-hint\"", await a.Organizer.GetStringAsync($"/manage/activity-weeks/{a.Contest}/events/{a.Event}"));

        var withdrawn = await PublishAsync(a, publish: false);

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("已通知 2 位报名者", await a.Organizer.FollowAsync(withdrawn));
        Assert.Single(await host.NotificationsToAsync(seat.Email, SignupNotices.WithdrawnTemplate));
        Assert.Single(await host.NotificationsToAsync(waiting.Email, SignupNotices.WithdrawnTemplate));
        Assert.Empty(await host.NotificationsToAsync(leaver.Email, SignupNotices.WithdrawnTemplate));
        Assert.Empty(await PendingRemindersAsync(seatId));
        Assert.Equal(2, (await host.SignupsAsync(a.Event)).Count(s => s.Status != SignupStatus.Cancelled));

        await host.RunSenderAsync();
        var row = Assert.Single(await host.NotificationsToAsync(waiting.Email, SignupNotices.WithdrawnTemplate));
        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == row.MessageId));
        Assert.Contains("活动已撤回", mail.Subject);
        Assert.Contains("候补报名（第 1 位）仍然保留", mail.TextBody);
        Assert.DoesNotContain(mail.BodyParts.OfType<MimePart>(), p => p.ContentId == SendDueNotifications.InlineQrContentId);

        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(a, publish: true)).StatusCode);

        Assert.Equal([startsAt.AddHours(-24), startsAt.AddHours(-1)], (await PendingRemindersAsync(seatId)).Select(r => r.DueAt));
        Assert.Empty(await PendingRemindersAsync(signups.Single(s => s.UserId == waiting.UserId).Id));
        Assert.Single(await host.NotificationsToAsync(seat.Email, SignupNotices.WithdrawnTemplate));
    }

    [Fact]
    public async Task Unpublish_MailsNobodyAgain_WhenTheEventIsAlreadyWithdrawn()
    {
        var a = await SignedUpAsync(capacity: 5, people: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(a, publish: false)).StatusCode);
        var version = await host.WithDbAsync(db => db.ActivityEvents.Where(e => e.Id == a.Event).Select(e => e.Version).SingleAsync());

        // A second withdraw (an old tab) changes nothing anyone needs to hear about.
        var again = await a.Organizer.PostTamperedAsync($"/manage/activity-weeks/{a.Contest}/events/{a.Event}/unpublish",
            [new("version", version.ToString())], $"/manage/activity-weeks/{a.Contest}/events/{a.Event}");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await host.NotificationsToAsync(a.People[0].Email, SignupNotices.WithdrawnTemplate));
    }

    [Fact]
    public async Task Publish_FillsTheSeatsAddedWhileWithdrawn_AndNotBefore()
    {
        var a = await SignedUpAsync(capacity: 1, people: 3);
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(a, publish: false)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCapacityAsync(a, "2")).StatusCode);
        Assert.Equal(1, (await host.SignupsAsync(a.Event)).Count(s => s.Status == SignupStatus.Confirmed));
        Assert.Empty(await host.NotificationsToAsync(a.People[1].Email, SignupNotices.PromotedTemplate));

        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(a, publish: true)).StatusCode);

        var signups = await host.SignupsAsync(a.Event);
        AssertGapFree(signups);
        Assert.Equal(2, signups.Single(s => s.UserId == a.People[1].UserId).Seat);
        Assert.Equal(1, signups.Single(s => s.UserId == a.People[2].UserId).WaitlistPosition);
        Assert.Single(await host.NotificationsToAsync(a.People[1].Email, SignupNotices.PromotedTemplate));
        Assert.Equal(2, (await PendingRemindersAsync(signups.Single(s => s.UserId == a.People[1].UserId).Id)).Count);
    }

    [Fact]
    public async Task WithdrawnMail_HasChineseAndEnglishText_ForASeatAndAWaitlistPlace()
    {
        var templates = new EmailTemplates();
        const string Seat = """{"displayName":"李创业","eventTitle":"路演 & <专场>","startsAt":"2027-09-13 09:00","venue":"会展中心","ticketCode":"ABCD2345","position":null,"ticketsLink":"https://hub.example/my/tickets"}""";
        var waiting = Seat.Replace("\"position\":null", "\"position\":3");

        var zhSeat = await templates.RenderAsync(SignupNotices.WithdrawnTemplate, "zh-CN", Seat);
        var zhWaiting = await templates.RenderAsync(SignupNotices.WithdrawnTemplate, "zh-CN", waiting);
        var enSeat = await templates.RenderAsync(SignupNotices.WithdrawnTemplate, "en", Seat);
        var enWaiting = await templates.RenderAsync(SignupNotices.WithdrawnTemplate, "en", waiting);

        Assert.Contains("报名（票码 ABCD2345）仍然保留", zhSeat.Text);
        Assert.Contains("候补报名（第 3 位）", zhWaiting.Text);
        Assert.Contains("sign-up (ticket code ABCD2345) is kept", enSeat.Text);
        Assert.Contains("place on the waitlist (number 3)", enWaiting.Text);
        Assert.Contains("https://hub.example/my/tickets", enSeat.Text);
        Assert.Contains("路演 &amp; &lt;专场&gt;", zhSeat.Html);
        Assert.NotEqual(zhSeat.Subject, enSeat.Subject);
    }
}
