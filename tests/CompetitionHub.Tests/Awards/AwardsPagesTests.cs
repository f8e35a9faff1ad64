using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Awards;

public sealed class AwardsPagesTests(AwardsPagesTests.Host host) : IClassFixture<AwardsPagesTests.Host>
{
    public sealed class Host : AppFactory;

    private static KeyValuePair<string, string> F(string name, object value) => new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    /// <summary>A contest whose only round is its final (so it is the one awards come from), closed and scored.</summary>
    private Task<ScoredContest> FinalAsync(int[] scores) => host.ScoredContestAsync(scores, withNextRound: false);

    [Fact]
    public async Task Confirm_AwardsTheProposalAndPublishesIt_WhenNoTieCrossesAGradeBoundary()
    {
        var c = await FinalAsync([95, 90, 85, 80, 70]);
        await host.SavePlanAsync(c, 1, 1, 1, 0);
        Assert.DoesNotContain("contest-awards", await host.CreateClient().GetStringAsync($"/contests/{c.ContestId}"));

        var page = await c.Organizer.GetStringAsync(c.AwardsUrl);
        Assert.Contains($"id=\"awards-form-{c.TrackId}\"", page);
        Assert.DoesNotContain("grade-tie", page);
        var done = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, new Dictionary<int, string>
        {
            [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Second", [c.Entries[2].Id] = "Third", [c.Entries[3].Id] = "", [c.Entries[4].Id] = "",
        }));

