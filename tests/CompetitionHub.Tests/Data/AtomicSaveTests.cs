using System.Data.Common;
using System.Net;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Teams;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// The app's own DbContext, with the execution strategy it is configured with: a transaction opened by hand fails, and a
/// unit saved through <see cref="AtomicSave"/> is run again whole after a real transient error and stored once.
/// </summary>
public sealed class AtomicSaveTests(AtomicSaveTests.Host host) : IClassFixture<AtomicSaveTests.Host>
{
    public sealed class Host : AppFactory
    {
        public CommandTrap Trap { get; } = new();

        public Host() => Watching(Trap);
    }

    [Fact]
    public async Task SaveChanges_ThrowsInvalidOperation_WhenTheCallerOpenedItsOwnTransaction()
    {
        await host.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Teams.Add(new Team { Name = "自开事务的团队", CreatedAt = DateTime.UtcNow });

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

            Assert.Contains("does not support user-initiated transactions", refused.Message);
        });
        Assert.False(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "自开事务的团队")));
    }

    [Fact]
    public async Task CreateTeam_RunsTheWholeUnitAgainAndStoresItOnce_WhenTheFirstAttemptMeetsALockHeldElsewhere()
    {
        var (client, _, userId) = await host.SignedInAsync();
        var name = $"重试团队{Guid.NewGuid():N}"[..12];
        // Right after the team's insert, inside the unit's transaction, another connection tries to take the lock the
        // unit holds and gives up: its real lock error fails the unit's first attempt.
        host.Trap.After("INSERT INTO \"Teams\" (", FailOnLockHeldByAsync);

        var teamId = await client.CreateTeamAsync(name);

        Assert.Equal(2, host.Trap.Matches);
        var teams = await host.WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).ToListAsync());
        Assert.Equal([teamId], teams);
        Assert.Equal(userId, Assert.Single(await host.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == teamId).ToListAsync())).UserId);
        var id = teamId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await host.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Team) && a.EntityId == id)));
    }

    /// <summary>
    /// A second connection asks, without waiting, for a lock the app's connection holds in its open transaction, and
    /// throws the database's own answer: SQLITE_BUSY on SQLite, lock_not_available (55P03) on PostgreSQL.
    /// </summary>
    private static async Task FailOnLockHeldByAsync(DbCommand command)
    {
        switch (command.Connection)
        {
            case SqliteConnection sqlite:
            {
                var settings = new SqliteConnectionStringBuilder(sqlite.ConnectionString) { Pooling = false, DefaultTimeout = 1 };
                await using var other = new SqliteConnection(settings.ToString());
                await other.OpenAsync();
                await using var take = other.CreateCommand();
                take.CommandText = "BEGIN IMMEDIATE;";
                await take.ExecuteNonQueryAsync();
                throw new InvalidOperationException("The write lock was free: the unit did not hold a transaction.");
            }
            case NpgsqlConnection postgres:
            {
                await using var other = new NpgsqlConnection(postgres.ConnectionString);
                await other.OpenAsync();
                await using var take = other.CreateCommand();
                take.CommandText = "BEGIN; SET LOCAL lock_timeout = '50ms'; LOCK TABLE \"Teams\" IN SHARE MODE;";
                await take.ExecuteNonQueryAsync();
                throw new InvalidOperationException("The table lock was free: the unit did not hold a transaction.");
            }
            default:
                throw new NotSupportedException($"No lock to contend for on {command.Connection?.GetType().Name}.");
        }
    }

    [Fact]
    public async Task CreateTeam_Fails_WhenTheErrorIsNotTransient()
    {
        var (client, _, _) = await host.SignedInAsync();
        var name = $"不重试团队{Guid.NewGuid():N}"[..12];
        host.Trap.After("INSERT INTO \"Teams\" (", _ => throw new InvalidOperationException("not a database error"));

        var response = await client.PostFormAsync("/teams", ("Name", name));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, host.Trap.Matches);
        Assert.False(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == name)));
    }
}
