using System.Net;
using CompetitionHub.Tests.Infrastructure;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Tests.Review;

/// <summary>The review list's bulk decision form, sent values no browser sends.</summary>
public sealed class BulkDecisionInputTests(BulkDecisionInputTests.Host host) : IClassFixture<BulkDecisionInputTests.Host>
{
    public sealed class Host : AppFactory;

    [Theory]
    [InlineData("Decision")]
    [InlineData("Ids")]
    [InlineData("Reason")]
    public async Task DecideMany_KeepsTheTempDataCookieSmall_WhenAHugeValueIsPosted(string field)
    {
        var tag = ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, $"巨量{tag}");
        var contestId = await host.ContestIdAsync();
        var client = await host.DemoOrganizerAsync();
        var list = $"/manage/contests/{contestId}/entries?q={tag}";
        var huge = new string('7', 100_000);
        (string, string)[] fields = [("Decision", "Reject"), ("Reason", "材料不全"), ("Ids", entry.Id.ToString())];

        var response = await client.PostTamperedAsync($"/manage/contests/{contestId}/entries/decide", list,
            [.. fields.Where(f => f.Item1 != field), (field, huge)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(response.SetCookieLength() < 3000, $"{response.SetCookieLength()} characters of cookies");
        Assert.DoesNotContain(huge[..1000], await client.GetStringAsync(list));
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
    }
}
