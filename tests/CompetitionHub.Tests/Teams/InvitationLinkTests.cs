using System.Net;
using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Teams;

public sealed class InvitationLinkTests(InvitationLinkTests.Host host) : IClassFixture<InvitationLinkTests.Host>
{
    public sealed class Host : SmtpAppFactory
    {
        public Host() => this.OnPublicSiteAcceptingAnyHost();
    }

    [Fact]
    public async Task Invite_MailsTheAcceptLinkOnTheConfiguredSite_WhenTheHostHeaderIsForged()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.ForgingHost().CreateTeamAsync("净月科技");
        var inviteeEmail = TestUsers.NewEmail("invitee");
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        var invited = await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", inviteeEmail), new("Version", version.ToString())], $"/teams/{teamId}");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == inviteeEmail)));
        var link = Assert.Single(PublicSite.LinksIn(mail.TextBody));
        Assert.Matches("^" + PublicSite.BaseUrl + "/invitations/[0-9a-f-]{36}$", link);
        Assert.DoesNotContain(PublicSite.ForgedHost, mail.HtmlBody);
        // Not signed in, the link leads to the login page, which keeps the person on the site (a path, not a host).
        var opened = await host.CreateFormClient().ForgingHost().GetAsync(PublicSite.AppPath(link));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", opened.Headers.Location!.OriginalString);
    }
}
