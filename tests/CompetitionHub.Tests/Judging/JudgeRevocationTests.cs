using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

/// <summary>Removing a judge from the pool and recording a conflict end the judge's access to the entry at once.</summary>
public sealed class JudgeRevocationTests(JudgeRevocationTests.Host host) : IClassFixture<JudgeRevocationTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    private sealed record Arrangement(int ContestId, TestRound Round, int EntryId, string Title, int MaterialId, TestJudge Judge)
    {
        public string ScoreUrl => $"/judging/rounds/{Round.Id}/entries/{EntryId}/score";
    }

    private async Task<Arrangement> ArrangeAsync()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(30));
        var title = "撤销项目" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, title);
        var materialId = await host.MaterialAsync(entry.Id, "%PDF-1.4\n%%EOF\n"u8.ToArray());
        var judge = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(round.Id, entry.Id, judge.UserId);
        return new Arrangement(contestId, round, entry.Id, title, materialId, judge);
    }

    /// <summary>The judge opens the score page while still allowed and fills it in: the page stays open in the browser.</summary>
    private static async Task<FilledForm> OpenScoreFormAsync(Arrangement a)
    {
        Assert.Contains(a.Title, await (await a.Judge.Client.GetAsync("/judging")).TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await a.Judge.Client.GetAsync($"/materials/{a.MaterialId}")).StatusCode);
        return await a.Judge.Client.FillFormAsync(a.ScoreUrl,
            [new($"Points[{a.Round.Innovation}]", "25"), new($"Points[{a.Round.Market}]", "15"), new("Comment", "很好"), new("Command", "submit")]);
    }

    private async Task AssertLockedOutAsync(Arrangement a, FilledForm openForm, string message)
    {
        var dashboard = await (await a.Judge.Client.GetAsync("/judging")).TextAsync();
        Assert.DoesNotContain(a.Title, dashboard);
        Assert.DoesNotContain("计划书.pdf", dashboard);
        Assert.Contains(message, dashboard);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Judge.Client.GetAsync($"/materials/{a.MaterialId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Judge.Client.GetAsync(a.ScoreUrl)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await openForm.SubmitAsync()).StatusCode);
        Assert.Empty(await host.SheetsAsync(a.Round.Id, a.EntryId));
        var outcome = await host.ScoreAsync(a.Judge.UserId, a.Round, a.EntryId, 25, 15, submit: true);
        Assert.False(outcome.Accepted);
    }

    private static bool Removed(CompetitionHub.Web.Features.Notifications.Notification mail)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(mail.PayloadJson);
        Assert.Equal(1, payload.RootElement.GetProperty("entries").GetInt32());
        return payload.RootElement.GetProperty("removed").GetBoolean();
    }

    private async Task<string> AssignmentPageAsync(Arrangement a) =>
        await (await (await host.DemoOrganizerAsync()).GetAsync($"/manage/rounds/{a.Round.Id}/assignment")).TextAsync();

    [Fact]
    public async Task RemoveFromPool_EndsSeeingDownloadingAndScoring_AndTellsJudgeAndOrganizer()
    {
        var a = await ArrangeAsync();
        var form = await OpenScoreFormAsync(a);
        var organizer = await host.DemoOrganizerAsync();
        var poolUrl = $"/manage/contests/{a.ContestId}/judges";
        var rowId = await host.WithDbAsync(db => db.ContestJudges.Where(j => j.ContestId == a.ContestId && j.UserId == a.Judge.UserId)
            .Select(j => j.Id).SingleAsync());

        var removed = await organizer.SubmitFormAsync(poolUrl, $"form[action='{poolUrl}/{rowId}/remove']", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await AssertLockedOutAsync(a, form, "评委库");
        var mail = Assert.Single(await host.NotificationsToAsync(a.Judge.Email, JudgeAccess.RevokedTemplate));
        Assert.True(Removed(mail));
        var page = await AssignmentPageAsync(a);
        Assert.Contains("id=\"revoked-assignments\"", page);
        Assert.Contains($"data-judge-id=\"{a.Judge.UserId}\" data-entry-id=\"{a.EntryId}\"", page);
        Assert.Contains("评委已移出评审库，需重新分配", page);
    }

    [Fact]
    public async Task ConflictAddedAfterAssignment_EndsSeeingDownloadingAndScoring_AndTellsJudgeAndOrganizer()
    {
        var a = await ArrangeAsync();
        var form = await OpenScoreFormAsync(a);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/contests/{a.ContestId}/conflicts";

        var added = await organizer.SubmitFormAsync(url, "#add-conflict-form",
        [
            new("JudgeUserId", a.Judge.UserId), new("Target", "Entry"), new("EntryId", a.EntryId.ToString()),
            new("Type", "Advisor"), new("Reason", "曾任该企业技术顾问"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await AssertLockedOutAsync(a, form, "回避关系");
        var mail = Assert.Single(await host.NotificationsToAsync(a.Judge.Email, JudgeAccess.RevokedTemplate));
        Assert.False(Removed(mail));
        Assert.Contains("存在回避关系，需重新分配", await AssignmentPageAsync(a));
    }

    [Fact]
    public async Task DeclaredConflict_EndsAccess_AndQueuesTheNoticeInTheJudgesLanguage()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(30));
        var title = "申报项目" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, title);
        var judge = await host.PoolJudgeAsync(contestId, "en");
        await host.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == judge.UserId)).PreferredCulture = "en";
            await db.SaveChangesAsync();
        });
        await host.AssignAsync(round.Id, entry.Id, judge.UserId);

        var declared = await judge.Client.SubmitFormAsync($"/judging/contests/{contestId}/conflicts", "#declare-conflict-form",
            [new("Target", "Entry"), new("EntryId", entry.Id.ToString()), new("Type", "Family"), new("Reason", "亲属在该团队")]);

        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var mail = Assert.Single(await host.NotificationsToAsync(judge.Email, JudgeAccess.RevokedTemplate));
        Assert.Equal("en", mail.Culture);
        var dashboard = await (await judge.Client.GetAsync("/judging")).TextAsync();
        Assert.DoesNotContain(title, dashboard);
        Assert.Contains("conflict of interest", dashboard);
    }

    [Fact]
    public async Task RemoveFromPool_QueuesNoEmail_WhenTheJudgeHadNothingAssigned()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var organizer = await host.DemoOrganizerAsync();
        var poolUrl = $"/manage/contests/{contestId}/judges";
        var rowId = await host.WithDbAsync(db => db.ContestJudges.Where(j => j.ContestId == contestId && j.UserId == judge.UserId)
            .Select(j => j.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await organizer.SubmitFormAsync(poolUrl, $"form[action='{poolUrl}/{rowId}/remove']", [])).StatusCode);

        Assert.Empty(await host.NotificationsToAsync(judge.Email, JudgeAccess.RevokedTemplate));
        Assert.DoesNotContain("judge-revoked", await (await judge.Client.GetAsync("/judging")).TextAsync());
    }
}
