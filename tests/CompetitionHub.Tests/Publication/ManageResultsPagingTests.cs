using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Web.Features.Publication;

namespace CompetitionHub.Tests.Publication;

/// <summary>The organizer's draft ranking answers a page at a time, so a round of 10,000 entries is not one huge page.</summary>
public sealed partial class ManageResultsPagingTests(ManageResultsPagingTests.Host host) : IClassFixture<ManageResultsPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("class=\"draft-row\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex Row();

    private static List<int> Rows(string html) => [.. Row().Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    [Fact]
    public async Task Results_ShowsTheDraftRankingAPageAtATime_WhenTheRoundHasMoreEntriesThanAPage()
    {
        var size = ResultPages.DraftPageSize;
        var c = await host.ScoredContestAsync([.. Enumerable.Range(0, size + 5).Select(i => 200 - i)], withNextRound: false);
        var url = $"/manage/contests/{c.ContestId}/rounds/{c.RoundId}/results";

        var first = await c.Organizer.GetStringAsync(url);
        var second = await c.Organizer.GetStringAsync(url + "?draftPage=2");
        var typedByHand = await c.Organizer.GetStringAsync(url + "?draftPage=abc");

        Assert.Equal(c.Entries.Take(size).Select(e => e.Id), Rows(first));
        Assert.Contains("id=\"draft-pages\"", first);
        Assert.Equal(c.Entries.Skip(size).Select(e => e.Id), Rows(second));
        Assert.Equal(Rows(first), Rows(typedByHand));
    }
}
