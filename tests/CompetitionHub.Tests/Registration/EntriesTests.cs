using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Tests.Registration;

public sealed class EntriesTests(EntriesTests.Host host) : IClassFixture<EntriesTests.Host>
{
    public sealed class Host : RegistrationHost;

    [Fact]
    public async Task Create_SavesAPartialDraft_AndSaveKeepsEditingIt()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();

        var entryId = await leader.CreateEntryAsync(contest, teamId, ("Title", "半成品"), ("RevenueWan", "12.34"));
        var saved = await leader.SaveEntryAsync(host, entryId, ("Title", "智能农机"), ("RevenueWan", "1500.5"), ("Industry", "生物医药"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(EntryStatus.Draft, entry.Status);
        Assert.Equal("智能农机", entry.Title);
        Assert.Equal(15_005_000L, entry.AnnualRevenueYuan);
        Assert.Equal("生物医药", entry.Industry);
        var actions = await host.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Entry" && a.EntityId == entryId.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Created", "Saved"], actions);
        Assert.Contains("智能农机", await (await leader.GetAsync("/entries")).TextAsync());
    }

    [Fact]
    public async Task Save_RejectsRevenueWithMoreThanTwoDecimals_AndAnIndustryNotOfTheContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        var version = (await host.EntryVersionAsync(entryId)).ToString();
        // The page offers only the contest's industries: another one is sent by hand.
        var saved = await leader.PostTamperedAsync($"/entries/{entryId}",
            [new("Title", "x"), new("RevenueWan", "1.234"), new("Industry", "房地产"), new("Version", version), new("TrackId", contest.TrackId.ToString())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, saved.StatusCode);
        var page = await saved.TextAsync();
        Assert.Contains("最多保留两位小数", page);
        Assert.Contains("请从列表中选择所属行业", page);
    }

    [Fact]
    public async Task Create_IsRefused_ForASecondEntryOfTheSameTeamInOneContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        await leader.CreateEntryAsync(contest, teamId);

        var second = await leader.PostTamperedAsync($"/entries/new?contestId={contest.Id}",
            [new("TeamId", teamId.ToString()), new("TrackId", contest.TrackId.ToString()), new("Title", "第二个")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(1, await host.WithDbAsync(db => db.Entries.CountAsync(e => e.TeamId == teamId)));
    }

    [Fact]
    public async Task Submit_SubmitsAndMailsTheLeader_ThenWithdrawWithdraws()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, leaderEmail, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(EntryStatus.Submitted, entry.Status);
        Assert.Equal(host.Now, entry.SubmittedAt);
        Assert.True(entry.Eligible);
        Assert.Single(await host.NotificationsToAsync(leaderEmail, SubmitEntry.Template));

        var withdrawn = await leader.EntryActionAsync(host, entryId, "withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(EntryStatus.Withdrawn, (await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Status);
    }

    [Fact]
    public async Task Submit_AnswersAsTheFirstDid_WhenTheSameFormIsPostedAgain()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, leaderEmail, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        // One page, one form, its button clicked twice: the same token and version go both times.
        var form = await leader.FillFormAsync($"/entries/{entryId}/submit", [], formPage: $"/entries/{entryId}");

        var first = await form.SubmitAsync();
        var second = await form.SubmitAsync();

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/entries/{entryId}", response.Headers.Location!.OriginalString);
        }
        var page = await (await leader.GetAsync(second.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Equal(["报名已提交。确认邮件已发送给队长。"], PageMessages.Successes(page));
        Assert.Empty(PageMessages.Errors(page));
        Assert.Equal(EntryStatus.Submitted, (await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Status);
        Assert.Single(await host.NotificationsToAsync(leaderEmail, SubmitEntry.Template));
    }

    [Fact]
    public async Task Submit_AnswersBothAsDone_WhenTheSameFormIsPostedTwiceAtOnce()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, leaderEmail, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        var form = await leader.FillFormAsync($"/entries/{entryId}/submit", [], formPage: $"/entries/{entryId}");

        var both = await Task.WhenAll(form.SubmitAsync(), form.SubmitAsync());

        foreach (var response in both)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await (await leader.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
            Assert.Empty(PageMessages.Errors(page));
        }
        Assert.Single(await host.NotificationsToAsync(leaderEmail, SubmitEntry.Template));
    }

    [Fact]
    public async Task Submit_RedirectsToTheEntryPageWithTheReasonInRed_WhenRefused()
    {
        var contest = await host.CreateOpenContestAsync(MaterialKind.BusinessPlan);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        // A refresh of the page the refusal leads to reads it again; it does not post the submit again.
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/entries/{entryId}", submitted.Headers.Location!.OriginalString);
        Assert.Contains("请上传商业计划书。", await leader.RefusalAsync(submitted));
        // Shown once: the page read again does not repeat it.
        Assert.DoesNotContain("id=\"status-error\"", await (await leader.GetAsync($"/entries/{entryId}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submit_IsRefused_WhenRequiredFieldsOrMaterialsAreMissing()
    {
        var contest = await host.CreateOpenContestAsync(MaterialKind.BusinessPlan);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), ("Title", "只有名称"));

        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        var page = await leader.RefusalAsync(submitted);
        Assert.Contains("请上传商业计划书。", page);
        Assert.Contains("请填写联系人。", page);
        Assert.Equal(EntryStatus.Draft, (await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Status);
    }

    [Fact]
    public async Task Submit_Succeeds_OnceTheRequiredMaterialIsUploaded()
    {
        var contest = await host.CreateOpenContestAsync(MaterialKind.BusinessPlan);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        Assert.Contains("请上传商业计划书。", await leader.RefusalAsync(await leader.EntryActionAsync(host, entryId, "submit")));

        Assert.Equal(HttpStatusCode.Redirect, (await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "计划书.pdf")).StatusCode);
        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    [Fact]
    public async Task Submit_IsRefused_WhenAMemberWhoIsNotLeaderAsks()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, _) = await host.SignedInAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var entryId = await leader.CreateEntryAsync(contest, teamId);

        var saved = await member.SaveEntryAsync(host, entryId, RegistrationSteps.CompleteFields);
        var submitted = await member.EntryActionByHandAsync(host, entryId, "submit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("只有队长可以提交或撤回报名。", await member.RefusalAsync(submitted));
    }

    [Fact]
    public async Task EveryChange_IsRefused_AfterTheDeadline()
    {
        var contest = await host.CreateContestAsync(host.Now.AddDays(-1), host.Now.AddHours(1));
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        var before = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));

        // The page was opened before the deadline; its forms are sent after it.
        var page = $"/entries/{entryId}";
        var save = await leader.FillFormAsync(page, [new("Title", "截止后修改")]);
        var submit = await leader.FillFormAsync($"{page}/submit", [], formPage: page);
        var upload = await leader.FillFormAsync($"{page}/materials", [new("kind", "BusinessPlan")],
            [new FormFile("file", "plan.pdf", RegistrationSteps.Pdf, "application/pdf")], page);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var saved = await save.SubmitAsync();
        // A refused button's reason waits for the page its redirect leads to, so each is read before the next click.
        Assert.Contains("截止，报名信息不能再修改、提交或撤回", await leader.RefusalAsync(await submit.SubmitAsync()));
        Assert.Contains("截止，报名信息不能再修改、提交或撤回",
            await leader.RefusalAsync(await leader.EntryActionByHandAsync(host, entryId, "withdraw")));
        var uploaded = await upload.SubmitAsync();

        foreach (var response in new[] { saved, uploaded })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("截止，报名信息不能再修改、提交或撤回", await response.TextAsync());
        }
        var after = await host.WithDbAsync(db => db.Entries.AsNoTracking().Include(e => e.Materials).SingleAsync(e => e.Id == entryId));
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(EntryStatus.Draft, after.Status);
        Assert.Empty(after.Materials);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task EntrySentBackForChanges_CanStillBeCorrectedAndResubmitted_AfterTheDeadline()
    {
        var contest = await host.CreateContestAsync(host.Now.AddDays(-1), host.Now.AddHours(1));
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await leader.EntryActionAsync(host, entryId, "submit")).StatusCode);
        // The organizers asked for changes (as the review page does).
        await host.WithDbAsync(async db =>
        {
            var entry = await db.Entries.SingleAsync(e => e.Id == entryId);
            entry.Status = EntryStatus.ChangesRequested;
            entry.DecisionReason = "请补充团队分工。";
            await db.SaveChangesAsync();
        });

        host.Clock.Advance(TimeSpan.FromHours(2));
        var saved = await leader.SaveEntryAsync(host, entryId, [.. RegistrationSteps.CompleteFields.Where(f => f.Item1 != "Title"), ("Title", "补充分工后的项目")]);
        var resubmitted = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        var after = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(EntryStatus.Submitted, after.Status);
        Assert.Equal("补充分工后的项目", after.Title);
    }

    [Fact]
    public async Task Submit_IsRefused_WhenTheTeamIsLargerThanTheContestAllows()
    {
        var contest = await host.CreateOpenContestAsync();
        await host.WithDbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == contest.Id);
            c.MaxTeamSize = 1;
            await db.SaveChangesAsync();
        });
        var (leader, _, _) = await host.SignedInAsync();
        var (member, memberEmail, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var entryId = await leader.CreateEntryAsync(contest, teamId);

        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Contains("本赛事要求团队人数为 1–1 人，您的团队现有 2 人。", await leader.RefusalAsync(submitted));
    }

    [Fact]
    public async Task CreateAndSubmit_AreRefused_BeforeRegistrationOpens()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var entryId = await leader.CreateEntryAsync(contest, teamId);
        var (otherLeader, _, _) = await host.SignedInAsync();
        var otherTeam = await otherLeader.CreateTeamAsync();
        await host.WithDbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == contest.Id);
            c.RegistrationOpensAt = host.Now.AddDays(1);
            await db.SaveChangesAsync();
        });

        var submitted = await leader.EntryActionByHandAsync(host, entryId, "submit");
        var created = await otherLeader.PostTamperedAsync($"/entries/new?contestId={contest.Id}",
            [new("TeamId", otherTeam.ToString()), new("TrackId", contest.TrackId.ToString()), new("Title", "太早")]);

        Assert.Contains("报名尚未开始", await leader.RefusalAsync(submitted));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Contains("报名尚未开始", await created.TextAsync());
        Assert.False(await host.WithDbAsync(db => db.Entries.AnyAsync(e => e.TeamId == otherTeam)));
        Assert.Equal(EntryStatus.Draft, (await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Status);
    }

    [Fact]
    public async Task Save_ShowsTheConflict_AndKeepsTheFirstSave_WhenTwoMembersEditAtOnce()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, _) = await host.SignedInAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var entryId = await leader.CreateEntryAsync(contest, teamId);
        // Both open the edit form: both forms carry the same version.
        var version = (await host.EntryVersionAsync(entryId)).ToString();
        Assert.Contains(version, await (await leader.GetAsync($"/entries/{entryId}")).TextAsync());
        Assert.Contains(version, await (await member.GetAsync($"/entries/{entryId}")).TextAsync());
        KeyValuePair<string, string>[] Form(string title) =>
            [new("Title", title), new("TrackId", contest.TrackId.ToString()), new("Version", version), new("ContactName", title + "联系人")];

        var firstForm = await leader.FillFormAsync($"/entries/{entryId}", Form("队长的标题"));
        var secondForm = await member.FillFormAsync($"/entries/{entryId}", Form("队员的标题"));
        var first = await firstForm.SubmitAsync();
        var second = await secondForm.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var page = await second.TextAsync();
        Assert.Contains("该报名已被团队其他成员修改，请刷新后再编辑。", page);
        Assert.Contains("value=\"队员的标题\"", page);
        Assert.Contains("value=\"队员的标题联系人\"", page);
        var stored = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal("队长的标题", stored.Title);
        Assert.Equal("队长的标题联系人", stored.ContactName);
    }
}
