using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Features.Contests;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Advancement;

/// <summary>
/// The organizer decides who advances from a closed round, in the browser: sets the start-up group's quota, confirms it,
/// and, when the leader of an advanced entry withdraws it, backfills the seat with the next entry in score order. Every
/// team hears of it by mail, through a real SMTP listener.
/// </summary>
public sealed class AdvancementBrowserTests(AdvancementBrowserTests.Host host) : IClassFixture<AdvancementBrowserTests.Host>
{
    public sealed class Host : ScenarioMailHost;

    private SmtpListener Mail => host.Mail;

    private static readonly string[] Titles = ["梨树县黑土保护性耕作", "敦化林下经济种植", "集安山葡萄深加工", "农安县稻渔共养"];

    [Fact]
    public async Task Advancement_ConfirmsTheQuotaAndBackfillsAWithdrawal_WhenTheOrganizerClicksThroughIt()
    {
        // Four start-up entries of the seeded 农村创新创业大赛, each led by its own leader, scored 90, 80, 70 and 60 in the
        // closed online review; the roadshow after it has not started.
        var (contestId, roundId, trackId, leaders, entries) =
            await new ScenarioSteps(host.App, host.BaseAddress).ScoredEntriesAsync("rural-ie-jilin", Titles, EntryKind.Startup);
        var organizer = await host.NewPageAsync();
        await organizer.SignInAsync(TestUsers.DemoOrganizer);

        await organizer.GotoAsync($"/manage/contests/{contestId}/rounds/{roundId}/advancement");
        await organizer.Locator($"#quota-{trackId}").FillAsync("2");
        await organizer.Locator($"#quota-save-{trackId}").ClickAsync();
        await Expect(organizer.Locator($"#cut-line-{trackId}")).ToBeVisibleAsync();
        await Expect(organizer.Locator($"#ranking-{trackId} tr[data-side='above']")).ToHaveCountAsync(2);
        await BrowserHost.ScreenshotAsync(organizer, "advancement-quota");

        await organizer.Locator($"#confirm-{trackId}").ClickAsync();
        await Expect(organizer.Locator($"#confirmed-{trackId}")).ToBeVisibleAsync();
        await Expect(organizer.Locator($"#ranking-{trackId} .outcome[data-outcome='advanced']")).ToHaveCountAsync(2);
        await Expect(organizer.Locator($"#ranking-{trackId} .outcome[data-outcome='eliminated']")).ToHaveCountAsync(2);
        // Each team is told: the first two that they advance, the other two that they do not.
        await MailToAsync(leaders[0], $"“{Titles[0]}”已晋级");
        await MailToAsync(leaders[1], $"“{Titles[1]}”已晋级");
        await MailToAsync(leaders[2], "晋级结果");
        await MailToAsync(leaders[3], "晋级结果");

        // The second entry's leader withdraws it before the roadshow starts.
        var leader = await host.NewPageAsync(390, 844);
        await leader.SignInAsync(leaders[1]);
        await leader.GotoAsync($"/entries/{entries[1]}");
        // Withdrawing asks first and says what follows; the leader confirms.
        string? asked = null;
        leader.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await leader.Locator("#entry-withdraw").ClickAsync();
        await Expect(leader.Locator("#status-message")).ToBeVisibleAsync();
        Assert.StartsWith("确定撤回报名？", asked);

        await organizer.ReloadAsync();
        await Expect(organizer.Locator($"#vacancy-{trackId}")).ToBeVisibleAsync();
        await organizer.Locator($"#backfill-{trackId}").ClickAsync();
        await Expect(organizer.Locator($"#ranking-{trackId} tr[data-entry-id='{entries[2]}'] .outcome")).ToHaveAttributeAsync("data-outcome", "advanced");
        await BrowserHost.ScreenshotAsync(organizer, "advancement-backfilled");
        // The third entry's team hears it moved up: a second mail, the advancement one.
        var moved = await MailToAsync(leaders[2], $"“{Titles[2]}”已晋级");
        Assert.Contains("递补", moved.TextBody, StringComparison.Ordinal);
        await organizer.Context.CloseAsync();
        await leader.Context.CloseAsync();
    }

    private async Task<MimeMessage> MailToAsync(string email, string subject) =>
        (await Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)))[0];
}
