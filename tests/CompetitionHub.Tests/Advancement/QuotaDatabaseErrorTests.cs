using System.Data.Common;
using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Advancement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CompetitionHub.Tests.Advancement;

/// <summary>
/// Saving a quota expects one database error: two first saves of a track meeting the unique index, which is "changed by
/// someone else". Any other error is a defect: the organizer gets the error page, and the log says what failed.
/// </summary>
public sealed class QuotaDatabaseErrorTests(QuotaDatabaseErrorTests.Host host) : IClassFixture<QuotaDatabaseErrorTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            EnvironmentName = "Production";
            Watching(Trap);
        }

        public CommandTrap Trap { get; } = new();

        public FakeLogCollector Logs => Services.GetFakeLogCollector();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddFakeLogging());
        }
    }

    [Fact]
    public async Task SaveQuota_ShowsTheErrorPageAndLogsTheCause_WhenTheDatabaseRefusesAForeignKey()
    {
        var c = await host.ScoredContestAsync([90, 80]);
        var form = await c.Organizer.FillFormAsync(c.AdvancementUrl + "/quota",
            [new("TrackId", c.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Quota", "1")], formPage: c.AdvancementUrl);
        // In the quota's own save, the database refuses a row that points nowhere: a defect, not someone else's change.
        host.Trap.Before("INSERT INTO \"TrackAdvancements\"", async command =>
        {
            await using var orphan = command.Connection!.CreateCommand();
            orphan.Transaction = command.Transaction;
            orphan.CommandText = "INSERT INTO \"SessionJudges\" (\"SessionId\", \"JudgeUserId\") VALUES (-1, 'nobody');";
            await orphan.ExecuteNonQueryAsync();
        });
        host.Logs.Clear();

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("出错了", page);
        Assert.DoesNotContain("晋级名额已被他人修改", page);
        var logged = host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Error).Select(r => r.Exception).OfType<DbUpdateException>().First();
        Assert.IsAssignableFrom<DbException>(logged.InnerException);
        Assert.Equal(DatabaseError.Other, logged.Classify());
        Assert.False(await host.WithDbAsync(db => db.TrackAdvancements.AnyAsync(a => a.RoundId == c.RoundId)));
        Assert.False(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(TrackAdvancement) && a.EntityId == $"{c.RoundId}/{c.TrackId}")));
    }
}
