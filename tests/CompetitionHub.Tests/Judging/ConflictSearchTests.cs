using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

/// <summary>A judge's conflict form in a contest too large to list: the judge searches, then picks from the matches.</summary>
public sealed class ConflictSearchTests(ConflictSearchTests.Host host) : IClassFixture<ConflictSearchTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task ConflictsPage_OffersTheEntriesASearchFinds_WhenTheContestHasMoreThanTheFormLists()
    {
        var contestId = await host.ContestIdAsync();
        var existing = await host.WithDbAsync(db => db.Entries.CountAsync(e => e.ContestId == contestId && e.Status != EntryStatus.Draft));
        for (var i = existing; i <= ManageConflicts.ListedEntries; i++)
            await host.CreateEntryAsync(EntryStatus.Submitted, $"批量项目{i:000}", withLeader: false);
        var wanted = await host.CreateEntryAsync(EntryStatus.Submitted, "松花江冷链物流", withLeader: false);
        var judge = await host.PoolJudgeAsync(contestId);
        var url = $"/judging/contests/{contestId}/conflicts";

        var page = await (await judge.Client.GetAsync(url)).TextAsync();

        Assert.Contains("id=\"entry-search\"", page);
        Assert.DoesNotContain("批量项目", page);
        Assert.DoesNotContain("松花江冷链物流", page);

        var found = await (await judge.Client.GetAsync(url + "?q=" + Uri.EscapeDataString("冷链"))).TextAsync();
        Assert.Contains("松花江冷链物流", found);
        Assert.DoesNotContain("批量项目", found);
        var byNumber = await (await judge.Client.GetAsync(url + "?q=" + Uri.EscapeDataString($"#{wanted.Id}"))).TextAsync();
        Assert.Contains("松花江冷链物流", byNumber);

        var declared = await judge.Client.SubmitFormAsync(url + "?q=" + Uri.EscapeDataString("冷链"), "#declare-conflict-form",
            [new("Target", "Entry"), new("EntryId", wanted.Id.ToString()), new("Type", "Family"), new("Reason", "负责人是我的亲属")]);

        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.JudgeUserId == judge.UserId && c.EntryId == wanted.Id && c.IsActive)));
        // The declaration is listed by its title without the whole contest being read.
        Assert.Contains("松花江冷链物流", await (await judge.Client.GetAsync(url)).TextAsync());
    }
}
