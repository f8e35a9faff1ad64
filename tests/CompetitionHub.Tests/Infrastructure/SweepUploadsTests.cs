using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>The sweep that removes what interrupted uploads left in the uploads folder, and nothing else.</summary>
public sealed class SweepUploadsTests(SweepUploadsTests.Host host) : IClassFixture<SweepUploadsTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task Sweep_RemovesOldUnfinishedAndUnrecordedFiles_AndKeepsRecordedYoungAndForeignOnes()
    {
        var steps = new ScenarioSteps(host, new Uri("https://hub.example.test"));
        var contest = await steps.OpenContestAsync();
        var email = TestUsers.NewEmail("sweep");
        var leader = await steps.UserAsync(email, "清理队长", Roles.Contestant);
        var team = await steps.TeamAsync(leader, "清理测试队");
        var entry = await steps.DraftEntryAsync(contest.ContestId, team, leader, "清理测试项目", EntryKind.Startup);
        await steps.UploadAsync(entry, leader, MaterialKind.BusinessPlan, "计划书.pdf");
        var material = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entry).Select(m => m.StoredName).SingleAsync());

        var folder = Path.Combine(host.DataPath, "uploads");
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var longAgo = now.AddDays(-3);
        string Plant(string name, DateTime written)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, ScenarioSteps.Pdf);
            File.SetLastWriteTimeUtc(path, written);
            return path;
        }
        var recorded = Path.Combine(folder, material);
        File.SetLastWriteTimeUtc(recorded, longAgo);
        var unrecorded = Plant(Guid.NewGuid().ToString("N"), longAgo);
        var unfinished = Plant(Guid.NewGuid().ToString("N") + ".partial", longAgo);
        // Still on its way to its save (on this instance or another sharing the folder).
        var inFlight = Plant(Guid.NewGuid().ToString("N"), now.AddMinutes(-5));
        // Not a name the app gives: someone else's file in the folder is none of the sweep's business.
        var foreign = Plant("README.txt", longAgo);

        var removed = await RunAsync();

        Assert.Equal(2, removed);
        Assert.False(File.Exists(unrecorded));
        Assert.False(File.Exists(unfinished));
        Assert.True(File.Exists(recorded));
        Assert.True(File.Exists(inFlight));
        Assert.True(File.Exists(foreign));
        // What the entry's page offers still downloads.
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        var materialId = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entry).Select(m => m.Id).SingleAsync());
        Assert.Equal(ScenarioSteps.Pdf, await client.GetByteArrayAsync($"/materials/{materialId}"));
    }

    private async Task<int> RunAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SweepUploads>().RunAsync(default);
    }
}
