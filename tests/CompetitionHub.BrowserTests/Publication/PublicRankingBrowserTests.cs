using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Publication;

public sealed class PublicRankingBrowserTests(PublicRankingBrowserTests.Host host) : IClassFixture<PublicRankingBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    [Fact]
    public async Task RoundResults_ShowTheRankingWithTheAnnouncementBanner_WhenPublishedForPublicReview()
    {
        var endsAt = DateTime.UtcNow.AddDays(7);
        var (contestId, roundId) = await host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).SingleAsync(c => c.Slug == "cie-jilin");
            var track = contest.Tracks.Single(t => t.Code == "startup");
            var round = new Round { ContestId = contest.Id, Sequence = 90, Name = "网络评审", NameEn = "Online review", Status = RoundStatus.Closed };
            db.Rounds.Add(round);
            var titles = new[] { "长白山智能冰雪装备", "松花江水质在线监测", "黑土地数字农业平台" };
            var entries = titles.Select((title, i) => new Entry
            {
                ContestId = contest.Id, TrackId = track.Id, Team = new Team { Name = $"团队{i + 1}", CreatedAt = DateTime.UtcNow }, Title = title,
                CompanyName = $"吉林{title}有限公司", Status = EntryStatus.Approved, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Entries.AddRange(entries);
            await db.SaveChangesAsync();
            var version = new RankingVersion
            {
                ContestId = contest.Id, RoundId = round.Id, Number = 1, Stage = PublicationStage.Announcement, PublishedAt = DateTime.UtcNow,
                PublishedByUserId = "seed", AnnouncementDays = 7, AnnouncementEndsAt = endsAt,
            };
            int[] scores = [9150, 8725, 8725];
            for (var i = 0; i < entries.Count; i++)
            {
                version.Rows.Add(new PublishedRank
                {
                    TrackId = track.Id, TrackName = track.Name, TrackNameEn = track.NameEn, EntryId = entries[i].Id, Rank = i == 0 ? 1 : 2, Tied = i > 0,
                    ScoreHundredths = scores[i], JudgeCount = 5, EntryTitle = entries[i].Title, TeamName = entries[i].Team.Name,
                    CompanyName = entries[i].CompanyName!,
                });
            }
            db.RankingVersions.Add(version);
            await db.SaveChangesAsync();
            return (contest.Id, round.Id);
        });
        var page = await host.NewPageAsync();

        await page.GotoAsync($"/contests/{contestId}");
        await page.Locator($".contest-round-results[data-round-id='{roundId}'] a").ClickAsync();

        await Expect(page.Locator("#announcement-banner")).ToContainTextAsync("公示中");
        await Expect(page.Locator("#announcement-banner")).ToContainTextAsync(TimeZoneInfo.ConvertTimeFromUtc(endsAt,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#objection-link")).ToBeVisibleAsync();
        var rows = page.Locator(".ranking-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0).Locator(".ranking-title")).ToHaveTextAsync("长白山智能冰雪装备");
        await Expect(rows.Nth(0).Locator(".ranking-score")).ToHaveTextAsync("91.50");
        await Expect(rows.Nth(1).Locator(".ranking-rank")).ToContainTextAsync("（并列）");
        await BrowserHost.ScreenshotAsync(page, "public-ranking-announcement");

        // Objecting needs a named account: the link leads to sign-in.
        await page.Locator("#objection-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.Context.CloseAsync();
    }
}
