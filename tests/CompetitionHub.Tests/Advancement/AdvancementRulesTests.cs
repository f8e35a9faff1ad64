using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Advancement;

/// <summary>The minimum score to advance and the ranking groups of track × industry field, through the advancement page.</summary>
public sealed class AdvancementRulesTests(AdvancementRulesTests.Host host) : IClassFixture<AdvancementRulesTests.Host>
{
    public sealed class Host : AppFactory;

    private static KeyValuePair<string, string> F(string name, object value) =>
        new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    private Task SetRoundAsync(ScoredContest c, int? minScoreHundredths = null, bool byIndustry = false) =>
        host.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == c.RoundId);
            round.MinScoreHundredths = minScoreHundredths;
            round.RankByIndustry = byIndustry;
            await db.SaveChangesAsync();
        });

    private Task SetIndustriesAsync(ScoredContest c, params string[] industries) =>
        host.WithDbAsync(async db =>
        {
            for (var i = 0; i < industries.Length; i++)
            {
                var id = c.Entries[i].Id;
                var entry = await db.Entries.SingleAsync(e => e.Id == id);
                entry.Industry = industries[i];
            }
            await db.SaveChangesAsync();
        });

    private static Task<Guid> VersionAsync(AppFactory host, ScoredContest c, string industry = "") =>
        host.WithDbAsync(db => db.TrackAdvancements.Where(a => a.RoundId == c.RoundId && a.TrackId == c.TrackId && a.Industry == industry)
            .Select(a => a.Version).SingleAsync());

    [Fact]
    public async Task Confirm_LeavesTheSeatEmptyAndSaysWhy_WhenAnEntryInsideTheQuotaScoredBelowTheMinimum()
    {
        // Scores 90, 80, 59, 50; quota 3, minimum 60.00.
        // Ranks 1, 2, 3, 4: the third is inside the quota but 59 < 60, so only two advance and the third seat stays empty.
        var c = await host.ScoredContestAsync([90, 80, 59, 50]);
        await SetRoundAsync(c, minScoreHundredths: 6000);
        var saved = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", 3)], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains("id=\"advancement-min-score\"", page);
        Assert.Contains("本赛段最低晋级分数为 60.00 分", page);
        Assert.Contains($"id=\"below-min-{c.TrackId}\"", page);
        var third = await host.WithDbAsync(db => db.Entries.Where(e => e.Id == c.Entries[2].Id).Select(e => e.Title).SingleAsync());
        Assert.Contains($"“{third}” 排在名额之内，但得分低于最低晋级分数 60.00 分，不晋级", page);
        Assert.Contains("名额内，但低于最低晋级分数，不晋级", page);

        var done = await c.Organizer.OutcomeAsync(await c.Organizer.PostFormAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", await VersionAsync(host, c))], c.AdvancementUrl));
        Assert.Contains("2 个项目晋级“决赛”", done);
        EntryStatus[] expected = [EntryStatus.Advanced, EntryStatus.Advanced, EntryStatus.Eliminated, EntryStatus.Eliminated];
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], await host.StatusAsync(c.Entries[i].Id));
        var audit = await host.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(TrackAdvancement) && a.Action == "confirm"
            && a.EntityId == $"{c.RoundId}/{c.TrackId}"));
        Assert.Contains("\"minScore\":6000", audit.After);
        Assert.Contains($"\"inQuotaBelowMinimum\":[{c.Entries[2].Id}]", audit.After);

        // After confirmation the page still says why the third did not advance.
        page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains($"id=\"below-min-{c.TrackId}\"", page);
    }

    [Fact]
    public async Task Backfill_PassesOverEntriesBelowTheMinimum_WhenAnAdvancedEntryWithdraws()
    {
        // Scores 90, 80, 59; quota 2, minimum 60. The first withdraws after confirmation: the next in line (59) is under
        // the minimum, so nobody fills the seat.
        var c = await host.ScoredContestAsync([90, 80, 59]);
        await SetRoundAsync(c, minScoreHundredths: 6000);
        await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", 2)], c.AdvancementUrl);
        await c.Organizer.OutcomeAsync(await c.Organizer.PostFormAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", await VersionAsync(host, c))], c.AdvancementUrl));
        var leader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");
        Assert.Equal(HttpStatusCode.Redirect, (await leader.EntryActionAsync(host, c.Entries[0].Id, "withdraw")).StatusCode);

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains($"id=\"vacancy-{c.TrackId}\"", page);
        Assert.DoesNotContain($"id=\"backfill-form-{c.TrackId}\"", page);
        var refused = await c.Organizer.OutcomeAsync(await c.Organizer.PostTamperedAsync(c.AdvancementUrl + "/backfill",
            [F("TrackId", c.TrackId), F("Version", await VersionAsync(host, c))], c.AdvancementUrl));

        Assert.Contains("没有可以递补的项目", refused);
        Assert.Equal(EntryStatus.Eliminated, await host.StatusAsync(c.Entries[2].Id));
    }

    [Fact]
    public async Task Confirm_AdvancesPerIndustryGroup_WhenTheRoundRanksByTrackAndIndustry()
    {
        // One track, two fields. 电子信息: 90, 85 → ranks 1, 2; 生物医药: 70, 60 → ranks 1, 2.
        // Ranked as one track with 2 seats, 90 and 85 (both 电子信息) would advance. Per field with 1 seat each, 90 and 70
        // advance: 85 stays out although it beats 70, because it is second in its own field.
        var c = await host.ScoredContestAsync([90, 85, 70, 60]);
        await SetIndustriesAsync(c, "电子信息", "电子信息", "生物医药", "生物医药");
        await SetRoundAsync(c, byIndustry: true);

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains("id=\"advancement-by-industry\"", page);
        Assert.Contains($"id=\"track-{c.TrackId}\"", page);
        Assert.Contains($"id=\"track-{c.TrackId}-2\"", page);
        Assert.Contains("· 电子信息", page);
        Assert.Contains("· 生物医药", page);

        foreach (var industry in new[] { "电子信息", "生物医药" })
        {
            var saved = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota",
                [F("TrackId", c.TrackId), F("Industry", industry), F("Quota", 1)], c.AdvancementUrl);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal(2, await host.WithDbAsync(db => db.TrackAdvancements.CountAsync(a => a.RoundId == c.RoundId)));

        foreach (var industry in new[] { "电子信息", "生物医药" })
        {
            var done = await c.Organizer.OutcomeAsync(await c.Organizer.PostFormAsync(c.AdvancementUrl + "/confirm",
                [F("TrackId", c.TrackId), F("Industry", industry), F("Version", await VersionAsync(host, c, industry))], c.AdvancementUrl));
            Assert.Contains("1 个项目晋级“决赛”", done);
        }

        EntryStatus[] expected = [EntryStatus.Advanced, EntryStatus.Eliminated, EntryStatus.Advanced, EntryStatus.Eliminated];
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], await host.StatusAsync(c.Entries[i].Id));
        var outcomes = await host.WithDbAsync(db => db.AdvancementOutcomes.Where(o => o.RoundId == c.RoundId).ToListAsync());
        Assert.Equal([1, 2], outcomes.Where(o => o.Industry == "电子信息").OrderBy(o => o.Rank).Select(o => o.Rank!.Value));
        Assert.Equal([1, 2], outcomes.Where(o => o.Industry == "生物医药").OrderBy(o => o.Rank).Select(o => o.Rank!.Value));
    }
}
