using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Awards;

public sealed class CertificateBrowserTests(CertificateBrowserTests.Host host) : IClassFixture<CertificateBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    /// <summary>Two confirmed prizes in one track of the seeded contest, as the awards page leaves them.</summary>
    private Task<(int ContestId, int TrackId, int AwardId)> ArrangeAsync() =>
        host.App.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var track = contest.Tracks.OrderBy(t => t.SortOrder).First();
            var awarded = new DateTime(2027, 6, 18, 2, 0, 0, DateTimeKind.Utc);
            var round = contest.Rounds.OrderByDescending(r => r.Sequence).FirstOrDefault()
                ?? new CompetitionHub.Web.Features.Contests.Round { ContestId = contest.Id, Sequence = 1, Name = "决赛", NameEn = "Final" };
            if (round.Id == 0) db.Rounds.Add(round);
            await db.SaveChangesAsync();
            db.AwardPlans.Add(new AwardPlan { ContestId = contest.Id, RoundId = round.Id, TrackId = track.Id, FirstPrizes = 1, SecondPrizes = 1, ConfirmedAt = awarded });
            Award Prize(string team, string company, string title, PrizeGrade grade, int rank) => new()
            {
                ContestId = contest.Id, TrackId = track.Id, Kind = AwardKind.Prize, Grade = grade, Rank = rank, AwardedAt = awarded,
                Entry = new Entry
                {
                    ContestId = contest.Id, TrackId = track.Id, Team = new Team { Name = team, CreatedAt = awarded }, Title = title,
                    ApplicantType = ApplicantType.Enterprise, CompanyName = company, Status = EntryStatus.Awarded,
                    CreatedAt = awarded, UpdatedAt = awarded,
                },
            };
            var first = Prize("长白山参业团队", "吉林省长白山参业生物科技有限公司", "人参细胞规模化培养与精深加工", PrizeGrade.First, 1);
            db.Awards.AddRange(first, Prize("净月智造团队", "长春净月智能制造有限公司", "汽车零部件视觉质检平台", PrizeGrade.Second, 2));
            await db.SaveChangesAsync();
            return (contest.Id, track.Id, first.Id);
        });

    [Fact]
    public async Task CertificatePrintView_ShowsTheChineseCertificateOnAnA4LandscapePage_WhenTheOrganizerOpensIt()
    {
        var (contestId, trackId, awardId) = await ArrangeAsync();
        var page = await host.NewPageAsync(width: 1200, height: 900);
        await page.SignInAsync("organizer@demo.competitionhub.cn");

        await page.GotoAsync($"/awards/{awardId}/certificate");
        var certificate = page.Locator($"#certificate-{awardId}");
        await Expect(certificate.Locator(".certificate-title")).ToHaveTextAsync("荣誉证书");
        await Expect(certificate.Locator(".certificate-name")).ToHaveTextAsync("吉林省长白山参业生物科技有限公司");
        await Expect(certificate.Locator(".certificate-project")).ToHaveTextAsync("人参细胞规模化培养与精深加工");
        await Expect(certificate.Locator(".certificate-contest")).ToContainTextAsync("中国创新创业大赛");
        await Expect(certificate.Locator(".certificate-prize")).ToHaveTextAsync("一等奖");
        await Expect(certificate.Locator(".certificate-date")).ToHaveTextAsync("二〇二七年六月十八日");
        await Expect(certificate.Locator(".certificate-department")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#certificate-print-button")).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "certificate-screen");

        // Printed: no toolbar, and the certificate is exactly an A4 landscape sheet (297 × 210 mm at 96 dpi).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator(".print-toolbar")).ToBeHiddenAsync();
        var box = await certificate.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 1121, 1124);
        Assert.InRange(box.Height, 792, 795);
        await certificate.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "certificate-print.png") });

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GotoAsync($"/manage/contests/{contestId}/awards/certificates?trackId={trackId}");
        await Expect(page.Locator("article.certificate")).ToHaveCountAsync(2);
        var breaks = await page.Locator("article.certificate").First.EvaluateAsync<string>("e => getComputedStyle(e).breakAfter");
        Assert.Equal("page", breaks);
        await page.Context.CloseAsync();
    }
}
