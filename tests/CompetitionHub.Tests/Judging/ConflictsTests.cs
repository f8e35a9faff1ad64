using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

public sealed class ConflictsTests(ConflictsTests.Host host) : IClassFixture<ConflictsTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task Declare_AddsAnActiveConflict_AndWithdrawLiftsIt()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "申报项目" + ReviewData.Tag());
        var url = $"/judging/contests/{contestId}/conflicts";

        var declared = await judge.Client.PostFormAsync(url, ("Target", "Entry"), ("EntryId", entry.Id.ToString()), ("Type", "Family"), ("Reason", "负责人是我的表弟"));

        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var conflict = await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.JudgeUserId == judge.UserId));
        Assert.Equal((ConflictSource.Declared, ConflictType.Family, true, entry.Id), (conflict.Source, conflict.Type, conflict.IsActive, conflict.EntryId!.Value));
        Assert.Contains(await host.ConflictsAsync(contestId), p => p.JudgeUserId == judge.UserId && p.EntryId == entry.Id);

        var withdrawn = await judge.Client.PostFormAsync($"{url}/{conflict.Id}/withdraw", [], url);

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var after = await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.Id == conflict.Id));
        Assert.False(after.IsActive);
        Assert.Equal(judge.UserId, after.LiftedByUserId);
        Assert.NotNull(after.LiftedAt);
        Assert.DoesNotContain(await host.ConflictsAsync(contestId), p => p.JudgeUserId == judge.UserId);
        Assert.Equal(2, await host.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Conflict" && a.EntityId == conflict.Id.ToString())));
    }

    [Fact]
    public async Task Declare_ShowsErrors_WhenTheReasonIsMissingOrTheCodeIsInvalid()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);

        var response = await judge.Client.PostFormAsync($"/judging/contests/{contestId}/conflicts",
            ("Target", "Organization"), ("OrganizationCreditCode", JudgingData.WithWrongCheck(JudgingData.ValidCreditCode())), ("Type", "Investment"), ("Reason", ""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("请填写原因", html);
        Assert.False(await host.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.JudgeUserId == judge.UserId)));
    }

    [Fact]
    public async Task Declare_RecordsAnEarlyPilotOrganizationCode_WithAWarningNamingTheExpectedCharacter()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);

        var response = await judge.Client.PostFormAsync($"/judging/contests/{contestId}/conflicts",
            ("Target", "Organization"), ("OrganizationCreditCode", "913502006120032610"), ("OrganizationName", "厦门某科技有限公司"),
            ("Type", "Investment"), ("Reason", "评委持股。"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("913502006120032610", await host.WithDbAsync(db => db.Conflicts.Where(c => c.JudgeUserId == judge.UserId)
            .Select(c => c.OrganizationCreditCode).SingleAsync()));
        var page = await (await judge.Client.GetAsync($"/judging/contests/{contestId}/conflicts")).TextAsync();
        Assert.Contains("按国家标准 GB 32100 应为 K，您填写的是 0", page);
    }

    [Fact]
    public async Task ConflictsPage_IsForbidden_ForAJudgeOutsideThePool()
    {
        var contestId = await host.ContestIdAsync();
        var other = await host.PoolJudgeAsync(await host.ContestIdAsync(ReviewData.OtherContest));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/judging/contests/{contestId}/conflicts")).StatusCode);
    }

    [Fact]
    public async Task OrganizerAddAndLift_RecordTheConflictWithReasonAndAudit()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "组织者项目" + ReviewData.Tag());
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/contests/{contestId}/conflicts";

        var added = await organizer.PostFormAsync(url, ("JudgeUserId", judge.UserId), ("Target", "Entry"), ("EntryId", entry.Id.ToString()),
            ("Type", "Advisor"), ("Reason", "曾任该企业技术顾问"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var conflict = await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.JudgeUserId == judge.UserId));
        Assert.Equal(ConflictSource.Organizer, conflict.Source);
        var page = await (await organizer.GetAsync(url)).TextAsync();
        Assert.Contains("曾任该企业技术顾问", page);
        Assert.Contains(entry.Id.ToString(), page);

        var refused = await organizer.PostFromAsync(url + "/lift", url, ("ConflictId", conflict.Id.ToString()), ("Reason", ""));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True((await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.Id == conflict.Id))).IsActive);

        var lifted = await organizer.PostFromAsync(url + "/lift", url, ("ConflictId", conflict.Id.ToString()), ("Reason", "顾问关系已于三年前结束"));

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        var after = await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.Id == conflict.Id));
        Assert.False(after.IsActive);
        Assert.Equal("顾问关系已于三年前结束", after.LiftReason);
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Conflict" && a.EntityId == conflict.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Added", "Lifted"], audit.Select(a => a.Action));
        Assert.Equal("顾问关系已于三年前结束", audit[1].Reason);
    }

    [Fact]
    public async Task OrganizerLift_RecordsADetectedConflictInactive_SoItNoLongerCounts()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var code = JudgingData.ValidCreditCode();
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "识别项目" + ReviewData.Tag(), configure: e => e.CreditCode = code);
        await host.WithDbAsync(async db =>
        {
            db.JudgeProfiles.Add(new JudgeProfile { UserId = judge.UserId, Affiliation = "某公司", AffiliationCreditCode = code });
            await db.SaveChangesAsync();
        });
        Assert.Contains(await host.ConflictsAsync(contestId), p => p.JudgeUserId == judge.UserId && p.Source == ConflictSource.Detected);
        var organizer = await host.DemoOrganizerAsync();
        var url = $"/manage/contests/{contestId}/conflicts";

        var lifted = await organizer.PostFromAsync(url + "/lift", url, ("JudgeUserId", judge.UserId), ("EntryId", entry.Id.ToString()),
            ("Type", "Employer"), ("Reason", "评委已离职"));

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        var row = await host.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.JudgeUserId == judge.UserId));
        Assert.Equal((ConflictSource.Detected, false, "评委已离职"), (row.Source, row.IsActive, row.LiftReason));
        Assert.DoesNotContain(await host.ConflictsAsync(contestId), p => p.JudgeUserId == judge.UserId);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Conflict" && a.EntityId == row.Id.ToString() && a.Action == "Lifted")));
    }

    [Fact]
    public async Task OrganizerAdd_IsForbidden_ForAnOrganizerOfAnotherContest()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);
        var otherId = await host.ContestIdAsync(ReviewData.OtherContest);

        var response = await other.PostTamperedAsync($"/manage/contests/{contestId}/conflicts",
            [new("JudgeUserId", judge.UserId), new("Target", "Organization"), new("OrganizationCreditCode", JudgingData.ValidCreditCode()),
             new("OrganizationName", "某公司"), new("Type", "Other"), new("Reason", "x")], $"/manage/contests/{otherId}/conflicts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.JudgeUserId == judge.UserId)));
    }
}
