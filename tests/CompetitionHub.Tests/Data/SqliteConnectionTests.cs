using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Data;

/// <summary>The embedded database's connections, as the app opens them (SQLite whichever database the suite runs on).</summary>
public sealed class SqliteConnectionTests
{
    [Fact]
    public async Task EveryConnection_WaitsFiveSecondsForALock_AlsoWhenThePoolHandsItBackForTheNextRequest()
    {
        await using var app = new AppFactory().With("Database:Provider", "Sqlite");
        for (var request = 0; request < 3; request++)
        {
            var (timeout, handle) = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                return (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), connection.Handle);
            });
            Assert.Equal(5000, timeout);
            Assert.NotNull(handle);
        }
    }
}
