using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// A save detects its changes once and then stops detecting, so what the save's own work changes on a tracked row must
/// still be written: the stamps that the ranking and assignment caches trust are replaced by every save that changes
/// their inputs, the second save of one context (where the stamp row is already tracked) as much as the first.
/// </summary>
public sealed class SaveStampsTests(SaveStampsTests.Host host) : IClassFixture<SaveStampsTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task SaveChanges_ReplacesTheContestsRankingStampEachTime_WhenOneContextSavesTwice()
    {
        var contestId = await host.ContestIdAsync();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "戳记项目" + ReviewData.Tag());
        Task<Guid> StampAsync() => host.WithDbAsync(db => db.RankingStamps.Where(s => s.ContestId == contestId).Select(s => s.Stamp).SingleAsync());
        var before = await StampAsync();

        var (first, second) = await host.WithDbAsync(async db =>
        {
            var tracked = await db.Entries.SingleAsync(e => e.Id == entry.Id);
            tracked.Title = "戳记项目改一" + ReviewData.Tag();
            await db.SaveChangesAsync();
            var first = await StampAsync();
            tracked.Title = "戳记项目改二" + ReviewData.Tag();
            await db.SaveChangesAsync();
            return (first, await StampAsync());
        });

        Assert.NotEqual(before, first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task BumpAsync_GivesTheContestAStamp_WhenItHasNone()
    {
        // A contest written by other means than the app's saves (an old import) has no stamp row.
        var contestId = await host.ContestIdAsync();
        await host.WithDbAsync(db => db.RankingStamps.Where(s => s.ContestId == contestId).ExecuteDeleteAsync());

        await host.WithDbAsync(db => db.SaveAtomicallyAsync(async ct =>
        {
            await RankingStamps.BumpAsync(db, contestId, ct);
            return true;
        }, CancellationToken.None));
        var first = await host.WithDbAsync(db => db.RankingStamps.Where(s => s.ContestId == contestId).Select(s => s.Stamp).SingleAsync());
        await host.WithDbAsync(db => db.SaveAtomicallyAsync(async ct =>
        {
            await RankingStamps.BumpAsync(db, contestId, ct);
            return true;
        }, CancellationToken.None));

        Assert.NotEqual(Guid.Empty, first);
        Assert.NotEqual(first, await host.WithDbAsync(db => db.RankingStamps.Where(s => s.ContestId == contestId).Select(s => s.Stamp).SingleAsync()));
    }

    [Fact]
    public async Task SaveChanges_ReplacesTheRoundsAssignmentStampEachTime_WhenOneContextSavesTwice()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(30));
        var a = await host.CreateEntryAsync(EntryStatus.Approved, "分配戳记A" + ReviewData.Tag());
        var b = await host.CreateEntryAsync(EntryStatus.Approved, "分配戳记B" + ReviewData.Tag());
        var judge = await host.PoolJudgeAsync(contestId);
        Task<Guid?> StampAsync() => host.WithDbAsync(db => AssignmentStamp.ReadAsync(db, round.Id, CancellationToken.None));

        var (first, second) = await host.WithDbAsync(async db =>
        {
            db.ReviewAssignments.Add(new ReviewAssignment { RoundId = round.Id, EntryId = a.Id, JudgeUserId = judge.UserId, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var first = await StampAsync();
            db.ReviewAssignments.Add(new ReviewAssignment { RoundId = round.Id, EntryId = b.Id, JudgeUserId = judge.UserId, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (first, await StampAsync());
        });

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }
}
