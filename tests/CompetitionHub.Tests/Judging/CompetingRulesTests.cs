using System.Net;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Judging;

/// <summary>Teams and entries are for contestants; a contest's judges do not compete in it unless its organizer allows it.</summary>
public sealed class CompetingRulesTests(CompetingRulesTests.Host host) : IClassFixture<CompetingRulesTests.Host>
{
    public sealed class Host : RegistrationHost;

    private const string StaffRefusal = "您的账号是工作人员账号";

    private static KeyValuePair<string, string>[] EntryFields(TestContest contest, int teamId) =>
        [.. RegistrationSteps.CompleteFields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)),
         new("TeamId", teamId.ToString()), new("TrackId", contest.TrackId.ToString())];

    private static Task<HttpResponseMessage> PostEntryAsync(HttpClient client, TestContest contest, int teamId) =>
        client.PostFormAsync($"/entries/new?contestId={contest.Id}", EntryFields(contest, teamId));

    private Task<int> EntriesOfAsync(int teamId) => host.WithDbAsync(db => db.Entries.CountAsync(e => e.TeamId == teamId));

    /// <summary>An Organizer assigned to this contest only, signed in.</summary>
    private async Task<HttpClient> OrganizerOfAsync(int contestId)
    {
        var email = TestUsers.NewEmail("organizer");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, "本赛事组织者", roles: Roles.Organizer);
        await host.WithDbAsync(async db =>
        {
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contestId, UserId = user.Id, AssignedAt = host.Now });
            await db.SaveChangesAsync();
        });
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return client;
    }

    private static Task<HttpResponseMessage> RecordExceptionAsync(HttpClient organizer, int contestId, string email, string reason) =>
        organizer.PostFormAsync($"/manage/contests/{contestId}/judges/exceptions",
            [new("Exception.Email", email), new("Exception.Reason", reason)], $"/manage/contests/{contestId}/judges");

    [Fact]
    public async Task CreateTeam_IsRefusedWithAMessage_WhenTheAccountHoldsOnlyTheJudgeRole()
    {
        var (client, _, userId) = await host.SignedInAsync(Roles.Judge);

        var response = await client.PostFormAsync("/teams", ("Name", "评委的团队"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains(StaffRefusal, page);
        Assert.Contains("评委的团队", page);
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.UserId == userId)));
        Assert.DoesNotContain(Roles.Contestant, await host.RolesOfAsync((await host.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == userId))).Email!));
    }

    [Fact]
    public async Task CreateTeam_IsRefusedInEnglish_WhenTheAccountHoldsOnlyTheOrganizerRole()
    {
        var email = TestUsers.NewEmail("staff");
        await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: Roles.Organizer);
        var client = host.CreateFormClient("en");
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await client.PostFormAsync("/teams", ("Name", "Staff team"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Yours is a staff account", await response.TextAsync());
    }

    [Fact]
    public async Task CreateEntry_IsRefused_WhenTheLeaderNowHoldsOnlyTheJudgeRole()
    {
        var contest = await host.CreateOpenContestAsync();
        var (client, email, _) = await host.SignedInAsync(Roles.Contestant);
        var teamId = await client.CreateTeamAsync();
        // An Admin turns the account into a judge's: the next request already counts the new roles.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.RemoveFromRoleAsync(user, Roles.Contestant);
            await users.AddToRoleAsync(user, Roles.Judge);
        }
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await PostEntryAsync(client, contest, teamId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains(StaffRefusal, page);
        Assert.Contains("智能农机调度平台", page);
        Assert.Equal(0, await EntriesOfAsync(teamId));
    }

    [Fact]
    public async Task CreateTeamAndEntry_Succeed_WhenTheAccountIsAContestantWhoAlsoInvests()
    {
        var contest = await host.CreateOpenContestAsync();
        var (client, _, _) = await host.SignedInAsync(Roles.Contestant, Roles.Investor);

        var teamId = await client.CreateTeamAsync();
        var entryId = await client.CreateEntryAsync(contest, teamId);

        Assert.True(entryId > 0);
    }

    [Fact]
    public async Task CreateEntry_IsRefusedInTheContestTheLeaderJudges_AndAllowedInAnother()
    {
        var judged = await host.CreateOpenContestAsync();
        var other = await host.CreateOpenContestAsync();
        var (client, email, userId) = await host.SignedInAsync(Roles.Contestant, Roles.Judge);
        await host.AddToPoolAsync(judged.Id, email, userId);
        var teamId = await client.CreateTeamAsync();

        var refused = await PostEntryAsync(client, judged, teamId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("是本赛事的评委，不能参加本赛事", await refused.TextAsync());
        Assert.Equal(0, await EntriesOfAsync(teamId));
        Assert.True(await client.CreateEntryAsync(other, teamId) > 0);
    }

    [Fact]
    public async Task CreateEntry_IsRefused_WhenAMemberIsInvitedToJudgeThatContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync(Roles.Contestant);
        var (member, memberEmail, _) = await host.SignedInAsync(Roles.Contestant);
        var teamId = await leader.CreateTeamAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var organizer = await OrganizerOfAsync(contest.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync($"/manage/contests/{contest.Id}/judges", ("Email", memberEmail))).StatusCode);

        var response = await PostEntryAsync(leader, contest, teamId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("是本赛事的评委，不能参加本赛事", await response.TextAsync());
        Assert.Equal(0, await EntriesOfAsync(teamId));
    }

    [Fact]
    public async Task AcceptInvitation_IsRefused_WhenTheInviteeJudgesAContestTheTeamEntered()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync(Roles.Contestant);
        var teamId = await leader.CreateTeamAsync();
        await leader.CreateEntryAsync(contest, teamId);
        var (judge, judgeEmail, judgeId) = await host.SignedInAsync(Roles.Contestant, Roles.Judge);
        await host.AddToPoolAsync(contest.Id, judgeEmail, judgeId);
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", judgeEmail), new("Version", version.ToString())], $"/teams/{teamId}");
        var link = TestUsers.LinkIn((await host.NotificationsToAsync(judgeEmail, "team-invitation")).Last());

        var response = await judge.PostFormAsync(link + "/accept", [], link);

        Assert.Contains("的评委，而该团队已报名此赛事", await judge.RefusalAsync(response));
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == judgeId)));
    }

    [Fact]
    public async Task InviteJudge_IsRefusedWithTheFormKept_WhenThePersonCompetesInTheContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, leaderEmail, _) = await host.SignedInAsync(Roles.Contestant);
        await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        var organizer = await OrganizerOfAsync(contest.Id);

        var response = await organizer.PostFormAsync($"/manage/contests/{contest.Id}/judges", ("Email", leaderEmail), ("Name", "参赛者"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("是本赛事参赛团队的成员，不能担任本赛事的评委", page);
        Assert.Contains($"value=\"{leaderEmail}\"", page);
        Assert.False(await host.WithDbAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contest.Id && j.Email == leaderEmail)));
    }

    [Fact]
    public async Task RecordException_AsksForAReason_WhenTheReasonIsEmpty()
    {
        var contest = await host.CreateOpenContestAsync();
        var (_, email, _) = await host.SignedInAsync(Roles.Contestant);
        var organizer = await OrganizerOfAsync(contest.Id);

        var response = await RecordExceptionAsync(organizer, contest.Id, email, "  ");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("data-field=\"Exception.Reason\">请说明允许其既当评委又参赛的理由。", page);
        Assert.Contains($"value=\"{email}\"", page);
        Assert.False(await host.WithDbAsync(db => db.JudgeCompetitorExceptions.AnyAsync(x => x.ContestId == contest.Id)));
    }

    [Fact]
    public async Task RecordException_LetsTheJudgeEnterAndTheCompetitorJoinThePool_AndIsShownAndAudited()
    {
        var contest = await host.CreateOpenContestAsync();
        var (judge, judgeEmail, judgeId) = await host.SignedInAsync(Roles.Contestant, Roles.Judge);
        await host.AddToPoolAsync(contest.Id, judgeEmail, judgeId);
        var judgeTeam = await judge.CreateTeamAsync();
        var (leader, leaderEmail, leaderId) = await host.SignedInAsync(Roles.Contestant);
        await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        var organizer = await OrganizerOfAsync(contest.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await RecordExceptionAsync(organizer, contest.Id, judgeEmail, "评委本人为高校教师，指导学生团队参赛，已回避其项目")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RecordExceptionAsync(organizer, contest.Id, leaderEmail, "行业专家稀缺，不评本组")).StatusCode);

        Assert.True(await judge.CreateEntryAsync(contest, judgeTeam) > 0);
        var invited = await organizer.PostFormAsync($"/manage/contests/{contest.Id}/judges", ("Email", leaderEmail));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contest.Id && j.Email == leaderEmail)));
        var page = await (await organizer.GetAsync($"/manage/contests/{contest.Id}/judges")).TextAsync();
        Assert.Contains("评委本人为高校教师，指导学生团队参赛，已回避其项目", page);
        Assert.Contains(leaderEmail, page);
        var audited = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(JudgeCompetitorException) && a.Action == "Recorded").Select(a => a.After).ToListAsync());
        Assert.Contains(audited, a => a!.Contains(judgeId));
        Assert.Contains(audited, a => a!.Contains(leaderId));
    }

    [Fact]
    public async Task RevokeException_RemovesItFromThePage_AndTheRuleAppliesAgain()
    {
        var contest = await host.CreateOpenContestAsync();
        var (judge, judgeEmail, judgeId) = await host.SignedInAsync(Roles.Judge);
        await host.AddToPoolAsync(contest.Id, judgeEmail, judgeId);
        var organizer = await OrganizerOfAsync(contest.Id);
        await RecordExceptionAsync(organizer, contest.Id, judgeEmail, "特批");
        var exceptionId = await host.WithDbAsync(db => db.JudgeCompetitorExceptions.Where(x => x.ContestId == contest.Id).Select(x => x.Id).SingleAsync());
        // A staff-only account with an exception may compete: the organizer allowed it.
        var teamId = await judge.CreateTeamAsync();

        var revoked = await organizer.PostFormAsync($"/manage/contests/{contest.Id}/judges/exceptions/{exceptionId}/revoke", [],
            $"/manage/contests/{contest.Id}/judges");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.DoesNotContain("特批", await (await organizer.GetAsync($"/manage/contests/{contest.Id}/judges")).TextAsync());
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(JudgeCompetitorException)
            && a.EntityId == exceptionId.ToString() && a.Action == "Revoked")));
        var refused = await PostEntryAsync(judge, contest, teamId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task RecordException_IsForbidden_WhenTheOrganizerRunsAnotherContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var other = await host.CreateOpenContestAsync();
        var (_, email, _) = await host.SignedInAsync(Roles.Contestant);
        var organizer = await OrganizerOfAsync(other.Id);

        var response = await organizer.PostTamperedAsync($"/manage/contests/{contest.Id}/judges/exceptions",
            [new("Exception.Email", email), new("Exception.Reason", "越权")], $"/manage/contests/{other.Id}/judges");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.JudgeCompetitorExceptions.AnyAsync(x => x.ContestId == contest.Id)));
    }
}
