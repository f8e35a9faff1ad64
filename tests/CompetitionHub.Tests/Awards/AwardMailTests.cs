using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Notifications;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using static CompetitionHub.Tests.Awards.AwardsArrange;

namespace CompetitionHub.Tests.Awards;

/// <summary>The mail an awarded team gets: rows in the outbox on confirmation, then real mail through the SMTP listener.</summary>
public sealed class AwardMailTests(AwardMailTests.Host host) : IClassFixture<AwardMailTests.Host>
{
    /// <summary>No Hangfire server: the tests run the sender themselves.</summary>
    public sealed class Host : SmtpAppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    private static string Payload(Notification row, string property) =>
        JsonDocument.Parse(row.PayloadJson).RootElement.GetProperty(property).GetString()!;

    private Task<int> AwardIdAsync(int entryId) =>
        host.WithDbAsync(db => db.Awards.Where(a => a.EntryId == entryId).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task Confirm_MailsEveryAwardedTeamMemberAndContactInTheirLanguage_WithTheCertificateLink()
    {
        // The first entry's leader reads English, the others Chinese; the second entry has a contact besides its leader.
        var c = await host.ScoredContestAsync([95, 90, 85], withNextRound: false);
        var contact = TestUsers.NewEmail("contact");
        await host.WithDbAsync(db => db.Entries.Where(e => e.Id == c.Entries[1].Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContactEmail, contact)));
        await host.SavePlanAsync(c, 1, 1, 0, 0);

        var response = await host.ConfirmAsync(c, new Dictionary<int, string>
        {
            [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Second", [c.Entries[2].Id] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var english = Assert.Single(await host.NotificationsToAsync(c.Entries[0].LeaderEmail!, AwardMail.Template));
        var chinese = Assert.Single(await host.NotificationsToAsync(c.Entries[1].LeaderEmail!, AwardMail.Template));
        var toContact = Assert.Single(await host.NotificationsToAsync(contact, AwardMail.Template));
        Assert.Empty(await host.NotificationsToAsync(c.Entries[2].LeaderEmail!, AwardMail.Template));
        Assert.Equal(("en", "zh-CN", "zh-CN"), (english.Culture, chinese.Culture, toContact.Culture));
        Assert.Equal(("First", "一等奖"), (Payload(english, "grade"), Payload(english, "prize")));
        Assert.Equal(("Second", "二等奖"), (Payload(chinese, "grade"), Payload(chinese, "prize")));
        var firstCertificate = $"/awards/{await AwardIdAsync(c.Entries[0].Id)}/certificate";
        var secondCertificate = $"/awards/{await AwardIdAsync(c.Entries[1].Id)}/certificate";
        Assert.Equal(firstCertificate, TestUsers.LinkIn(english, "certificateLink"));
        Assert.Equal(secondCertificate, TestUsers.LinkIn(chinese, "certificateLink"));
        Assert.Equal(secondCertificate, TestUsers.LinkIn(toContact, "certificateLink"));

        await host.RunSenderAsync();
        var en = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == english.MessageId));
        var zh = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == chinese.MessageId));
        Assert.Contains("receives the First prize", en.Subject);
        Assert.Contains("Hello", en.TextBody);
        Assert.Contains(firstCertificate, en.TextBody);
        Assert.Contains("获得二等奖", zh.Subject);
        Assert.Contains("您好", zh.TextBody);
        Assert.Contains(secondCertificate, zh.TextBody);
        Assert.Contains($"href=\"http://localhost{secondCertificate}\"", zh.HtmlBody);

        // The link in the mail opens the certificate for the team.
        var leader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(firstCertificate)).StatusCode);
    }

    [Fact]
    public async Task Confirm_MailsNobody_WhenItIsRefused()
    {
        var c = await host.ScoredContestAsync([95, 90], withNextRound: false);
        await host.SavePlanAsync(c, 1, 0, 0, 0);

        // Not the proposal, and no reason given.
        await host.ConfirmAsync(c, new Dictionary<int, string> { [c.Entries[0].Id] = "", [c.Entries[1].Id] = "First" });

        Assert.Empty(await host.NotificationsToAsync(c.Entries[0].LeaderEmail!, AwardMail.Template));
        Assert.Empty(await host.NotificationsToAsync(c.Entries[1].LeaderEmail!, AwardMail.Template));
    }

    [Fact]
    public async Task GiveHonour_MailsTheTeamTheHonourAndItsCertificateLink()
    {
        var c = await host.ScoredContestAsync([95, 90], withNextRound: false);
        await c.Organizer.PostFormAsync(c.AwardsUrl + "/honour-titles", [F("Titles", "创业新锐\n巾帼创业之星")], c.AwardsUrl);

        var response = await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours",
            [F("EntryId", c.Entries[0].Id), F("Honour", "巾帼创业之星")], c.AwardsUrl);
        await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours", [F("EntryId", c.Entries[0].Id), F("Honour", "巾帼创业之星")], c.AwardsUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = Assert.Single(await host.NotificationsToAsync(c.Entries[0].LeaderEmail!, AwardMail.Template));
        Assert.Equal(("Honour", "巾帼创业之星"), (Payload(row, "kind"), Payload(row, "prize")));
        var certificate = $"/awards/{await AwardIdAsync(c.Entries[0].Id)}/certificate";
        Assert.Equal(certificate, TestUsers.LinkIn(row, "certificateLink"));
        Assert.Empty(await host.NotificationsToAsync(c.Entries[1].LeaderEmail!, AwardMail.Template));

        await host.RunSenderAsync();
        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.MessageId == row.MessageId));
        Assert.Contains("the honour \"巾帼创业之星\"", mail.TextBody);
        Assert.Contains(certificate, mail.TextBody);
    }

    [Fact]
    public async Task RenderAsync_NamesThePrizeOrHonourOnceEscaped_InChineseAndEnglish()
    {
        var templates = new EmailTemplates();
        const string Honour = """{"displayName":"李创业","contestName":"大赛","entryTitle":"人参 & <细胞>","kind":"Honour","grade":"","prize":"R&D 之星","certificateLink":"https://hub.example/awards/7/certificate","certificatesLink":"https://hub.example/awards/mine"}""";
        var excellence = Honour.Replace("\"kind\":\"Honour\",\"grade\":\"\",\"prize\":\"R&D 之星\"", "\"kind\":\"Prize\",\"grade\":\"Excellence\",\"prize\":\"优秀奖\"");

        var zh = await templates.RenderAsync(AwardMail.Template, "zh-CN", Honour);
        var en = await templates.RenderAsync(AwardMail.Template, "en", Honour);
        var enPrize = await templates.RenderAsync(AwardMail.Template, "en", excellence);

        Assert.Contains("获得“R&D 之星”称号", zh.Text);
        Assert.Contains("“R&amp;D 之星”称号", zh.Html);
        Assert.DoesNotContain("&amp;amp;", zh.Html);
        Assert.Contains("人参 &amp; &lt;细胞&gt;", zh.Html);
        Assert.Contains("receives the honour \"R&D 之星\"", en.Text);
        Assert.Contains("receives an Excellence award", enPrize.Text);
        Assert.Contains("https://hub.example/awards/7/certificate", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
    }
}
