using CompetitionHub.TestSupport;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// The baseline visit: as many requests as a contestant's, in the same order, from a client of its own through the same
/// proxy to the same instances, but each a static file the app serves before any of its own work (no session, antiforgery,
/// database, view or disk write). The file of each request is about as large as what the contestant's request moves: a
/// page-sized file for the pages and forms, an upload-sized one in the upload's place (a download of the size instead of
/// an upload: the app has no trivial endpoint that takes a body).
/// </summary>
public static class BareVisit
{
    public const string PageSized = "bare, page-sized file";
    public const string UploadSized = "bare, upload-sized file";

    // Sizes beside what they stand for: the entry page is about 20 KB of HTML, the business plan about 560 KB.
    public const string PageSizedFile = "/js/stage.js";
    public const string UploadSizedFile = "/lib/bootstrap/bootstrap.min.css.map";

    /// <summary>The upload's place in a contestant's ten requests (see <see cref="ContestantVisit"/>).</summary>
    private const int UploadSlot = 6;

    public static async Task<(IReadOnlyList<TimedRequest> Requests, double Ms)> RunAsync(Browserless browser)
    {
        var timed = new TimedRequests(browser.Http);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < ContestantVisit.RequestsPerVisit; i++)
        {
            var response = i == UploadSlot
                ? await timed.GetAsync(UploadSized, UploadSizedFile, TimedRequests.Ok)
                : await timed.GetAsync(PageSized, PageSizedFile, TimedRequests.Ok);
            if (response is null) break;
        }
        return (timed.Requests, clock.Elapsed.TotalMilliseconds);
    }
}
