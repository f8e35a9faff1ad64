using System.Net;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CompetitionHub.Tests.ActivityWeek;

public sealed class SignupTests(SignupTests.Host host) : IClassFixture<SignupTests.Host>
{
    public sealed class Host : ActivityHost;

    [Fact]
    public async Task SignUp_GivesSeatsThenWaitlistPlacesInOrder_WhenEventFills()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10), capacity: 2);
        var people = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < 4; i++) people.Add(await host.PersonAsync());

        foreach (var p in people) await p.Client.SignUpAsync(ev);

        var signups = await host.SignupsAsync(ev);
        Assert.Equal([SignupStatus.Confirmed, SignupStatus.Confirmed, SignupStatus.Waitlisted, SignupStatus.Waitlisted], signups.Select(s => s.Status));
        Assert.Equal([1, 2, null, null], signups.Select(s => s.Seat));
        Assert.Equal([null, null, 1, 2], signups.Select(s => s.WaitlistPosition));
        var page = await people[3].Client.GetStringAsync($"/activity-events/{ev}");
        Assert.Contains("data-status=\"Waitlisted\"", page);
        Assert.Contains("候补第 2 位", page);
    }

    [Fact]
    public async Task SignUp_KeepsOneSignup_WhenSamePersonSignsUpTwice()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10));
        var (client, _, userId) = await host.PersonAsync();

        // A double click on 报名.
        var signUp = await client.FillFormAsync($"/activity-events/{ev}/signup", [], formPage: $"/activity-events/{ev}");
        await signUp.SubmitAsync();
        await signUp.SubmitAsync();

        Assert.Single(await host.SignupsAsync(ev));
        Assert.Equal(userId, (await host.SignupsAsync(ev))[0].UserId);
    }

    [Fact]
    public async Task SignUp_IsRefused_WhenEventIsNotPublished()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10), published: false);
        var (client, _, _) = await host.PersonAsync();
        // No page offers the sign-up: the request is made by hand, with the token of another event's sign-up form.
        var published = await host.AddEventAsync(contest, host.Now.AddDays(10));
        var token = await client.TokenOfFormAsync($"/activity-events/{published}/signup", $"/activity-events/{published}");

        var response = await client.PostAsync($"/activity-events/{ev}/signup", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await host.SignupsAsync(ev));
    }

    [Fact]
    public async Task Ticket_HasUnguessableTokenAndShortCode_AndConfirmationCarriesTheQrImage()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10));
        var (client, email, userId) = await host.PersonAsync();

        await client.SignUpAsync(ev);
        await host.RunSenderAsync();

        var signup = (await host.SignupOfAsync(ev, userId))!;
        Assert.Equal(43, signup.TicketToken.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", signup.TicketToken);
        Assert.Matches($"^[{Tickets.CodeAlphabet}]{{8}}$", signup.TicketCode);
        Assert.DoesNotContain(signup.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), signup.TicketToken.Split('-', '_'));

        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        Assert.Contains(signup.TicketCode, mail.TextBody);
        Assert.Contains("cid:" + SendDueNotifications.InlineQrContentId, mail.HtmlBody);
        var image = mail.BodyParts.OfType<MimePart>().Single(p => p.ContentId == SendDueNotifications.InlineQrContentId);
        Assert.NotNull(image.Content);
        using var png = new MemoryStream();
        await image.Content.DecodeToAsync(png);
        AssertPng(png.ToArray(), Tickets.QrPng(signup.TicketToken));

        // The same QR code is on the person's tickets page, and only for them.
        var tickets = await client.GetStringAsync("/my/tickets");
        Assert.Contains(signup.TicketCode, tickets);
        Assert.Equal(png.ToArray(), await client.GetByteArrayAsync($"/my/tickets/{signup.Id}/qr.png"));
        var (stranger, _, _) = await host.PersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/my/tickets/{signup.Id}/qr.png")).StatusCode);
    }

    [Fact]
    public async Task Cancel_PromotesFirstWaitlisted_AndEmailsThemTheirTicket()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10), capacity: 1);
        var first = await host.PersonAsync();
        var second = await host.PersonAsync();
        var third = await host.PersonAsync();
        foreach (var p in new[] { first, second, third }) await p.Client.SignUpAsync(ev);
        var seat = (await host.SignupOfAsync(ev, first.UserId))!;

        await first.Client.CancelAsync(ev, seat.Id);
        await host.RunSenderAsync();

        var signups = await host.SignupsAsync(ev);
        var promoted = signups.Single(s => s.UserId == second.UserId);
        Assert.Equal(SignupStatus.Confirmed, promoted.Status);
        Assert.Equal(1, promoted.Seat);
        Assert.Equal(1, signups.Single(s => s.UserId == third.UserId).WaitlistPosition);
        Assert.Equal(SignupStatus.Cancelled, signups.Single(s => s.UserId == first.UserId).Status);
        var promotion = await host.NotificationsToAsync(second.Email, SignupNotices.PromotedTemplate);
        var sent = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == Assert.Single(promotion).MessageId));
        Assert.Contains(promoted.TicketCode, sent.TextBody);
        Assert.Contains(sent.BodyParts.OfType<MimePart>(), p => p.ContentId == SendDueNotifications.InlineQrContentId);
    }

    [Fact]
    public async Task Cancel_ClosesUpTheWaitlist_WhenSomeoneInTheMiddleLeaves()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10), capacity: 1);
        var people = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < 5; i++) people.Add(await host.PersonAsync());
        foreach (var p in people) await p.Client.SignUpAsync(ev);
        var middle = (await host.SignupOfAsync(ev, people[2].UserId))!;
        Assert.Equal(2, middle.WaitlistPosition);

        await people[2].Client.CancelAsync(ev, middle.Id);

        var waiting = (await host.SignupsAsync(ev)).Where(s => s.Status == SignupStatus.Waitlisted).OrderBy(s => s.WaitlistPosition).ToList();
        Assert.Equal([1, 2, 3], waiting.Select(s => s.WaitlistPosition!.Value));
        Assert.Equal([people[1].UserId, people[3].UserId, people[4].UserId], waiting.Select(s => s.UserId));
    }

    [Fact]
    public async Task Cancel_MovesTheLastSeatIntoTheGap_WhenNobodyWaits()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10), capacity: 5);
        var people = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < 3; i++) people.Add(await host.PersonAsync());
        foreach (var p in people) await p.Client.SignUpAsync(ev);

        await people[0].Client.CancelAsync(ev, (await host.SignupOfAsync(ev, people[0].UserId))!.Id);
        var newcomer = await host.PersonAsync();
        await newcomer.Client.SignUpAsync(ev);

        var seats = (await host.SignupsAsync(ev)).Where(s => s.Status == SignupStatus.Confirmed).Select(s => s.Seat!.Value).Order().ToList();
        Assert.Equal([1, 2, 3], seats);
    }

    private static void AssertPng(byte[] png, byte[] expected)
    {
        Assert.Equal(expected, png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: a square image of a sensible size for a phone screen.
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal(width, height);
        Assert.InRange(width, 150, 800);
    }
}
