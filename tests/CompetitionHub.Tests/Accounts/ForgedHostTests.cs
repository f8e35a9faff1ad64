using System.Net;
using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.TestSupport;
using MimeKit;

namespace CompetitionHub.Tests.Accounts;

/// <summary>
/// Account mail sent on a request whose Host header an attacker chose: its links lead to the configured site. Before,
/// a forgot-password request for someone else's address with <c>Host: evil.example</c> mailed them a reset link to
/// the attacker's site.
/// </summary>
public sealed class ForgedHostTests(ForgedHostTests.Host host) : IClassFixture<ForgedHostTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => this.OnPublicSiteAcceptingAnyHost();
    }

    [Fact]
    public async Task ForgotPassword_MailsAResetLinkToTheConfiguredSite_WhenTheHostHeaderIsForged()
    {
        var victim = TestUsers.NewEmail("victim");
        await host.CreateUserAsync(victim, "OldSecret1");
        var attacker = host.CreateFormClient().ForgingHost();

        var asked = await attacker.PostFormAsync("/account/forgot-password", ("Email", victim));

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var mail = await MailToAsync(victim);
        var link = Assert.Single(PublicSite.LinksIn(mail.TextBody));
        Assert.StartsWith(PublicSite.BaseUrl + "/account/reset-password?userId=", link);
        Assert.DoesNotContain(PublicSite.ForgedHost, mail.HtmlBody);
        // The link is the real one: the site behind the proxy opens the reset form from it.
        var form = await host.CreateFormClient().GetAsync(PublicSite.AppPath(link));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Register_MailsAConfirmationLinkToTheConfiguredSite_WhenTheHostHeaderIsForged()
    {
        var email = TestUsers.NewEmail("signup");
        var client = host.CreateFormClient().ForgingHost();

        await client.PostFormAsync("/account/register",
            ("DisplayName", "张三"), ("Email", email), ("Password", "Secret123"), ("ConfirmPassword", "Secret123"));

        var mail = await MailToAsync(email);
        var link = Assert.Single(PublicSite.LinksIn(mail.TextBody));
        Assert.StartsWith(PublicSite.BaseUrl + "/account/confirm-email?userId=", link);
        Assert.DoesNotContain(PublicSite.ForgedHost, mail.HtmlBody);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateFormClient().GetAsync(PublicSite.AppPath(link))).StatusCode);
        Assert.True((await host.FindUserAsync(email))!.EmailConfirmed);
    }

    private async Task<MimeMessage> MailToAsync(string email) =>
        Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
}