        Assert.Contains("3 个项目获奖", done);
        Assert.Equal(EntryStatus.Awarded, await host.StatusAsync(c.Entries[0].Id));
        Assert.Equal(EntryStatus.Approved, await host.StatusAsync(c.Entries[3].Id));
        var prizes = await host.WithDbAsync(db => db.Awards.AsNoTracking().Where(a => a.ContestId == c.ContestId).ToListAsync());
        Assert.Equal([PrizeGrade.First, PrizeGrade.Second, PrizeGrade.Third], prizes.OrderBy(a => a.Rank).Select(a => a.Grade!.Value));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AwardPlan) && a.Action == "confirm"
            && a.EntityId.EndsWith("/" + c.TrackId))));

        var contestPage = await host.CreateClient().GetStringAsync($"/contests/{c.ContestId}");
        Assert.Contains("id=\"contest-awards\"", contestPage);
        Assert.Contains("一等奖", contestPage);
        Assert.Contains(await host.WithDbAsync(db => db.Entries.Where(e => e.Id == c.Entries[0].Id).Select(e => e.Title).SingleAsync()), contestPage);
    }

    [Fact]
    public async Task Confirm_NeedsAReason_WhenTiedEntriesGetDifferentGrades()
    {
        var c = await FinalAsync([95, 90, 90, 80]);
        await host.SavePlanAsync(c, 1, 1, 2, 0);
        var page = await c.Organizer.GetStringAsync(c.AwardsUrl);
        Assert.Contains("grade-tie", page);
        Assert.Contains("第 2 名有 2 个项目并列，跨越了“二等奖”与“三等奖”的分界", page);
        var proposal = new Dictionary<int, string>
        {
            [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Second", [c.Entries[2].Id] = "Third", [c.Entries[3].Id] = "Third",
        };

        var refused = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, proposal));
        Assert.Contains("第 2 名并列的项目获得了不同的奖项", refused);
        Assert.Empty(await host.WithDbAsync(db => db.Awards.Where(a => a.ContestId == c.ContestId).ToListAsync()));

        proposal[c.Entries[2].Id] = "Second";
        var done = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, proposal, "并列项目同获二等奖，经评审委员会议定"));
        Assert.Contains("4 个项目获奖", done);
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(Entry) && a.EntityId == c.Entries[2].Id.ToString() && a.Action == "awarded"));
        Assert.Equal("并列项目同获二等奖，经评审委员会议定", audit.Reason);
    }

    [Fact]
    public async Task Certificate_IsShownToTheTeamAndTheOrganizer_AndHiddenFromOthers()
    {
        var c = await FinalAsync([95, 90]);
        await host.SavePlanAsync(c, 1, 0, 0, 1);
        await host.ConfirmAsync(c, new Dictionary<int, string> { [c.Entries[0].Id] = "First", [c.Entries[1].Id] = "Excellence" });
        var award = await host.WithDbAsync(db => db.Awards.AsNoTracking().Include(a => a.Entry).SingleAsync(a => a.EntryId == c.Entries[1].Id));
        var url = $"/awards/{award.Id}/certificate";

        var leader = await host.SignedInAsync(c.Entries[1].LeaderEmail!, "Secret123");
        var html = await leader.GetStringAsync(url);
        Assert.Contains("优秀奖", html);
        Assert.Contains(award.Entry.Title, html);
        Assert.Contains(award.Entry.CompanyName!, html);
        Assert.Contains("测试赛事", html);
        Assert.Matches("二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日", html);
        Assert.Contains("/css/certificate.css", html);
        Assert.Contains(url, await leader.GetStringAsync("/awards/mine"));
        Assert.Equal(HttpStatusCode.OK, (await c.Organizer.GetAsync(url)).StatusCode);

        var otherLeader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.GetAsync(url)).StatusCode);
        var (foreign, _) = await host.NewOrganizerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync(c.AwardsUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync($"{c.AwardsUrl}/certificates?trackId={c.TrackId}")).StatusCode);

        var bulk = await c.Organizer.GetStringAsync($"{c.AwardsUrl}/certificates?trackId={c.TrackId}");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(bulk, "<article class=\"certificate\"").Count);
    }

    [Fact]
    public async Task Certificate_IsNotShown_BeforeTheWinnersAreConfirmed()
    {
        var c = await FinalAsync([95, 90]);
        await host.SavePlanAsync(c, 1, 0, 0, 0);
        var awardId = await host.WithDbAsync(async db =>
        {
            // A prize row of an unconfirmed track (as a half-finished confirmation would leave it) is not a certificate yet.
            var award = new Award { ContestId = c.ContestId, TrackId = c.TrackId, EntryId = c.Entries[0].Id, Kind = AwardKind.Prize, Grade = PrizeGrade.First, AwardedAt = DateTime.UtcNow };
            db.Awards.Add(award);
            await db.SaveChangesAsync();
            return award.Id;
        });

        Assert.Equal(HttpStatusCode.NotFound, (await c.Organizer.GetAsync($"/awards/{awardId}/certificate")).StatusCode);
    }

    [Fact]
    public async Task GiveHonour_AddsTheTitleWithItsCertificate_AndAuditsIt()
    {
        var c = await FinalAsync([95, 90]);
        var titles = await c.Organizer.PostFormAsync(c.AwardsUrl + "/honour-titles", [F("Titles", "创业新锐\n创新尖兵\n巾帼创业之星")], c.AwardsUrl);
        Assert.Equal(HttpStatusCode.Redirect, titles.StatusCode);

        var done = await c.Organizer.FollowAsync(await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours",
            [F("EntryId", c.Entries[1].Id), F("Honour", "巾帼创业之星")], c.AwardsUrl));
        var again = await c.Organizer.FollowAsync(await c.Organizer.PostFormAsync(c.AwardsUrl + "/honours",
            [F("EntryId", c.Entries[1].Id), F("Honour", "巾帼创业之星")], c.AwardsUrl));
        var unknown = await c.Organizer.FollowAsync(await c.Organizer.PostTamperedAsync(c.AwardsUrl + "/honours",
            [F("EntryId", c.Entries[1].Id), F("Honour", "不存在的称号")], c.AwardsUrl));

        Assert.Contains("称号", done);
        Assert.Contains("已获得“巾帼创业之星”", again);
        Assert.Contains("请选择荣誉称号", unknown);
        var honour = await host.WithDbAsync(db => db.Awards.AsNoTracking().SingleAsync(a => a.EntryId == c.Entries[1].Id));
        Assert.Equal(AwardKind.Honour, honour.Kind);
        Assert.Contains("巾帼创业之星", await c.Organizer.GetStringAsync($"/awards/{honour.Id}/certificate"));
        Assert.Contains("巾帼创业之星", await host.CreateClient().GetStringAsync($"/contests/{c.ContestId}"));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Award) && a.Action == "honour"
            && a.EntityId == c.Entries[1].Id.ToString())));
    }

    [Fact]
    public async Task Confirm_IsRefusedInEnglish_WhenTheFinalRoundIsNotClosed()
    {
        var c = await host.ScoredContestAsync([95, 90], withNextRound: false, status: CompetitionHub.Web.Features.Contests.RoundStatus.Scoring,
            organizerCulture: "en");
        await host.SavePlanAsync(c, 1, 0, 0, 0);

        var refused = await c.Organizer.FollowAsync(await host.ConfirmAsync(c, new Dictionary<int, string> { [c.Entries[0].Id] = "First" }));

        Assert.Contains("close the round before confirming the winners", refused);
    }
}
