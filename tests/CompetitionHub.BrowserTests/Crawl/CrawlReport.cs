using System.Collections.Concurrent;
using System.Text;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>A page (or file) the crawl opened, as one role in one language.</summary>
public sealed record PageVisit(string Role, string Culture, string Url, int Status, bool IsPage);

public enum FormOutcome
{
    /// <summary>Sent, and the app answered with a page without error messages (usually after a redirect).</summary>
    Accepted,
    /// <summary>Sent, and the app answered with the form again, or a message saying why not: a rule the crawl's values did not meet.</summary>
    Refused,
    /// <summary>Sent, and a script on the page handled it (a hub call); the page stayed.</summary>
    Scripted,
    /// <summary>Not sent: its button could not be pressed (hidden or disabled).</summary>
    NotPressable,
}

/// <summary>One form the crawl filled in and sent.</summary>
public sealed record FormSubmission(string Role, string Culture, string Page, string Signature, FormOutcome Outcome, int Status, string? Message);

/// <summary>Something a person would have met as a fault: an error status, a script error, text not in the page's language.</summary>
public sealed record CrawlProblem(string Role, string Culture, string Url, string Kind, string Detail)
{
    public override string ToString() => $"[{Kind}] {Role}/{Culture} {Url}: {Detail}";
}

/// <summary>Everything the crawl did and found, kept in order, and a readable summary of its coverage.</summary>
public sealed class CrawlReport
{
    private readonly ConcurrentQueue<PageVisit> visits = new();
    private readonly ConcurrentQueue<FormSubmission> forms = new();
    private readonly ConcurrentQueue<CrawlProblem> problems = new();

    public IReadOnlyList<PageVisit> Visits => [.. visits];
    public IReadOnlyList<FormSubmission> Forms => [.. forms];
    public IReadOnlyList<CrawlProblem> Problems => [.. problems];
    public TimeSpan Duration { get; set; }

    /// <summary>Where the crawl writes what it does as it goes (tests/results/crawl-trace.log), to read when it stops halfway.</summary>
    public string? TracePath { get; init; }

    public void Trace(string line)
    {
        if (TracePath is null) return;
        lock (visits) File.AppendAllText(TracePath, $"{DateTime.Now:HH:mm:ss.fff} {line}\n");
    }

    public void Visited(PageVisit visit)
    {
        visits.Enqueue(visit);
        Trace($"{visit.Role}/{visit.Culture} {visit.Status} {visit.Url}");
    }

    public void Submitted(FormSubmission submission)
    {
        forms.Enqueue(submission);
        Trace($"{submission.Role}/{submission.Culture} {submission.Outcome} {submission.Status} {submission.Signature} on {submission.Page} {submission.Message}");
    }

    public void Problem(CrawlProblem problem)
    {
        problems.Enqueue(problem);
        Trace("PROBLEM " + problem);
    }

    /// <summary>Per role: pages (distinct addresses and distinct kinds of page), files, forms sent and how they ended.</summary>
    public string Coverage()
    {
        var text = new StringBuilder();
        text.AppendLine($"Crawl: {Duration.TotalSeconds:0} s, {visits.Count} page loads, {forms.Count} form submissions.");
        text.AppendLine("Pages: distinct addresses opened; kinds: distinct routes among them; files: feeds, exports, API answers.");
        text.AppendLine("Forms: sent once in the whole crawl, by the first role that meets each (a role's list shows only those).");
        text.AppendLine("role        pages  kinds  files  forms  accepted  refused  scripted  not-pressable");
        foreach (var role in visits.Select(v => v.Role).Concat(forms.Select(f => f.Role)).Distinct())
        {
            var pages = visits.Where(v => v.Role == role && v.IsPage).ToList();
            var files = visits.Count(v => v.Role == role && !v.IsPage);
            var sent = forms.Where(f => f.Role == role).ToList();
            text.AppendLine($"{role,-11} {pages.Select(p => p.Url).Distinct().Count(),5}  {pages.Select(p => CrawlUrls.Pattern(p.Url)).Distinct().Count(),5}  " +
                $"{files,5}  {sent.Count,5}  {sent.Count(f => f.Outcome == FormOutcome.Accepted),8}  {sent.Count(f => f.Outcome == FormOutcome.Refused),7}  " +
                $"{sent.Count(f => f.Outcome == FormOutcome.Scripted),8}  {sent.Count(f => f.Outcome == FormOutcome.NotPressable),13}");
        }
        foreach (var role in forms.Select(f => f.Role).Distinct())
        {
            text.AppendLine();
            text.AppendLine($"Forms sent as {role}:");
            foreach (var f in forms.Where(f => f.Role == role))
                text.AppendLine($"  {f.Outcome,-12} {f.Status} {f.Culture,-5} {f.Signature}  (on {f.Page})" + (f.Message is { } m ? $"  — {m}" : ""));
        }
        foreach (var role in visits.Select(v => v.Role).Distinct())
        {
            text.AppendLine();
            text.AppendLine($"Kinds of page seen as {role}:");
            foreach (var kind in visits.Where(v => v.Role == role).GroupBy(v => CrawlUrls.Pattern(v.Url)).OrderBy(g => g.Key, StringComparer.Ordinal))
                text.AppendLine($"  {kind.Key}  ×{kind.Count()}");
        }
        return text.ToString();
    }
}
