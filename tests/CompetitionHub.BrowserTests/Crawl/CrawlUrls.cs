using System.Text.RegularExpressions;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>How the crawl tells pages apart: by their route with the ids taken out.</summary>
public static partial class CrawlUrls
{
    public static bool IsId(string segment) => Number().IsMatch(segment) || Guid.TryParse(segment, out _);

    /// <summary>
    /// "/manage/contests/12/rounds/34?trackId=5" → "/manage/contests/{n}/rounds/{n}?trackId": one pattern for all the
    /// pages of a kind, so the crawl visits a few of each instead of every contest's every page.
    /// </summary>
    public static string Pattern(string url)
    {
        var uri = new Uri(new Uri("http://x"), url);
        var path = string.Join('/', uri.AbsolutePath.Split('/').Select(s => IsId(s) ? "{n}" : Digits().Replace(s, "{n}")));
        var keys = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
        var query = string.Join('&', keys);
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Number();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
