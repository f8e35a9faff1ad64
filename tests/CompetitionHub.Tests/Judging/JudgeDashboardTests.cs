using System.Net;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Judging;

public sealed class JudgeDashboardTests(JudgeDashboardTests.Host host) : IClassFixture<JudgeDashboardTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task Dashboard_ShowsAssignmentsWithTheirDeadline_AndSessionsWithRecusals()
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        var assigned = await host.CreateEntryAsync(EntryStatus.Approved, "评审项目" + ReviewData.Tag());
        var materialId = await host.MaterialAsync(assigned.Id, "%PDF-1.4\n"u8.ToArray());
        var online = await host.RoundIdAsync(contestId, RoundKind.OnlineReview);
        await host.AssignAsync(online, assigned.Id, judge.UserId);
        var onStage = await host.CreateEntryAsync(EntryStatus.Approved, "路演项目" + ReviewData.Tag());
        var recused = await host.CreateEntryAsync(EntryStatus.Approved, "回避项目" + ReviewData.Tag());
        await host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = contestId, JudgeUserId = judge.UserId, EntryId = recused.Id, Type = ConflictType.Employer,
                Source = ConflictSource.Organizer, Reason = "同单位", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var roadshow = await host.RoundIdAsync(contestId, RoundKind.Roadshow);
        var startsAt = new DateTime(2027, 4, 8, 1, 0, 0, DateTimeKind.Utc);
        var sessionId = await host.SessionAsync(roadshow, "复赛第二场", startsAt, [judge.UserId], onStage.Id, recused.Id);

        var response = await judge.Client.GetAsync("/judging");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains($"class=\"judge-assignment\" data-entry-id=\"{assigned.Id}\"", html);
        Assert.Contains(assigned.Id.ToString(), html);
        Assert.Contains("截止时间：2027-03-10 18:00（北京时间）", html);
        Assert.Contains($"/materials/{materialId}", html);
        Assert.Contains("初创组", html);
        Assert.Contains($"data-session-id=\"{sessionId}\"", html);
        Assert.Contains("2027-04-08 09:00", html);
        Assert.Contains("长春国际会展中心 A 厅", html);
        var session = html[html.IndexOf($"data-session-id=\"{sessionId}\"", StringComparison.Ordinal)..];
        session = session[..session.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("回避项目", session);
        Assert.DoesNotContain("路演项目", session);
        Assert.Contains("class=\"judge-session-entries\">2<", session);
    }

    [Fact]
    public async Task Dashboard_ListsPendingInvitations_ByEmail()
    {
        var contestId = await host.ContestIdAsync(ReviewData.OtherContest);
        var judge = await host.PoolJudgeAsync(await host.ContestIdAsync());
        var token = Guid.NewGuid();
        await host.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = judge.Email.ToUpperInvariant(), Status = JudgeStatus.Invited, Token = token,
                InvitedAt = DateTime.UtcNow, InvitedByUserId = judge.UserId,
            });
            await db.SaveChangesAsync();
        });

        var html = await (await judge.Client.GetAsync("/judging")).TextAsync();

        Assert.Contains($"/judging/invitations/{token}", html);
        Assert.Contains("已接受", html);
    }

    [Fact]
    public async Task Seeds_PutTheDemoJudgeInEveryCompetitionPoolWithAProfile_AndAddNothingTheSecondTime()
    {
        var demo = (await host.FindUserAsync(TestUsers.DemoJudge))!;
        var competitions = await host.WithDbAsync(db => db.Contests.Where(c => c.Kind == ContestKind.Competition).Select(c => c.Id).ToListAsync());
        var seats = await host.WithDbAsync(db => db.ContestJudges.AsNoTracking().Where(j => j.UserId == demo.Id).ToListAsync());
        Assert.All(competitions, id => Assert.Contains(seats, s => s.ContestId == id && s.Status == JudgeStatus.Accepted));
        var profile = await host.WithDbAsync(db => db.JudgeProfiles.AsNoTracking().SingleAsync(p => p.UserId == demo.Id));
        Assert.Equal("吉林大学", profile.Affiliation);
        Assert.True(CreditCode.IsValid(profile.AffiliationCreditCode));
        Assert.Equal(Provinces.Jilin, CreditCode.ProvinceOf(profile.AffiliationCreditCode!));
        Assert.Contains("先进制造", profile.Expertise);
        var cie = await host.ContestIdAsync();
        Assert.Equal(5, await host.WithDbAsync(db => db.ContestJudges.CountAsync(j => j.ContestId == cie && j.Email.EndsWith("@demo.competitionhub.cn") && j.Status == JudgeStatus.Accepted)));

        var counts = () => host.WithDbAsync(async db => (await db.ContestJudges.CountAsync(), await db.JudgeProfiles.CountAsync(), await db.Users.CountAsync()));
        var before = await counts();
        await using var scope = host.Services.CreateAsyncScope();
        var report = await ActivatorUtilities.CreateInstance<SeedLoader>(scope.ServiceProvider).LoadAsync(SeedFiles.Default);

        Assert.False(report.AddedAnything, report.ToString());
        Assert.Equal(before, await counts());
    }

    [Fact]
    public async Task DemoJudge_SeesTheirContestsOnTheDashboard()
    {
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(TestUsers.DemoJudge, TestUsers.DemoPassword);

        var html = await (await client.GetAsync("/judging")).TextAsync();

        Assert.Contains("中国创新创业大赛（吉林赛区）", html);
        Assert.Contains("id=\"judge-profile-link\"", html);
        Assert.DoesNotContain("judge-profile-missing", html);
    }
}
