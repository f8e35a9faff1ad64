using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Web.Features.Publication;

namespace CompetitionHub.Tests.Publication;

/// <summary>The public results page shows a published round a hundred rows at a time, so a large round is not one huge page.</summary>
public sealed partial class PublicResultsPagingTests(PublicResultsPagingTests.Host host) : IClassFixture<PublicResultsPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("<tr class=\"ranking-row\" data-entry-id=\"(\\d+)\">\\s*<td class=\"ranking-rank\">(\\d+)")]
    private static partial Regex Row();

    [GeneratedRegex("href=\"([^\"]*)\" rel=\"next\"")]
    private static partial Regex NextLink();

    private static List<(int Entry, int Rank)> Rows(string html) =>
        [.. Row().Matches(html).Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))];

    [Fact]
    public async Task Round_ShowsAHundredRowsAPage_AndTheNextPageContinuesTheRanks_WhenTheRoundHasMoreRankedEntries()
    {
        var size = ResultPages.PublicPageSize;
        var c = await host.ScoredContestAsync([.. Enumerable.Range(0, size + 5).Select(i => 300 - i)], withNextRound: false);
        var manage = $"/manage/contests/{c.ContestId}/rounds/{c.RoundId}/results";
        var published = await c.Organizer.PostFromAsync($"{manage}/publish", manage, ("Days", "7"), ("Current", "0"), ("Note", ""));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var visitor = host.CreateClient();
        var url = $"/contests/{c.ContestId}/rounds/{c.RoundId}/results";

        var first = await visitor.GetStringAsync(url);
        var next = WebUtility.HtmlDecode(NextLink().Match(first).Groups[1].Value);
        var second = await visitor.GetStringAsync(next);
        var english = await host.CreateFormClient("en").GetStringAsync(url);

        Assert.Equal(c.Entries.Take(size).Select((e, i) => (e.Id, i + 1)), Rows(first));
        Assert.Contains("id=\"results-pages\"", first);
        Assert.Contains("下一页", first);
        Assert.Equal(c.Entries.Skip(size).Select((e, i) => (e.Id, size + i + 1)), Rows(second));
        Assert.Contains("rel=\"prev\"", second);
        Assert.Contains("rel=\"next\">Next</a>", english);
    }
}
