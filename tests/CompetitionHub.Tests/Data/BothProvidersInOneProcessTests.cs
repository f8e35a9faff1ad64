using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// One process may host an app per provider (the benchmarks run SQLite and PostgreSQL side by side): what the app keeps
/// in static fields, such as compiled queries, must serve each provider's model.
/// </summary>
public sealed class BothProvidersInOneProcessTests
{
    [Fact]
    public async Task SignedInPages_Answer_OnSqliteAndOnPostgreSql_WhenOneProcessHostsBoth()
    {
        // Two hosts alive at once: neither runs a Hangfire server, whose static state they would share.
        await using var sqlite = new AppFactory().With("Database:Provider", nameof(DatabaseProvider.Sqlite)).With("Hangfire:Server", "false");
        var postgres = new AppFactory().With("Hangfire:Server", "false");
        try
        {
            await TestDatabase.EnsureCreatedAsync(postgres.DataPath);
            postgres.With("Database:Provider", nameof(DatabaseProvider.PostgreSql))
                .With("ConnectionStrings:PostgreSql", TestDatabase.ConnectionStringFor(postgres.DataPath));

            // Each provider twice, in turn: whichever model a kept query met first, the other one follows it.
            foreach (var app in new[] { sqlite, postgres, sqlite, postgres })
            {
                var organizer = app.CreateFormClient();
                await organizer.SignInOrThrowAsync(TestUsers.DemoOrganizer, TestUsers.DemoPassword);
                using var page = await organizer.GetAsync("/manage/contests");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }
        }
        finally
        {
            await postgres.DisposeAsync();
            await TestDatabase.DropAsync(postgres.DataPath);
        }
    }
}
