using System.Globalization;
using System.Net;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Admin;

/// <summary>
/// The Admin's mail page against a real relay: mail the relay refused is listed with the reason, and resent from the
/// page's own forms once the mailbox exists; each resend is audited; nobody but an Admin sees or posts it.
/// </summary>
public sealed class AdminMailTests(AdminMailTests.Host host) : IClassFixture<AdminMailTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => With("Notifications:RetryDelays:0", "00:00:01");
    }

    private const string Page = "/admin/mail";

    [Fact]
    public async Task Resend_DeliversTheFailedMailAndAuditsIt_WhenAnAdminPostsTheRowsForm()
    {
        var failed = await FailedMailAsync("resend-one");
        var (admin, client) = await AdminAsync();

        var page = await client.GetStringAsync(Page);
        Assert.Contains(failed.Recipient, page);
        Assert.Contains("Please confirm your email address", page);
        Assert.Contains("5.1.1", page);
        Assert.Contains("account-confirm", page);

        host.Smtp.Accept(failed.Recipient);
        var response = await client.PostFormAsync($"{Page}/resend", [new("notificationId", Id(failed))], formPage: Page);

        Assert.Contains("已重新发送这封邮件。", await FollowAsync(client, response));
        Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == failed.MessageId));
        var sent = await host.WaitForRowAsync(failed.Id, n => n.Status == NotificationStatus.Sent, "sent");
        Assert.Equal(1, sent.Attempts);
        var audit = Assert.Single(await AuditOfAsync(failed.Id));
        Assert.Equal(admin.Id, audit.UserId);
        Assert.Equal(admin.Email, audit.UserName);
        Assert.Contains("\"status\":\"Failed\"", audit.Before);
        Assert.Contains("5.1.1", audit.Before);
        Assert.Contains("\"status\":\"Pending\"", audit.After);
    }

    [Fact]
    public async Task ResendAll_DeliversEveryFailedMailAndAuditsEach_WhenAnAdminConfirms()
    {
        var first = await FailedMailAsync("resend-all-1");
        var second = await FailedMailAsync("resend-all-2");
        var (_, client) = await AdminAsync("en");
        host.Smtp.Accept(first.Recipient);
        host.Smtp.Accept(second.Recipient);

        var page = await client.GetStringAsync($"{Page}?show=failed");
        Assert.Contains("data-confirm=\"Resend all ", WebUtility.HtmlDecode(page));
        var response = await client.PostFormAsync($"{Page}/resend-all", [new("show", "failed")], formPage: $"{Page}?show=failed");

        Assert.Matches(@"\d+ mail\(s\) resent\.", WebUtility.HtmlDecode(await FollowAsync(client, response)));
        Assert.Equal($"{Page}?show=failed", response.Headers.Location?.OriginalString);
        foreach (var mail in new[] { first, second })
        {
            Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == mail.MessageId));
            Assert.Single(await AuditOfAsync(mail.Id));
        }
    }

    [Fact]
    public async Task Resend_SaysTheMailHasGoneAndSendsItOnce_WhenTheFormIsSentAgainAfterTheMailWentOut()
    {
        var failed = await FailedMailAsync("double-click");
        var (_, client) = await AdminAsync();
        host.Smtp.Accept(failed.Recipient);
        var form = await client.FillFormAsync($"{Page}/resend", [new("notificationId", Id(failed))], formPage: Page);

        await form.SubmitAsync();
        await host.WaitForRowAsync(failed.Id, n => n.Status == NotificationStatus.Sent, "sent");
        var again = await form.SubmitAsync();

        var html = await FollowAsync(client, again);
        Assert.Contains("这封邮件已经发出，无需重发。", PageMessages.Errors(html));
        Assert.Single(await AuditOfAsync(failed.Id));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(host.Smtp.Messages, m => m.MessageId == failed.MessageId);
    }

    [Fact]
    public async Task Index_ListsMailStillWaiting_WhenItWasTriedMoreThanOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var address = $"busy-{tag}@example.com";
        host.Smtp.RefuseRecipient(address, SmtpServer.Protocol.SmtpReplyCode.Unavailable, "4.2.1 Mailbox busy, try again later");
        try
        {
            var waiting = await host.QueueAsync(address, "忙碌的人", "password-reset", "zh-CN", new { displayName = "忙碌的人", link = "https://hub.example/r" });
            await host.WaitForRowAsync(waiting.Id, n => n.Attempts >= 2, "tried twice", TimeSpan.FromMinutes(2));
            var (_, client) = await AdminAsync();

            var page = await client.GetStringAsync($"{Page}?show=overdue");

            Assert.Contains(address, page);
            Assert.Contains("重置您的密码", page);
            Assert.Contains("4.2.1 Mailbox busy", page);
            Assert.Contains("等待重试", page);
        }
        finally
        {
            host.Smtp.Accept(address);
        }
    }

    [Theory]
    [InlineData(TestUsers.DemoOrganizer)]
    [InlineData(TestUsers.DemoContestant)]
    public async Task IndexAndResend_AreDeniedAndChangeNothing_WhenTheUserIsNotAdmin(string email)
    {
        var failed = await FailedMailAsync("not-admin");
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var index = await client.GetAsync(Page);
        var resend = await client.PostTamperedAsync($"{Page}/resend", [new("notificationId", Id(failed))], formPage: "/");
        var resendAll = await client.PostTamperedAsync($"{Page}/resend-all", [], formPage: "/");

        foreach (var response in new[] { index, resend, resendAll })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath());
        }
        Assert.Equal(NotificationStatus.Failed, (await host.FindRowAsync(failed.Id)).Status);
        Assert.Empty(await AuditOfAsync(failed.Id));
    }

    [Fact]
    public async Task Resend_IsRejectedAndNotProcessed_WhenTheAntiforgeryTokenIsMissing()
    {
        var failed = await FailedMailAsync("csrf");
        var (_, client) = await AdminAsync();

        var response = await client.PostAsync($"{Page}/resend", new FormUrlEncodedContent([new("notificationId", Id(failed))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(NotificationStatus.Failed, (await host.FindRowAsync(failed.Id)).Status);
    }

    [Fact]
    public async Task Dashboard_LinksToTheMailPage_OnlyForAdmins()
    {
        var (_, admin) = await AdminAsync();
        var organizer = host.CreateFormClient();
        await organizer.SignInOrThrowAsync(TestUsers.DemoOrganizer, TestUsers.DemoPassword);

        Assert.Contains("href=\"/admin/mail\"", await admin.GetStringAsync("/organizer"));
        Assert.DoesNotContain("/admin/mail", await organizer.GetStringAsync("/organizer"));
    }

    /// <summary>A mail the relay refused for good (550 5.1.1), through the real sender.</summary>
    private async Task<Notification> FailedMailAsync(string prefix)
    {
        var address = $"{prefix}-{Guid.NewGuid():N}@example.com";
        host.Smtp.Reject(address);
        var queued = await host.QueueAsync(address, null, "account-confirm", "en", new { displayName = prefix, link = "https://hub.example/c" });
        return await host.WaitForRowAsync(queued.Id, n => n.Status == NotificationStatus.Failed, "failed");
    }

    /// <summary>A real account with the Admin role, signed in through the login form.</summary>
    private async Task<(AppUser User, HttpClient Client)> AdminAsync(string? culture = null)
    {
        var email = TestUsers.NewEmail("mail-admin");
        var user = await host.CreateUserAsync(email, "Secret123", "邮件管理员", roles: Roles.Admin);
        var client = host.CreateFormClient(culture);
        await client.SignInOrThrowAsync(email, "Secret123");
        return (user, client);
    }

    private Task<List<Web.Features.Audit.AuditEntry>> AuditOfAsync(long id) =>
        host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Notification) && a.EntityId == id.ToString(CultureInfo.InvariantCulture)
                        && a.Action == ResendNotifications.AuditAction)
            .ToListAsync());

    private static string Id(Notification mail) => mail.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return await client.GetStringAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }
}
