using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Review;

/// <summary>
/// An early pilot credit code in the browser: the team (on a phone) saves it and is warned which check character the
/// standard expects, uploads the business licence and submits; the organizer (at a desk) finds the entry under
/// "credit code awaiting verification", confirms it with a reason, and the entry's eligibility shows the confirmation
/// to both, in Chinese and in English.
/// </summary>
public sealed class CreditCodeVerificationBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>厦门 (350200) on a pre-2015 organization code: GB 32100 gives K as the 18th character, the licence says 0.</summary>
    private const string EarlyPilot = "913502006120032610";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>An open contest for Jilin enterprises that the demo organizer manages, and a leader with a team.</summary>
    private async Task<(int ContestId, string LeaderEmail)> ArrangeAsync()
    {
        var steps = new ScenarioSteps(host.App, host.BaseAddress);
        var contestId = await host.App.WithDbAsync(async db =>
        {
            var department = await db.Departments.OrderBy(d => d.Id).FirstAsync();
            var slug = "pilot-" + Guid.NewGuid().ToString("N")[..10];
            var contest = new Contest
            {
                Slug = slug, Name = "吉林省科技型企业创新大赛", NameEn = "Jilin Tech Enterprise Innovation Contest", EditionYear = 2027,
                LeadDepartmentId = department.Id, IsPublished = true, RegistrationOpensAt = DateTime.UtcNow.AddDays(-1),
                RegistrationClosesAt = DateTime.UtcNow.AddDays(20), IndustryFields = ["电子信息", "生物医药"],
            };
            contest.Tracks.Add(new ContestTrack
            {
                Code = "startup", Name = "初创组", NameEn = "Start-up group",
                Eligibility = new EligibilityRules { ApplicantTypes = [ApplicantType.Enterprise], RequireJilinRegistration = true },
            });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            var organizer = await db.Users.SingleAsync(u => u.Email == TestUsers.DemoOrganizer);
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contest.Id, UserId = organizer.Id, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return contest.Id;
        });
        var leaderEmail = TestUsers.NewEmail("pilot");
        var leaderId = await steps.UserAsync(leaderEmail, "陈思远", Roles.Contestant);
        await steps.TeamAsync(leaderId, "鹭岛光电团队");
        return (contestId, leaderEmail);
    }

    [Fact]
    public async Task EarlyPilotCode_IsSavedWithAWarning_AndTheOrganizersConfirmationShowsInEligibility()
    {
        var (contestId, leaderEmail) = await ArrangeAsync();
        var leader = await host.NewPageAsync(390, 844);
        var organizer = await host.NewPageAsync();
        await leader.SignInAsync(leaderEmail, TestUsers.DemoPassword);

        await leader.GotoAsync($"/entries/new?contestId={contestId}");
        await leader.Locator("#entry-title").FillAsync("微型光谱传感器");
        await leader.Locator("#entry-summary").FillAsync("面向农业检测的微型光谱传感器。");
        await leader.SelectOptionAsync("#entry-industry", "电子信息");
        await leader.SelectOptionAsync("#entry-applicant-type", "Enterprise");
        await leader.Locator("#entry-company").FillAsync("长春鹭岛光电科技有限公司");
        await leader.Locator("#entry-credit-code").FillAsync(EarlyPilot);
        await leader.SelectOptionAsync("#entry-registration-province", "22");
        await leader.Locator("#entry-registration-district").FillAsync("长春市南关区");
        await leader.Locator("#entry-founded").FillAsync("2024-06-01");
        await leader.Locator("#entry-revenue").FillAsync("420");
        await leader.SelectOptionAsync("#entry-leader-gender", "Male");
        await leader.Locator("#entry-contact-name").FillAsync("陈思远");
        await leader.Locator("#entry-contact-phone").FillAsync("13904310000");
        await leader.Locator("#entry-contact-email").FillAsync(leaderEmail);
        await leader.Locator("#entry-save").ClickAsync();

        await Expect(leader).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/entries/\d+$"));
        await Expect(leader.Locator("#credit-code-warning")).ToContainTextAsync("按国家标准 GB 32100 应为 K，您填写的是 0");
        await Expect(leader.Locator("#credit-code-warning")).ToContainTextAsync("试点地区赋予的早期代码");
        await Expect(leader.Locator("#eligibility li[data-rule='credit-code']")).ToHaveAttributeAsync("data-pending", "true");
        await Expect(leader.Locator("#licence-needed")).ToBeVisibleAsync();
        // The upload form already offers the licence.
        await Expect(leader.Locator("#material-kind")).ToHaveValueAsync("BusinessLicence");
        await BrowserHost.ScreenshotAsync(leader, "credit-code-warning-phone-zh");
        var entryId = int.Parse(leader.Url[(leader.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        await leader.Locator("#material-file").SetInputFilesAsync(new FilePayload { Name = "营业执照.png", MimeType = "image/png", Buffer = Png });
        await leader.Locator("#material-upload").ClickAsync();
        await Expect(leader.Locator("#material-list li[data-kind='BusinessLicence']")).ToBeVisibleAsync();
        await Expect(leader.Locator("#licence-needed")).ToHaveCountAsync(0);
        await leader.Locator("#entry-submit").ClickAsync();
        await Expect(leader.Locator("#entry-status [data-status]")).ToHaveAttributeAsync("data-status", "Submitted");

        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync($"/manage/contests/{contestId}/entries");
        await organizer.SelectOptionAsync("#filter-code-check", "pending");
        await organizer.Locator("#filter-submit").ClickAsync();
        await Expect(organizer.Locator($"tr.entry-row[data-entry-id='{entryId}'] .entry-code-check")).ToHaveAttributeAsync("data-state", "Pending");
        await BrowserHost.ScreenshotAsync(organizer, "credit-code-review-list-desktop-zh");
        await organizer.Locator($"tr.entry-row[data-entry-id='{entryId}'] a.entry-link").ClickAsync();
        await Expect(organizer.Locator("#credit-code-check-note")).ToContainTextAsync("应为 K，填写的是 0");
        await Expect(organizer.Locator("#entry-materials")).ToContainTextAsync("营业执照");
        await organizer.Locator("#credit-code-check-reason-input").FillAsync("与营业执照原件一致，系国家标准实施前试点赋码。");
        await organizer.Locator("#credit-code-confirm").ClickAsync();

        await Expect(organizer.Locator("#status-message")).ToContainTextAsync("已确认");
        await Expect(organizer.Locator("#entry-code-check")).ToHaveAttributeAsync("data-state", "Confirmed");
        await Expect(organizer.Locator("#eligibility-report [data-rule='credit-code']")).ToContainTextAsync("信用代码经主办方核验");
        await Expect(organizer.Locator("#decision-history [data-action='credit-code-confirmed']")).ToContainTextAsync("与营业执照原件一致");
        await BrowserHost.ScreenshotAsync(organizer, "credit-code-confirmed-desktop-zh");
        await organizer.SwitchLanguageAsync("en");
        await Expect(organizer.Locator("#eligibility-report [data-rule='credit-code']")).ToContainTextAsync("Credit code verified by the organizer");
        await BrowserHost.ScreenshotAsync(organizer, "credit-code-confirmed-desktop-en");

        await leader.ReloadAsync();
        await Expect(leader.Locator("#eligibility")).ToHaveAttributeAsync("data-eligible", "true");
        await Expect(leader.Locator("#eligibility li[data-rule='credit-code']")).ToContainTextAsync("信用代码经主办方核验");
        await BrowserHost.ScreenshotAsync(leader, "credit-code-confirmed-phone-zh");
        // On a phone the language select sits in the collapsed menu.
        await leader.Locator(".navbar-toggler").ClickAsync();
        await Expect(leader.Locator("#cultureSelect")).ToBeVisibleAsync();
        await leader.SwitchLanguageAsync("en");
        await Expect(leader.Locator("#eligibility li[data-rule='credit-code']")).ToContainTextAsync("Credit code verified by the organizer");
        await Expect(leader.Locator("#credit-code-warning")).ToContainTextAsync("should be K; you entered 0");
        await BrowserHost.ScreenshotAsync(leader, "credit-code-confirmed-phone-en");
    }
}
