using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Publication;

/// <summary>
/// A round's results from draft to final, in the browser: the organizer publishes the draft for 公示, a team leader follows
/// the mail to the ranking and objects with evidence from a phone, the organizer answers the objection, republishes with
/// a reason and, once the review period is over, finalizes. Every team hears of each step by mail, through a real SMTP
/// listener.
/// </summary>
public sealed class PublicationBrowserTests(PublicationBrowserTests.Host host) : IClassFixture<PublicationBrowserTests.Host>
{
    public sealed class Host : ScenarioMailHost;

    private SmtpListener Mail => host.Mail;

    private static readonly string[] Titles = ["桦甸市林蛙生态养殖", "舒兰大米品牌直播带货", "长白山人参精深加工"];

    [Fact]
    public async Task Results_GoFromDraftToFinal_WhenTheOrganizerPublishesAnswersAnObjectionAndFinalizes()
    {
        // Three start-up entries of the seeded 农村创新创业大赛, scored 90, 80 and 70 in its closed online review.
        var (contestId, roundId, _, leaders, entries) =
            await new ScenarioSteps(host.App, host.BaseAddress).ScoredEntriesAsync("rural-ie-jilin", Titles, EntryKind.Startup);
        var organizer = await host.NewPageAsync();
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync($"/manage/contests/{contestId}/rounds/{roundId}/results");
        await Expect(organizer.Locator("#publication-none")).ToBeVisibleAsync();

        await organizer.Locator("#publish-days").FillAsync("5");
        await organizer.Locator("#publish-submit").ClickAsync();
        await Expect(organizer.Locator("#publication-current")).ToHaveAttributeAsync("data-number", "1");
        await Expect(organizer.Locator("#publication-current")).ToHaveAttributeAsync("data-stage", "Announcement");
        await Expect(organizer.Locator("#status-message")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(organizer, "publication-announced");
        // Each team is told its rank.
        for (var i = 0; i < Titles.Length; i++) await MailToAsync(leaders[i], $"结果公示：您的项目排名第 {i + 1} 名");

        // The third team's leader follows the mail on a phone and objects to the first entry's rank, with evidence.
        var announced = await MailToAsync(leaders[2], "结果公示");
        var leader = await host.NewPageAsync(390, 844);
        await leader.SignInAsync(leaders[2]);
        await leader.GotoAsync(TestUsers.LinkIn(announced, $"/contests/{contestId}/rounds/{roundId}/results"));
        await Expect(leader.Locator("#announcement-banner")).ToContainTextAsync("公示中");
        await Expect(leader.Locator(".ranking-row .ranking-title")).ToHaveTextAsync(Titles);
        await leader.Locator("#objection-link").ClickAsync();
        await leader.Locator("#objection-entry").SelectOptionAsync(entries[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await leader.Locator("#objection-text").FillAsync("第一名项目的评审材料与现场核验不符，请复核。");
        await leader.Locator("#objection-evidence").SetInputFilesAsync(new FilePayload { Name = "核验记录.pdf", MimeType = "application/pdf", Buffer = ScenarioSteps.Pdf });
        await leader.Locator("#objection-submit").ClickAsync();
        await Expect(leader.Locator("#status-message")).ToBeVisibleAsync();
        await Expect(leader.Locator(".my-objection")).ToHaveAttributeAsync("data-status", "Pending");
        await BrowserHost.ScreenshotAsync(leader, "publication-objection-390");

        // A pending objection holds back a new version until it is answered.
        await organizer.ReloadAsync();
        await Expect(organizer.Locator("#objections-pending-count")).ToHaveTextAsync("1");
        await organizer.Locator("#publish-note").FillAsync("复核后更正");
        await organizer.Locator("#publish-submit").ClickAsync();
        await Expect(organizer.Locator("#status-error")).ToContainTextAsync("还有未处理的异议");
        await Expect(organizer.Locator("#publication-current")).ToHaveAttributeAsync("data-number", "1");

        const string answer = "经复核，第一名项目材料与现场核验一致，维持原排名。";
        var objection = organizer.Locator(".objection");
        await objection.Locator("textarea[name=Answer]").FillAsync(answer);
        await objection.Locator(".objection-dismiss").ClickAsync();
        await Expect(organizer.Locator(".objection")).ToHaveAttributeAsync("data-status", "Dismissed");
        Assert.Contains(answer, (await MailToAsync(leaders[2], "异议已处理")).TextBody, StringComparison.Ordinal);

        // Republishing asks why the results changed; with a reason it is version 2, announced anew.
        await organizer.Locator("#publish-submit").ClickAsync();
        await Expect(organizer.Locator("#status-error")).ToHaveTextAsync("重新发布时请说明结果变化的原因。");
        await organizer.Locator("#publish-days").FillAsync("3");
        await organizer.Locator("#publish-note").FillAsync("异议处理完毕，重新公示");
        await organizer.Locator("#publish-submit").ClickAsync();
        await Expect(organizer.Locator("#publication-current")).ToHaveAttributeAsync("data-number", "2");
        await Expect(organizer.Locator("#versions .version")).ToHaveCountAsync(2);

        // Finalizing waits for the end of the review period.
        await organizer.Locator("#finalize-submit").ClickAsync();
        await Expect(organizer.Locator("#status-error")).ToContainTextAsync("公示期尚未结束");
        host.Clock.Advance(TimeSpan.FromDays(4));
        await organizer.ReloadAsync();
        await organizer.Locator("#finalize-submit").ClickAsync();
        await Expect(organizer.Locator("#publication-current")).ToHaveAttributeAsync("data-stage", "Final");
        await Expect(organizer.Locator("#publish-form")).ToHaveCountAsync(0);
        // Version 1 was replaced while in 公示: the list no longer calls it that.
        await Expect(organizer.Locator("#versions .version[data-number='1'] .version-stage")).ToHaveAttributeAsync("data-stage", "Superseded");
        await BrowserHost.ScreenshotAsync(organizer, "publication-final");
        for (var i = 0; i < Titles.Length; i++) await MailToAsync(leaders[i], $"最终结果：您的项目排名第 {i + 1} 名");

        // The public page says so, in either language.
        await leader.GotoAsync($"/contests/{contestId}/rounds/{roundId}/results");
        // On a phone the language picker sits in the folded menu.
        await leader.Locator(".navbar-toggler").ClickAsync();
        await leader.SwitchLanguageAsync("en");
        await Expect(leader.Locator("#final-banner")).ToBeVisibleAsync();
        await Expect(leader.Locator("#objection-link")).ToHaveCountAsync(0);
        await Expect(leader.Locator(".results-version[data-number='1'] .version-stage")).ToHaveTextAsync("Superseded");
        await BrowserHost.ScreenshotAsync(leader, "publication-final-390-en");
        await organizer.Context.CloseAsync();
        await leader.Context.CloseAsync();
    }

    private async Task<MimeMessage> MailToAsync(string email, string subject) =>
        (await Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal))).Last();
}
