using System.Net;
using CompetitionHub.Tests.ActivityWeek;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>
/// The manage-this-contest policy on every kind of resource a management route names: an Organizer of another contest
/// is refused, whether the id comes alone or inside a route of a contest they do manage.
/// </summary>
public sealed class ContestAccessTests(ContestAccessTests.Host host) : IClassFixture<ContestAccessTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false");
    }

    private sealed record Resources(int ContestId, int OtherContestId, int EntryId, int RoundId, int RoadshowRoundId, int SessionId,
        int WeekId, int EventId, int PoolJudgeId);

    private async Task<Resources> ArrangeAsync()
    {
        var contestId = await host.ContestIdAsync();
        var otherId = await host.WithDbAsync(db => db.Contests.Where(c => c.Slug == ReviewData.OtherContest).Select(c => c.Id).SingleAsync());
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "权限项目" + ReviewData.Tag());
        var round = await host.OnlineRoundAsync(contestId, DateTime.UtcNow.AddDays(30));
        var judge = await host.PoolJudgeAsync(contestId);
        var roadshow = await host.RoundIdAsync(contestId, RoundKind.Roadshow);
        var session = await host.SessionAsync(roadshow, "复赛第一场", DateTime.UtcNow.AddDays(30), [judge.UserId], entry.Id);
        var week = await host.AddActivityWeekAsync();
        var ev = await host.AddEventAsync(week, DateTime.UtcNow.AddDays(10));
        var poolJudgeId = await host.WithDbAsync(db => db.ContestJudges.Where(j => j.UserId == judge.UserId).Select(j => j.Id).SingleAsync());
        return new Resources(contestId, otherId, entry.Id, round.Id, roadshow, session, week, ev, poolJudgeId);
    }

    private static IEnumerable<string> Pages(Resources r) =>
    [
        $"/manage/contests/{r.ContestId}",
        $"/manage/contests/{r.ContestId}/entries",
        $"/manage/contests/{r.ContestId}/judges",
        $"/manage/contests/{r.ContestId}/awards",
        $"/manage/contests/{r.ContestId}/rounds/{r.RoundId}/results",
        $"/manage/entries/{r.EntryId}",
        $"/manage/rounds/{r.RoundId}/assignment",
        $"/manage/rounds/{r.RoundId}/progress",
        $"/manage/rounds/{r.RoadshowRoundId}/sessions/{r.SessionId}",
        $"/manage/sessions/{r.SessionId}/console",
        $"/manage/activity-weeks/{r.WeekId}/events/{r.EventId}",
    ];

    [Fact]
    public async Task ManagementPages_AreForbidden_ForAnOrganizerOfAnotherContest()
    {
        var r = await ArrangeAsync();
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);
        var admin = await host.AdminAsync();

        foreach (var page in Pages(r))
        {
            Assert.True((await admin.GetAsync(page)).StatusCode == HttpStatusCode.OK, $"{page} is not open to an Admin");
            Assert.True((await other.GetAsync(page)).StatusCode == HttpStatusCode.Forbidden, $"{page} is not refused to another contest's organizer");
        }
    }

    [Fact]
    public async Task ManagementPages_AreForbidden_WhenAnotherContestsIdSitsInTheOrganizersOwnContestRoute()
    {
        var r = await ArrangeAsync();
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);
        var ownPool = $"/manage/contests/{r.OtherContestId}/judges";

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(ownPool)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/contests/{r.OtherContestId}/rounds/{r.RoundId}/results")).StatusCode);
        var remove = await other.PostTamperedAsync($"{ownPool}/{r.PoolJudgeId}/remove", [], ownPool);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(CompetitionHub.Web.Features.Judging.JudgeStatus.Accepted,
            await host.WithDbAsync(db => db.ContestJudges.Where(j => j.Id == r.PoolJudgeId).Select(j => j.Status).SingleAsync()));
    }

    [Fact]
    public async Task ManagementPages_AnswerNotFound_ForAnIdOfNothing()
    {
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/manage/contests/999999/judges")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/manage/rounds/999999/assignment")).StatusCode);
    }
}
