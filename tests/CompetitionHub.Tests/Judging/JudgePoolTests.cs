using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

public sealed class JudgePoolTests(JudgePoolTests.Host host) : IClassFixture<JudgePoolTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<(int ContestId, string Email, string Link)> InviteAsync(string? email = null)
    {
        var contestId = await host.ContestIdAsync();
        email ??= TestUsers.NewEmail("invited");
        var organizer = await host.DemoOrganizerAsync();
        var response = await organizer.PostFormAsync($"/manage/contests/{contestId}/judges", ("Email", email), ("Name", "赵评审"), ("MaxLoad", "12"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = (await host.NotificationsToAsync(email, ManageJudgePool.InvitationTemplate)).Last();
        return (contestId, email, TestUsers.LinkIn(mail));
    }

    private Task<ContestJudge> PoolRowAsync(int contestId, string email) =>
        host.WithDbAsync(db => db.ContestJudges.AsNoTracking().SingleAsync(j => j.ContestId == contestId && j.Email == email));

    [Fact]
    public async Task Invite_QueuesAnEmailWithTheAcceptLink_AndListsTheJudgeAsInvited()
    {
        var (contestId, email, link) = await InviteAsync();

        var row = await PoolRowAsync(contestId, email);
        Assert.Equal(JudgeStatus.Invited, row.Status);
        Assert.Equal(12, row.MaxLoad);
        Assert.Equal($"/judging/invitations/{row.Token}", link);
        var mail = Assert.Single(await host.NotificationsToAsync(email, ManageJudgePool.InvitationTemplate));
        using var payload = System.Text.Json.JsonDocument.Parse(mail.PayloadJson);
        Assert.Equal("中国创新创业大赛（吉林赛区）", payload.RootElement.GetProperty("contestName").GetString());
        Assert.Equal("赵评审", payload.RootElement.GetProperty("displayName").GetString());
        var page = await (await (await host.DemoOrganizerAsync()).GetAsync($"/manage/contests/{contestId}/judges")).TextAsync();
        Assert.Contains(email, page);
        Assert.Contains("已邀请", page);
    }

    [Fact]
    public async Task Accept_MakesTheUserAJudgeInThePool_WhenSignedInWithTheInvitedEmail()
    {
        var (contestId, email, link) = await InviteAsync();
        await host.CreateUserAsync(email, TestUsers.DemoPassword, "赵评审");
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await client.PostFormAsync(link + "/accept", [], link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/judging/profile", response.Headers.Location!.OriginalString);
        var row = await PoolRowAsync(contestId, email);
        Assert.Equal(JudgeStatus.Accepted, row.Status);
        Assert.Equal((await host.FindUserAsync(email))!.Id, row.UserId);
        Assert.Contains(Roles.Judge, await host.RolesOfAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/judging/profile")).StatusCode);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ContestJudge" && a.EntityId == row.Id.ToString() && a.Action == "Accepted")));
    }

    [Fact]
    public async Task Decline_MarksThePoolEntryDeclined_AndGivesNoRole()
    {
        var (contestId, email, link) = await InviteAsync();
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await client.PostFormAsync(link + "/decline", [], link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(JudgeStatus.Declined, (await PoolRowAsync(contestId, email)).Status);
        Assert.DoesNotContain(Roles.Judge, await host.RolesOfAsync(email));
        Assert.Contains("您已谢绝此评审邀请", await (await client.GetAsync(link)).TextAsync());
    }

    [Fact]
    public async Task Accept_IsRefusedWithAMessage_WhenSignedInWithAnotherEmail()
    {
        var (contestId, email, link) = await InviteAsync();
        var other = TestUsers.NewEmail("other");
        await host.CreateUserAsync(other, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(other, TestUsers.DemoPassword);

        Assert.Contains("此邀请是发给", await (await client.GetAsync(link)).TextAsync());
        var response = await client.PostTamperedAsync(link + "/accept", [], link);

        Assert.Contains(email, await client.RefusalAsync(response));
        var row = await PoolRowAsync(contestId, email);
        Assert.Equal(JudgeStatus.Invited, row.Status);
        Assert.Null(row.UserId);
        Assert.DoesNotContain(Roles.Judge, await host.RolesOfAsync(other));
    }

    [Fact]
    public async Task Show_OffersSignInAndSignUp_WhenNobodyIsSignedIn()
    {
        var (_, _, link) = await InviteAsync();

        var page = await (await host.CreateFormClient().GetAsync(link)).TextAsync();

        Assert.Contains($"/account/login?returnUrl={Uri.EscapeDataString(link)}", page);
        Assert.Contains("/account/register", page);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateFormClient().GetAsync($"/judging/invitations/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Invite_ResendsTheSameLink_WhenTheEmailIsInvitedAgain()
    {
        var (contestId, email, link) = await InviteAsync();
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        await client.PostFormAsync(link + "/decline", [], link);

        var (_, _, again) = await InviteAsync(email);

        Assert.Equal(link, again);
        Assert.Equal(2, (await host.NotificationsToAsync(email, ManageJudgePool.InvitationTemplate)).Count);
        Assert.Equal(1, await host.WithDbAsync(db => db.ContestJudges.CountAsync(j => j.ContestId == contestId && j.Email == email)));
        Assert.Equal(JudgeStatus.Invited, (await PoolRowAsync(contestId, email)).Status);
    }

    [Fact]
    public async Task Remove_SetsStatusRemoved()
    {
        var (contestId, email, _) = await InviteAsync();
        var row = await PoolRowAsync(contestId, email);
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.PostFormAsync($"/manage/contests/{contestId}/judges/{row.Id}/remove", [], $"/manage/contests/{contestId}/judges");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(JudgeStatus.Removed, (await PoolRowAsync(contestId, email)).Status);
    }

    [Fact]
    public async Task JudgesPage_IsForbidden_ForAnOrganizerOfAnotherContest()
    {
        var contestId = await host.ContestIdAsync();
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/contests/{contestId}/judges")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/contests/{contestId}/conflicts")).StatusCode);
        // The post is made by hand with a token the intruder holds (the language switcher's, on any page).
        var token = FormPosting.AntiforgeryToken(await other.GetStringAsync("/"), "form[action='/culture']")!;
        var post = await other.PostAsync($"/manage/contests/{contestId}/judges", new FormUrlEncodedContent(
            [new("Email", TestUsers.NewEmail()), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/manage/contests/999999/judges")).StatusCode);
    }

    [Fact]
    public async Task JudgesPage_ShowsEachJudgesLoadPerOnlineRound()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var roundId = await host.RoundIdAsync(contestId, RoundKind.OnlineReview);
        for (var i = 0; i < 3; i++)
        {
            var entry = await host.CreateEntryAsync(EntryStatus.Approved, "负载项目" + ReviewData.Tag());
            await host.AssignAsync(roundId, entry.Id, judge.UserId);
        }
        var organizer = await host.DemoOrganizerAsync();

        var html = await (await organizer.GetAsync($"/manage/contests/{contestId}/judges")).TextAsync();

        var row = html[html.IndexOf(judge.Email, StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"data-round-id=\"{roundId}\">3</td>", row);
        Assert.Contains("初赛（网络评审）", html);
    }

    [Fact]
    public async Task JudgesPage_ListsAJudgesFirstConflictsByTitle_AndCountsTheRest()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var titles = new List<string>();
        for (var i = 0; i < ManageJudgePool.ConflictsShown + 2; i++)
        {
            var title = "回避项目" + ReviewData.Tag();
            var entry = await host.CreateEntryAsync(EntryStatus.Approved, title);
            titles.Add(title);
            await host.WithDbAsync(async db =>
            {
                db.Conflicts.Add(new Conflict
                {
                    ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entry.Id, Type = ConflictType.Other,
                    Source = ConflictSource.Organizer, Reason = "曾指导该团队", IsActive = true, CreatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            });
        }
        var organizer = await host.DemoOrganizerAsync();

        var html = await (await organizer.GetAsync($"/manage/contests/{contestId}/judges?Q={Uri.EscapeDataString(judge.Email)}")).TextAsync();

        var row = html[html.IndexOf($">{judge.Email}</div>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.All(titles.Take(ManageJudgePool.ConflictsShown), t => Assert.Contains(t, row));
        Assert.All(titles.Skip(ManageJudgePool.ConflictsShown), t => Assert.DoesNotContain(t, row));
        Assert.Contains("另有 2 项", row);
    }

    [Fact]
    public async Task JudgesPage_ListsAConflictDetectedFromTheJudgesProfile_WithTheProfile()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var code = JudgingData.ValidCreditCode();
        var affiliation = "任职单位" + ReviewData.Tag();
        await host.WithDbAsync(async db =>
        {
            db.JudgeProfiles.Add(new JudgeProfile { UserId = judge.UserId, Affiliation = affiliation, AffiliationCreditCode = code });
            await db.SaveChangesAsync();
        });
        var title = "任职单位的项目" + ReviewData.Tag();
        await host.CreateEntryAsync(EntryStatus.Approved, title, configure: e => e.CreditCode = code);
        var organizer = await host.DemoOrganizerAsync();

        var html = await (await organizer.GetAsync($"/manage/contests/{contestId}/judges?Q={Uri.EscapeDataString(judge.Email)}")).TextAsync();

        var row = html[html.IndexOf($">{judge.Email}</div>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(affiliation, row);
        Assert.Contains(title, row);
    }

    [Fact]
    public async Task Invite_ShowsFieldErrors_WhenTheEmailIsInvalid()
    {
        var contestId = await host.ContestIdAsync();
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.PostFormAsync($"/manage/contests/{contestId}/judges", ("Email", "not-an-email"), ("MaxLoad", "abc"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("邮箱地址格式不正确", await response.TextAsync());
    }
}
