using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Publication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Publication;

/// <summary>The contest's audit page over a large history, and the contest given to audit rows written before rows named one.</summary>
public sealed class AuditTrailTests(AuditTrailTests.Host host) : IClassFixture<AuditTrailTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    private static readonly DateTime Now = new FakeTimeProvider(new DateTimeOffset(2027, 6, 1, 2, 0, 0, TimeSpan.Zero)).GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Audit_AnswersEveryPageAndFilter_WhenTheContestHas50000AuditRows()
    {
        var contestId = await host.ContestIdAsync();
        var other = await host.WithDbAsync(db => db.Contests.Where(c => c.Id != contestId).Select(c => c.Id).FirstAsync());
        const int rows = 50_000;
        var kinds = AuditTrail.Kinds.Select(k => k.EntityType).ToArray();
        for (var batch = 0; batch < rows; batch += 5_000)
        {
            var from = batch;
            await host.WithDbAsync(async db =>
            {
                db.AuditEntries.AddRange(Enumerable.Range(from, 5_000).Select(i => new AuditEntry
                {
                    ContestId = contestId, At = Now.AddSeconds(-i), UserName = $"organizer{i % 7}@demo", EntityType = kinds[i % kinds.Length],
                    EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = "bulk", After = "{\"n\":" + i + "}",
                }));
                await db.SaveChangesAsync();
            });
        }
        await host.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { ContestId = other, At = Now, EntityType = "Round", EntityId = "1", Action = "of-another-contest" });
            await db.SaveChangesAsync();
        });
        var organizer = await host.DemoOrganizerAsync();

        var first = await organizer.GetAsync($"/manage/contests/{contestId}/audit?Action=bulk");
        var last = await organizer.GetAsync($"/manage/contests/{contestId}/audit?Action=bulk&Page=1000");
        var conflicts = await organizer.GetStringAsync($"/manage/contests/{contestId}/audit?Entity=Conflict&Action=bulk");
        var all = await organizer.GetStringAsync($"/manage/contests/{contestId}/audit");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstHtml = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        Assert.Contains("共 50000 条记录，第 1/1000 页。", firstHtml);
        Assert.Contains("{\"n\":0}", firstHtml);
        Assert.True(firstHtml.Length < 1_000_000, $"{firstHtml.Length} characters");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("{\"n\":49999}", WebUtility.HtmlDecode(await last.Content.ReadAsStringAsync()));
        var perKind = Enumerable.Range(0, rows).Count(i => kinds[i % kinds.Length] == "Conflict");
        Assert.Contains($"共 {perKind} 条记录", WebUtility.HtmlDecode(conflicts));
        Assert.DoesNotContain("of-another-contest", all);
        foreach (var (type, _) in AuditTrail.Kinds)
            Assert.Contains($"<option value=\"{type}\"", all);
    }

    [Fact]
    public async Task Migration_GivesOlderAuditRowsTheirContest_FromTheRecordTheyAreAbout()
    {
        var a = await host.ScoredRoundAsync(Now);
        var keys = await host.WithDbAsync(async db => new
        {
            Track = await db.ContestTracks.Where(t => t.ContestId == a.ContestId).Select(t => t.Id).FirstAsync(),
            Sheet = await db.ScoreSheets.Where(s => s.RoundId == a.Round.Id).Select(s => new { s.Id, s.RoundId, s.EntryId }).FirstAsync(),
        });
        string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string Type, string Id, int? Contest)[] older =
        [
            ("Contest", Id(a.ContestId), a.ContestId),
            ("ContestTrack", Id(keys.Track), a.ContestId),
            ("Round", Id(a.Round.Id), a.ContestId),
            ("RoundResult", Id(a.Round.Id), a.ContestId),
            ("Entry", Id(a.High.Id), a.ContestId),
            ("ScoreSheet", $"{keys.Sheet.RoundId}/{keys.Sheet.EntryId}", a.ContestId),
            ("AwardPlan", $"{a.Round.Id}/{keys.Track}", a.ContestId),
            ("ScoreSheet", $"{int.MaxValue}/{keys.Sheet.EntryId}", null),
            ("Team", Id(a.ContestId), null),
        ];
        var ids = await host.WithDbAsync(async db =>
        {
            var entries = older.Select(o => new AuditEntry { At = Now, EntityType = o.Type, EntityId = o.Id, Action = "older" }).ToList();
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
            return entries.Select(e => e.Id).ToList();
        });

        await host.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_AuditContest", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync();
        });

        var stored = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => e.ContestId).ToListAsync());
        Assert.Equal(older.Select(o => o.Contest), stored);
    }
}
