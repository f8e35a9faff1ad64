using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Web.Features.Awards;
using Microsoft.EntityFrameworkCore;
using static CompetitionHub.Tests.Awards.AwardsArrange;

namespace CompetitionHub.Tests.Awards;

public sealed partial class AwardsPagingTests(AwardsPagingTests.Host host) : IClassFixture<AwardsPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("class=\"award-row\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex Row();

    private static List<int> Rows(string html) => [.. Row().Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    [Fact]
    public async Task Index_ShowsTheNextRowsOnPageTwo_AndConfirmKeepsTheProposalForRowsNotShown()
    {
        var c = await host.ScoredContestAsync([.. Enumerable.Range(0, 55).Select(i => 100 - i)], withNextRound: false);
        await host.SavePlanAsync(c, 1, 1, 1, 0);

        var first = await c.Organizer.GetStringAsync(c.AwardsUrl);
        Assert.Equal(c.Entries.Take(50).Select(e => e.Id), Rows(first));
        var secondUrl = $"{c.AwardsUrl}?track={c.TrackId}&page=2";
        var second = await c.Organizer.GetStringAsync(secondUrl);
        Assert.Equal(c.Entries.Skip(50).Select(e => e.Id), Rows(second));
        Assert.Contains("其他页的项目按建议奖项确认", second);

        // Sent from page 2, whose rows get no prize as proposed: the three prizes of page 1 are confirmed as proposed.
        var version = await host.WithDbAsync(db => db.AwardPlans.Where(p => p.TrackId == c.TrackId).Select(p => p.Version).SingleAsync());
        var confirm = await c.Organizer.PostFormAsync(c.AwardsUrl + "/confirm", [F("TrackId", c.TrackId), F("Version", version)], secondUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var prizes = await host.WithDbAsync(db => db.Awards.Where(a => a.ContestId == c.ContestId && a.Kind == AwardKind.Prize)
            .OrderBy(a => a.Grade).Select(a => new { a.EntryId, a.Grade }).ToListAsync());
        Assert.Equal([(c.Entries[0].Id, PrizeGrade.First), (c.Entries[1].Id, PrizeGrade.Second), (c.Entries[2].Id, PrizeGrade.Third)],
            prizes.Select(p => (p.EntryId, p.Grade!.Value)));
    }

    [Fact]
    public async Task GiveHonour_TakesTheEntryNumber_AndRefusesANumberOutsideTheContest()
    {
        var c = await host.ScoredContestAsync([90, 80], withNextRound: false);
        var given = await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours", [F("EntryId", c.Entries[1].Id), F("Honour", AwardLabels.DefaultHonours[0])], c.AwardsUrl);
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Awards.AnyAsync(a => a.EntryId == c.Entries[1].Id && a.Kind == AwardKind.Honour)));

        var refused = await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours", [F("EntryId", 987654321), F("Honour", AwardLabels.DefaultHonours[0])], c.AwardsUrl);
        Assert.Contains("本赛事没有编号为 987654321 的项目", await c.Organizer.OutcomeAsync(refused));
        Assert.False(await host.WithDbAsync(db => db.Awards.AnyAsync(a => a.EntryId == 987654321)));
    }
}
