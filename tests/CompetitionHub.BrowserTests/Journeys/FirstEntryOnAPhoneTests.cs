using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Journeys;

/// <summary>
/// A newcomer on a phone gets from the home page to a submitted entry by following only what the pages offer: the
/// contest's 报名参赛 (or why not yet), sign-up, the mail's confirmation link, sign-in, a team made on the way, the entry
/// form, then the entry's checklist to each missing material and to 提交报名. The only address typed is the home page's.
/// </summary>
public sealed class FirstEntryOnAPhoneTests(FirstEntryOnAPhoneTests.Host host) : IClassFixture<FirstEntryOnAPhoneTests.Host>
{
    public sealed class Host : BrowserHost
    {
        /// <summary>Mail to a real listener, and a clock inside the seeded contest's registration window whatever day this runs.</summary>
        protected override AppFactory CreateApp() =>
            new SmtpAppFactory { Kestrel = true }.WithClock(new ShiftedClock(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    private const string Contest = "中国创新创业大赛（吉林赛区）";
    private const string Password = "Siping2026";

    [Fact]
    public async Task Newcomer_SubmitsAnEntry_FromTheHomePageByLinksAndTheChecklistAlone()
    {
        var email = TestUsers.NewEmail("newcomer");
        var folder = Directory.CreateTempSubdirectory("chub-journey-");
        var plan = Path.Combine(folder.FullName, "商业计划书.pdf");
        var deck = Path.Combine(folder.FullName, "路演材料.pdf");
        await File.WriteAllBytesAsync(plan, Pdf("Business plan"));
        await File.WriteAllBytesAsync(deck, Pdf("Pitch deck"));
        var page = await host.NewPageAsync(390, 844);

        await page.GotoAsync("/");
        await page.Locator("a.contest-link", new() { HasText = Contest }).ClickAsync();
        // Not signed in: the contest says so and offers both ways in.
        await Expect(page.Locator("#contest-enter-sign-in")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "journey-contest-signed-out-phone");
        await page.Locator("#contest-enter-register").ClickAsync();

        await page.Locator("input[name=DisplayName]").FillAsync("韩雪松");
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(Password);
        await page.Locator("input[name=ConfirmPassword]").FillAsync(Password);
        await page.Locator("#register-submit").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(email);

        // The mail as a mail client shows it; its link is clicked, not typed.
        var mail = (await ((SmtpAppFactory)host.App).Smtp.WaitForAsync(m =>
            m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").Contains("请确认您的邮箱地址"))).Last();
        await page.SetContentAsync(mail.HtmlBody ?? throw new InvalidOperationException("The confirmation mail has no HTML body."));
        await page.Locator("a[href*='/account/confirm-email']").First.ClickAsync();
        await Expect(page.Locator("#confirm-result")).ToContainTextAsync("邮箱已确认");
        await page.Locator("main a", new() { HasText = "登录" }).ClickAsync();
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(Password);
        await page.Locator("#login-submit").ClickAsync();
        // Signed in, the newcomer is back where they set out to go: the contest's entry form.
        await Expect(page).ToHaveURLAsync(new Regex(@"/entries/new\?contestId=\d+$"));
        // No team yet: the entry form says so and leads to making one, which comes back here.
        await page.Locator("#no-team-create-link").ClickAsync();
        await page.Locator("#team-name").FillAsync("松原智能农机团队");
        await page.Locator("#create-team-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/entries/new\?contestId=\d+$"));
        await Expect(page.Locator("#status-message")).ToContainTextAsync("团队已创建。");

        await page.Locator("#entry-title").FillAsync("玉米精量播种智能控制系统");
        await page.Locator("#entry-summary").FillAsync("面向东北黑土地的精量播种控制器，按墒情调节播深与株距。");
        await page.SelectOptionAsync("#entry-industry", "先进制造");
        await page.SelectOptionAsync("#entry-applicant-type", "Enterprise");
        await page.Locator("#entry-company").FillAsync("松原松禾智能农机有限公司");
        await page.Locator("#entry-credit-code").FillAsync("91220104MA14XNKP5E");
        await page.SelectOptionAsync("#entry-registration-province", "22");
        await page.Locator("#entry-registration-district").FillAsync("松原市宁江区");
        await page.Locator("#entry-founded").FillAsync("2025-03-01");
        await page.Locator("#entry-revenue").FillAsync("120");
        await page.SelectOptionAsync("#entry-leader-gender", "Male");
        await page.Locator("#entry-contact-name").FillAsync("韩雪松");
        await page.Locator("#entry-contact-phone").FillAsync("13904380000");
        await page.Locator("#entry-contact-email").FillAsync(email);
        await page.Locator("#entry-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/entries/\d+$"));

        var checklist = page.Locator("#entry-checklist");
        await Expect(checklist).ToHaveAttributeAsync("data-ready", "false");
        await Expect(checklist.Locator("[data-step=fields]")).ToHaveAttributeAsync("data-done", "true");
        await BrowserHost.ScreenshotAsync(page, "journey-checklist-phone");
        foreach (var (kind, file) in new[] { ("BusinessPlan", plan), ("PitchDeck", deck) })
        {
            await checklist.Locator($"[data-step=material-{kind}] a").ClickAsync();
            // The checklist's link opens the upload form on the kind it asked for.
            await Expect(page.Locator("#material-kind")).ToHaveValueAsync(kind);
            await page.Locator("#material-file").SetInputFilesAsync(file);
            await page.Locator("#material-upload").ClickAsync();
            await Expect(page.Locator($"#material-list li[data-kind='{kind}']")).ToBeVisibleAsync();
            await Expect(checklist.Locator($"[data-step=material-{kind}]")).ToHaveAttributeAsync("data-done", "true");
        }

        await Expect(checklist).ToHaveAttributeAsync("data-ready", "true");
        await checklist.Locator("[data-step=submit] a").ClickAsync();
        await page.Locator("#entry-submit").ClickAsync();
        await Expect(page.Locator("#entry-status [data-status]")).ToHaveAttributeAsync("data-status", "Submitted");
        await Expect(page.Locator("#status-message")).ToContainTextAsync("报名已提交");
        await Expect(page.Locator(".alert-danger")).ToHaveCountAsync(0);
        await BrowserHost.ScreenshotAsync(page, "journey-first-entry-submitted-phone");

        // The folded menu of a phone leads to the list of one's entries, where it now stands.
        await page.Locator(".navbar-toggler").ClickAsync();
        await page.Locator("#nav-entries").ClickAsync();
        await Expect(page.Locator("#entry-list")).ToContainTextAsync("玉米精量播种智能控制系统");
        folder.Delete(recursive: true);
    }

    /// <summary>A small, well-formed PDF: one page with one line of text.</summary>
    private static byte[] Pdf(string text)
    {
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
