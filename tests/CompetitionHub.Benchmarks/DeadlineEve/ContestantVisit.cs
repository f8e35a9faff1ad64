using System.Security.Cryptography;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>What one contestant sent and which of it the app acknowledged (answered with its redirect back to the entry).</summary>
public sealed record VisitOutcome(Contestant Contestant, IReadOnlyList<TimedRequest> Requests, double Ms, string Summary,
    string UploadSha256, bool Saved, bool Uploaded, bool Submitted)
{
    /// <summary>All ten requests made and answered as a working site answers.</summary>
    public bool Completed => Requests.Count == ContestantVisit.RequestsPerVisit && Requests.All(r => r.Succeeded);
}

/// <summary>
/// One contestant the night before the deadline, through the proxy with a cookie jar of its own, each form taken from the
/// page it is on (<see cref="FormPosting"/>): follows the link in the reminder mail to the entry and is sent to sign in,
/// signs in and lands on the entry, saves the form with a rewritten summary, uploads the business plan (a real PDF of
/// about 560 KB), and hands the entry in; after every post the browser loads the page it is sent back to.
/// </summary>
public static class ContestantVisit
{
    public const int RequestsPerVisit = 10;

    // The kinds a request is reported under.
    public const string OtherPage = "link and sign-in page";
    public const string SignIn = "sign in";
    public const string EntryPage = "entry page";
    public const string Save = "save entry";
    public const string Upload = "upload business plan";
    public const string Submit = "submit entry";

    public static async Task<VisitOutcome> RunAsync(Browserless browser, Contestant contestant, byte[] businessPlan)
    {
        var timed = new TimedRequests(browser.Http);
        var entry = $"/entries/{contestant.EntryId}";
        var summary = SummaryOf(contestant);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(businessPlan));
        bool saved = false, uploaded = false, submitted = false;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        VisitOutcome Outcome() => new(contestant, timed.Requests, clock.Elapsed.TotalMilliseconds, summary, sha256, saved, uploaded, submitted);

        // The link in the reminder mail, not signed in yet: the app sends the visitor to sign in, and back afterwards.
        var link = await timed.GetAsync(OtherPage, entry, TimedRequests.RedirectsTo("/account/login"));
        if (link is null) return Outcome();
        var loginPage = await timed.GetAsync(OtherPage, link.Headers.Location!.OriginalString, TimedRequests.Ok);
        if (loginPage is null) return Outcome();
        var signIn = await browser.Http.FillFormAsync(loginPage, "/account/login",
            [new("Email", contestant.Email), new("Password", TestUsers.DemoPassword)]);
        if (await timed.SubmitAsync(SignIn, signIn, TimedRequests.RedirectsTo(entry)) is null) return Outcome();

        var page = await timed.GetAsync(EntryPage, entry, TimedRequests.Ok);
        if (page is null) return Outcome();
        var save = await browser.Http.FillFormAsync(page, entry, [new("Summary", summary)]);
        saved = await timed.SubmitAsync(Save, save, TimedRequests.RedirectsTo(entry)) is not null;
        if (!saved) return Outcome();

        page = await timed.GetAsync(EntryPage, entry, TimedRequests.Ok);
        if (page is null) return Outcome();
        var upload = await browser.Http.FillFormAsync(page, $"{entry}/materials", [new("kind", "BusinessPlan")],
            [new FormFile("file", $"{contestant.Title}商业计划书.pdf", businessPlan, "application/pdf")]);
        uploaded = await timed.SubmitAsync(Upload, upload, TimedRequests.RedirectsTo(entry)) is not null;
        if (!uploaded) return Outcome();

        page = await timed.GetAsync(EntryPage, entry, TimedRequests.Ok);
        if (page is null) return Outcome();
        var submit = await browser.Http.FillFormAsync(page, $"{entry}/submit", []);
        submitted = await timed.SubmitAsync(Submit, submit, TimedRequests.RedirectsTo(entry)) is not null;
        if (!submitted) return Outcome();

        await timed.GetAsync(EntryPage, entry, TimedRequests.Ok);
        return Outcome();
    }

    /// <summary>A summary of a few hundred characters, as rewritten the night before; the number makes it this contestant's own.</summary>
    private static string SummaryOf(Contestant contestant) =>
        $"{contestant.Title}（第 {contestant.Number} 号修改稿）：" + string.Concat(Enumerable.Repeat(
            "本项目面向吉林省装备制造与现代农业的数字化需求，提供低成本的设备状态监测与预测性维护服务，已在省内三家企业试点，" +
            "下一步计划扩大销售渠道并完成新一轮融资。", 4));
}
