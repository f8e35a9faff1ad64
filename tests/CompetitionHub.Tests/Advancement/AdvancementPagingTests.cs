using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Advancement;

public sealed partial class AdvancementPagingTests(AdvancementPagingTests.Host host) : IClassFixture<AdvancementPagingTests.Host>
{
    public sealed class Host : AppFactory;

    private static KeyValuePair<string, string> F(string name, object value) =>
        new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    [GeneratedRegex("class=\"advancement-row[^\"]*\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex Row();

    private static List<int> Rows(string html) => [.. Row().Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    [Fact]
    public async Task Index_ShowsTheNextRowsOnPageTwo_AndKeepsTheTiePicksInTheConfirmForm()
    {
        // 55 entries ranked 1..55, with ranks 3 and 4 tied at a quota of 3.
        var scores = Enumerable.Range(0, 55).Select(i => 100 - i).ToArray();
        scores[3] = scores[2];
        var c = await host.ScoredContestAsync(scores);
        var quota = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", 3)], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, quota.StatusCode);

        var first = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Equal(c.Entries.Take(50).Select(e => e.Id), Rows(first));
        var secondUrl = $"{c.AdvancementUrl}?group={c.TrackId}&page=2";
        var second = await c.Organizer.GetStringAsync(secondUrl);
        Assert.Equal(c.Entries.Skip(50).Select(e => e.Id), Rows(second));
        Assert.Contains("第 2/2 页", second);

        // The confirmation decides the whole group from whichever page it is sent.
        var version = await host.AdvancementVersionAsync(c);
        var confirm = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", version), F("Picked", c.Entries[3].Id), F("Reason", "路演表现更好")], secondUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var advanced = await host.WithDbAsync(db => db.Entries.Where(e => e.ContestId == c.ContestId && e.Status == EntryStatus.Advanced)
            .Select(e => e.Id).ToListAsync());
        Assert.Equal(new[] { c.Entries[0].Id, c.Entries[1].Id, c.Entries[3].Id }.Order(), advanced.Order());
        Assert.Equal(52, await host.WithDbAsync(db => db.Entries.CountAsync(e => e.ContestId == c.ContestId && e.Status == EntryStatus.Eliminated)));
    }

    private static string RowOf(string html, int entryId) =>
        Regex.Match(html, $"data-entry-id=\"{entryId}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task Index_NamesTheRowsOfPageTwo_AndTheTiedEntriesOfPageOne()
    {
        // 52 entries ranked 1..52, the last two tied at a quota of 51.
        var scores = Enumerable.Range(0, 52).Select(i => 100 - i).ToArray();
        scores[51] = scores[50];
        var c = await host.ScoredContestAsync(scores);
        var quota = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", 51)], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, quota.StatusCode);
        var titles = await host.WithDbAsync(db => db.Entries.Where(e => e.ContestId == c.ContestId).ToDictionaryAsync(e => e.Id, e => e.Title));

        var first = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains(titles[c.Entries[0].Id], RowOf(first, c.Entries[0].Id));
        // The tie picks name both tied entries, though the page shows only the first of them.
        Assert.Contains($"for=\"pick-{c.Entries[51].Id}\">{titles[c.Entries[51].Id]} ", first);
        var second = await c.Organizer.GetStringAsync($"{c.AdvancementUrl}?group={c.TrackId}&page=2");
        Assert.Equal([c.Entries[50].Id, c.Entries[51].Id], Rows(second));
        Assert.Contains(titles[c.Entries[51].Id], RowOf(second, c.Entries[51].Id));
        Assert.DoesNotContain(titles[c.Entries[0].Id] + "<", second);
    }

    [Fact]
    public async Task Index_ShowsAnAdvancedEntryWithdrawn_WhenThePageWasShownBeforeTheWithdrawal()
    {
        var c = await host.ScoredContestAsync([90, 80, 70]);
        var quota = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", 2)], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, quota.StatusCode);
        var confirmed = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", await host.AdvancementVersionAsync(c))], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("data-outcome=\"advanced\">晋级<", RowOf(await c.Organizer.GetStringAsync(c.AdvancementUrl), c.Entries[0].Id));
        var leader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");

        var withdrawn = await leader.EntryActionAsync(host, c.Entries[0].Id, "withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(EntryStatus.Withdrawn, await host.StatusAsync(c.Entries[0].Id));

        // The statuses come with the kept ranking: the withdrawal must have replaced it.
        Assert.Contains("data-outcome=\"advanced\">已撤回<", RowOf(await c.Organizer.GetStringAsync(c.AdvancementUrl), c.Entries[0].Id));
    }
}
