using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Registration;

/// <summary>
/// A contestant's whole way in, as people do it in a browser: sign-up and the confirmation mail, a team, a member
/// invited by mail who accepts, an entry with uploaded PDFs, submission; then the organizer approves and the team is told.
/// Every mail travels outbox → Hangfire → MailKit → a real SMTP listener.
/// </summary>
public sealed partial class RegistrationJourneyTests(RegistrationJourneyTests.Host host) : IClassFixture<RegistrationJourneyTests.Host>
{
    public sealed class Host : BrowserHost
    {
        /// <summary>Mail to a real listener, and a clock inside the seeded contest's registration window whatever day this runs.</summary>
        protected override AppFactory CreateApp() =>
            new SmtpAppFactory { Kestrel = true }.WithClock(new ShiftedClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8))));
    }

    private SmtpListener Mail => ((SmtpAppFactory)host.App).Smtp;

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Contestant_RegistersATeamAndAnEntry_AndTheOrganizersApprovalReachesThem()
    {
        var leaderEmail = TestUsers.NewEmail("leader");
        var memberEmail = TestUsers.NewEmail("member");
        var leader = await host.NewPageAsync(390, 844); // the contestant is on a phone
        var member = await host.NewPageAsync();
        var organizer = await host.NewPageAsync();

        await SignUpAndConfirmAsync(leader, leaderEmail, "林晓雨");
        await leader.SignInAsync(leaderEmail, "Changchun2026");

        await leader.GotoAsync("/teams");
        await leader.Locator("#team-name").FillAsync("长光精密测量团队");
        await leader.Locator("#create-team-submit").ClickAsync();
        await Expect(leader.Locator("#team-title")).ToContainTextAsync("长光精密测量团队");

        await leader.Locator("#invite-email").FillAsync(memberEmail);
        await leader.Locator("#invite-submit").ClickAsync();
        await Expect(leader.Locator($"#invitation-list li[data-invitation-email='{memberEmail}']")).ToBeVisibleAsync();

        await SignUpAndConfirmAsync(member, memberEmail, "赵启航");
        var invitation = await MailToAsync(memberEmail, m => (m.Subject ?? "").Contains("长光精密测量团队"));
        await member.GotoAsync(TestUsers.LinkIn(invitation, "/invitations/"));
        // Not signed in: the link asks them to sign in first, then brings them back to the invitation.
        await Expect(member).ToHaveURLAsync(new Regex("/account/login"));
        await member.Locator("input[name=Email]").FillAsync(memberEmail);
        await member.Locator("input[name=Password]").FillAsync("Changchun2026");
        await member.Locator("#login-submit").ClickAsync();
        await Expect(member).ToHaveURLAsync(new Regex("/invitations/"));
        await member.Locator("#accept-invitation").ClickAsync();
        await Expect(member).ToHaveURLAsync(new Regex(@"/teams/\d+$"));
        await Expect(member.Locator($"#member-list li[data-member-email='{memberEmail}']")).ToBeVisibleAsync();
        await leader.ReloadAsync();
        await Expect(leader.Locator($"#member-list li[data-member-email='{memberEmail}']")).ToBeVisibleAsync();

        var contestId = await host.App.WithDbAsync(db => db.Contests.Where(c => c.Slug == "cie-jilin").Select(c => c.Id).SingleAsync());
        await leader.GotoAsync($"/entries/new?contestId={contestId}");
        await leader.Locator("#entry-title").FillAsync("高精度光栅尺国产化");
        await leader.Locator("#entry-summary").FillAsync("面向数控机床的纳米级光栅尺，打破进口垄断。");
        await leader.SelectOptionAsync("#entry-industry", "先进制造");
        await leader.SelectOptionAsync("#entry-applicant-type", "Enterprise");
        await leader.Locator("#entry-company").FillAsync("长春长光精测科技有限公司");
        await leader.Locator("#entry-credit-code").FillAsync("91220104MA14XNKP5E");
        await leader.SelectOptionAsync("#entry-registration-province", "22");
        await leader.Locator("#entry-registration-district").FillAsync("长春市绿园区");
        await leader.Locator("#entry-founded").FillAsync("2025-04-01");
        await leader.Locator("#entry-revenue").FillAsync("350");
        await leader.SelectOptionAsync("#entry-leader-gender", "Female");
        await leader.Locator("#entry-contact-name").FillAsync("林晓雨");
        await leader.Locator("#entry-contact-phone").FillAsync("13804310000");
        await leader.Locator("#entry-contact-email").FillAsync(leaderEmail);
        await leader.Locator("#entry-save").ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex(@"/entries/\d+$"));
        await Expect(leader.Locator("#placement-note")).ToContainTextAsync("初创组");
        await Expect(leader.Locator("#eligibility")).ToHaveAttributeAsync("data-eligible", "true");
        var entryId = int.Parse(EntryId().Match(leader.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        foreach (var (kind, name) in new[] { ("BusinessPlan", "商业计划书.pdf"), ("PitchDeck", "路演材料.pdf") })
        {
            await leader.SelectOptionAsync("#material-kind", kind);
            await leader.Locator("#material-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Pdf });
            await leader.Locator("#material-upload").ClickAsync();
            await Expect(leader.Locator($"#material-list li[data-kind='{kind}']")).ToBeVisibleAsync();
        }
        await leader.Locator("#entry-submit").ClickAsync();
        await Expect(leader.Locator("#entry-status [data-status]")).ToHaveAttributeAsync("data-status", "Submitted");
        await BrowserHost.ScreenshotAsync(leader, "journey-submitted-phone");
        await MailToAsync(leaderEmail, m => (m.Subject ?? "").Contains("高精度光栅尺国产化"));

        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync($"/manage/contests/{contestId}/entries");
        await Expect(organizer.Locator($"tr.entry-row[data-entry-id='{entryId}']")).ToContainTextAsync("高精度光栅尺国产化");
        await organizer.GotoAsync($"/manage/entries/{entryId}");
        await Expect(organizer.Locator("#entry-materials a.material-link")).ToHaveCountAsync(2);
        await organizer.Locator("#decision-reason-input").FillAsync("材料齐全，符合初创组参赛条件。");
        await organizer.Locator("#decide-approve").ClickAsync();
        await Expect(organizer.Locator("#entry-status")).ToHaveAttributeAsync("data-status", "Approved");
        await BrowserHost.ScreenshotAsync(organizer, "journey-approved-organizer");

        var approval = await MailToAsync(leaderEmail, m => (m.Subject ?? "").Contains("已通过报名审核"));
        Assert.Contains("材料齐全，符合初创组参赛条件。", approval.TextBody ?? "");
        await leader.GotoAsync("/entries");
        await Expect(leader.Locator("body")).ToContainTextAsync("材料齐全，符合初创组参赛条件。");
    }

    private async Task SignUpAndConfirmAsync(IPage page, string email, string name)
    {
        await page.GotoAsync("/account/register");
        await page.Locator("input[name=DisplayName]").FillAsync(name);
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync("Changchun2026");
        await page.Locator("input[name=ConfirmPassword]").FillAsync("Changchun2026");
        await page.Locator("#register-submit").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(email);

        var confirmation = await MailToAsync(email, m => (m.Subject ?? "").Contains("请确认您的邮箱地址"));
        await page.GotoAsync(TestUsers.LinkIn(confirmation, "/account/confirm-email"));
        await Expect(page.Locator("#confirm-result")).ToContainTextAsync("邮箱已确认");
    }

    private async Task<MimeMessage> MailToAsync(string email, Func<MimeMessage, bool> match) =>
        (await Mail.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && match(m))).Last();


    [GeneratedRegex(@"/entries/(\d+)$")]
    private static partial Regex EntryId();
}
