using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Tests.Judging;

public sealed class JudgeMaterialsTests(JudgeMaterialsTests.Host host) : IClassFixture<JudgeMaterialsTests.Host>
{
    public sealed class Host : AppFactory;

    private static readonly byte[] Pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

    private async Task<(int ContestId, int EntryId, int MaterialId)> MaterialAsync()
    {
        var contestId = await host.ContestIdAsync();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "材料项目" + ReviewData.Tag());
        return (contestId, entry.Id, await host.MaterialAsync(entry.Id, Pdf));
    }

    [Fact]
    public async Task Download_IsServed_ToAJudgeAssignedToTheEntry()
    {
        var (contestId, entryId, materialId) = await MaterialAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(await host.RoundIdAsync(contestId, RoundKind.OnlineReview), entryId, judge.UserId);

        var response = await judge.Client.GetAsync($"/materials/{materialId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_IsServed_ToAJudgeOnThePanelOfASessionWithTheEntry()
    {
        var (contestId, entryId, materialId) = await MaterialAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        await host.SessionAsync(await host.RoundIdAsync(contestId, RoundKind.Roadshow), "复赛第一场", DateTime.UtcNow.AddDays(30), [judge.UserId], entryId);

        Assert.Equal(HttpStatusCode.OK, (await judge.Client.GetAsync($"/materials/{materialId}")).StatusCode);
    }

    [Fact]
    public async Task Download_IsForbidden_ToAnAssignedJudgeWithAnActiveConflict()
    {
        var (contestId, entryId, materialId) = await MaterialAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(await host.RoundIdAsync(contestId, RoundKind.OnlineReview), entryId, judge.UserId);
        await host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entryId, Type = ConflictType.Family,
                Source = ConflictSource.Declared, Reason = "亲属", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await judge.Client.GetAsync($"/materials/{materialId}")).StatusCode);
    }

    [Fact]
    public async Task Download_IsForbidden_ToAJudgeNeitherAssignedNorOnAPanel()
    {
        var (contestId, entryId, materialId) = await MaterialAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var other = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(await host.RoundIdAsync(contestId, RoundKind.OnlineReview), entryId, other.UserId);

        Assert.Equal(HttpStatusCode.Forbidden, (await judge.Client.GetAsync($"/materials/{materialId}")).StatusCode);
    }
}
