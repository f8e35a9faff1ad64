using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Accounts;

/// <summary>
/// The whole sign-up path with nothing stood in for: form → user + outbox row → Hangfire job → MailKit →
/// a real SMTP listener → the link in the received mail → confirmed → signed in, on a real Kestrel.
/// </summary>
public sealed partial class SignUpByEmailTests(SignUpByEmailTests.Host host) : IClassFixture<SignUpByEmailTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => Kestrel = true;
    }

    [Fact]
    public async Task SignUp_DeliversAConfirmationMailWhoseLinkLetsTheNewUserSignIn()
    {
        using var visitor = new Browserless(host.ServerAddress);
        var email = TestUsers.NewEmail("mailed");

        var registered = await visitor.Http.PostFormAsync("/account/register",
            ("DisplayName", "赵一鸣"), ("Email", email), ("Password", "Jilin2026"), ("ConfirmPassword", "Jilin2026"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/account/check-email", registered.Headers.Location!.OriginalString);

        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        Assert.Equal("noreply@competitionhub.local", mail.From.Mailboxes.Single().Address);
        var row = await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Recipient == email));
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.NotNull(mail.HtmlBody);
        Assert.NotNull(mail.TextBody);
        Assert.Contains("赵一鸣", mail.TextBody);
        var link = ConfirmLink().Match(mail.TextBody).Value;
        Assert.StartsWith(host.ServerAddress.ToString(), link);
        await host.WaitForRowAsync(row.Id, n => n.Status == NotificationStatus.Sent, "sent");

        var confirmed = await visitor.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("邮箱已确认", await confirmed.Content.ReadAsStringAsync());

        await visitor.SignInAsync(email, "Jilin2026");
        Assert.Contains(email, await visitor.Http.GetStringAsync("/"));
    }

    [GeneratedRegex(@"http://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
