using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.TestSupport;
using Ical.Net;

namespace CompetitionHub.Tests.ActivityWeek;

/// <summary>Calendar feeds and ticket mail are read outside the site: their links lead to the configured site, whatever Host was sent.</summary>
public sealed class PublicLinkTests(PublicLinkTests.Host host) : IClassFixture<PublicLinkTests.Host>
{
    public sealed class Host : ActivityHost
    {
        public Host() => this.OnPublicSiteAcceptingAnyHost();
    }

    [Fact]
    public async Task CalendarFeeds_LinkEachEventOnTheConfiguredSite_WhenTheHostHeaderIsForged()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, ActivityArrange.Minute(host.Now.AddDays(3)));
        var client = host.CreateClient().ForgingHost();

        var feed = await client.GetStringAsync($"/activity-weeks/{contest}/programme.ics");
        var single = await client.GetStringAsync($"/activity-events/{ev}.ics");

        foreach (var ics in new[] { feed, single })
        {
            Assert.Equal(new Uri($"{PublicSite.BaseUrl}/activity-events/{ev}"), Assert.Single(Calendar.Load(ics)!.Events).Url);
            Assert.DoesNotContain(PublicSite.ForgedHost, ics);
        }
    }

    [Fact]
    public async Task SignUp_MailsTicketLinksOnTheConfiguredSite_WhenTheHostHeaderIsForged()
    {
        var contest = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(contest, host.Now.AddDays(10));
        var (client, email, _) = await host.PersonAsync();

        await client.ForgingHost().SignUpAsync(ev);
        await host.RunSenderAsync();

        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        Assert.Equal([$"{PublicSite.BaseUrl}/my/tickets", $"{PublicSite.BaseUrl}/activity-events/{ev}"], PublicSite.LinksIn(mail.TextBody));
        Assert.DoesNotContain(PublicSite.ForgedHost, mail.HtmlBody);
    }
}
