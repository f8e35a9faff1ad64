using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Awards;

/// <summary>The final round's minimum score on the awards page: no prize is proposed to, or given to, an entry under it.</summary>
public sealed class AwardsMinimumScoreTests(AwardsMinimumScoreTests.Host host) : IClassFixture<AwardsMinimumScoreTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task Confirm_RefusesAPrizeUnderTheMinimum_AndTheProposalLeavesThatPrizeEmpty()
    {
        // Final scores 95, 90, 59; one first, one second and one third prize; minimum 60.00. The third place scored 59 < 60:
        // proposed no prize, and a third prize sent for it anyway is refused.
        var c = await host.ScoredContestAsync([95, 90, 59], withNextRound: false);
        await host.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == c.RoundId);
            round.MinScoreHundredths = 6000;
            await db.SaveChangesAsync();
        });
        await host.SavePlanAsync(c, 1, 1, 1, 0);

        var page = await c.Organizer.GetStringAsync(c.AwardsUrl);
        Assert.Contains("id=\"awards-min-score\"", page);
        Assert.Contains("低于最低获奖分数", page);
        Assert.Matches($"data-entry-id=\"{c.Entries[2].Id}\" data-proposed=\"\"", page);

        var refused = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, new Dictionary<int, string>
        {
            [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Second", [c.Entries[2].Id] = "Third",
        }, "评审委员会建议"));
        Assert.Contains("低于最低获奖分数 60.00，不能获奖", refused);
        Assert.Empty(await host.WithDbAsync(db => db.Awards.Where(a => a.ContestId == c.ContestId).ToListAsync()));

        var done = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, new Dictionary<int, string>
        {
            [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Second", [c.Entries[2].Id] = "",
        }));
        Assert.Contains("2 个项目获奖", done);
        Assert.Equal(EntryStatus.Approved, await host.StatusAsync(c.Entries[2].Id));
    }
}
