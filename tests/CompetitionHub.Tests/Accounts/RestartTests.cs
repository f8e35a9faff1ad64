using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Tests.Accounts;

public sealed class RestartTests
{
    [Fact]
    public async Task SignInCookie_StillWorks_AfterTheAppRestartsOnTheSameData()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "chub-tests", Guid.NewGuid().ToString("N"));
        var cookies = new CookieContainer();
        try
        {
            await using (var before = new AppFactory(dataPath))
            {
                var client = before.CreateDefaultClient(new CookieContainerHandler(cookies));
                await client.SignInOrThrowAsync(TestUsers.DemoOrganizer, TestUsers.DemoPassword);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organizer")).StatusCode);
            }

            await using var after = new AppFactory(dataPath);
            var again = after.CreateDefaultClient(new CookieContainerHandler(cookies));
            var response = await again.GetAsync("/organizer");

            // The keys that protect the cookie live in the database, so the new process can still read it.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/organizer", response.RequestMessage!.RequestUri!.AbsolutePath);
            var keyManagement = after.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
            Assert.IsType<EntityFrameworkCoreXmlRepository<AppDbContext>>(keyManagement.XmlRepository);
            Assert.True(await after.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
