using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// Who may compete where. Teams and entries are for contestants: an account holding only staff roles (judge,
/// organizer, admin, investor) competes nowhere, and a judge in a contest's pool does not compete in that contest, nor
/// does a competitor join its pool, unless an organizer of that contest recorded a <see cref="JudgeCompetitorException"/>.
/// An account with no role at all is a contestant who has not acted yet (the role comes with a first team).
/// Each check returns null when allowed, or a message the person can act on.
/// </summary>
public sealed class CompetingRules(AppDbContext db, IStringLocalizer<SharedResource> t) : ICompetingRules
{
    private static readonly string[] StaffRoles = [Roles.Admin, Roles.Organizer, Roles.Judge, Roles.Investor];

    /// <summary>Creating a team or joining one: an exception in any contest lets a staff account compete.</summary>
    public Task<string?> WhyNotCompetitorAsync(string userId, CancellationToken ct) => WhyNotCompetitorAsync(userId, null, ct);

    /// <summary>The leader registers the team's entry in <paramref name="contestId"/>; no member may be judging there.</summary>
    public async Task<string?> WhyNotEnterAsync(int contestId, int teamId, string userId, CancellationToken ct)
    {
        if (await WhyNotCompetitorAsync(userId, contestId, ct) is { } staff) return staff;
        var judge = await UnexceptedJudges(contestId)
            .Where(u => db.TeamMembers.Any(m => m.TeamId == teamId && m.UserId == u.Id))
            .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return judge is null ? null : t["团队成员 {0} 是本赛事的评委，不能参加本赛事；如确需参赛，请联系组织者在评委库登记例外。", judge].Value;
    }

    /// <summary>
    /// A person on the contest's page, before any team: a judge of the contest (without an exception) is told so, a
    /// staff account that it does not compete. The entry form applies the same rules to the whole team.
    /// </summary>
    public async Task<string?> WhyNotEnterContestAsync(int contestId, string userId, CancellationToken ct)
    {
        if (await UnexceptedJudges(contestId).AnyAsync(u => u.Id == userId, ct))
            return t["您是本赛事的评委，不能参加本赛事；如确需参赛，请联系组织者在评委库登记例外。"].Value;
        return await WhyNotCompetitorAsync(userId, contestId, ct);
    }

    /// <summary>Accepting an invitation to a team: the person may not be judging a contest the team has entered.</summary>
    public async Task<string?> WhyNotJoinAsync(int teamId, string userId, CancellationToken ct)
    {
        if (await WhyNotCompetitorAsync(userId, null, ct) is { } staff) return staff;
        var contests = await db.Entries.Where(e => e.TeamId == teamId).Select(e => e.ContestId).Distinct().ToListAsync(ct);
        foreach (var contestId in contests)
        {
            if (!await UnexceptedJudges(contestId).AnyAsync(u => u.Id == userId, ct)) continue;
            var contest = await db.Contests.Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
            return t["您是“{0}”的评委，而该团队已报名此赛事，因此不能加入；如确需加入，请联系组织者在评委库登记例外。",
                Localized.Pick(contest.Name, contest.NameEn)];
        }
        return null;
    }

    /// <summary>Inviting <paramref name="email"/> to the pool of <paramref name="contestId"/>, or that person accepting.</summary>
    public async Task<string?> WhyNotJudgeAsync(int contestId, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var competing = await db.Users.Where(u => u.NormalizedEmail == normalized
                && db.TeamMembers.Any(m => m.UserId == u.Id && db.Entries.Any(e => e.ContestId == contestId && e.TeamId == m.TeamId))
                && !db.JudgeCompetitorExceptions.Any(x => x.ContestId == contestId && x.UserId == u.Id))
            .AnyAsync(ct);
        return competing ? t["{0} 是本赛事参赛团队的成员，不能担任本赛事的评委；如确需担任，请先登记例外并说明理由。", email.Trim()].Value : null;
    }

    private async Task<string?> WhyNotCompetitorAsync(string userId, int? contestId, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        if (roles.Contains(Roles.Contestant) || !roles.Any(r => StaffRoles.Contains(r))) return null;
        if (await db.JudgeCompetitorExceptions.AnyAsync(x => x.UserId == userId && (contestId == null || x.ContestId == contestId), ct))
            return null;
        return t["您的账号是工作人员账号（评委、组织者、管理员或投资人），不能创建团队或报名参赛；如需参赛，请联系赛事组织者。"];
    }

    /// <summary>People in the pool of the contest (invited or accepted, by account or by invited email) without an exception.</summary>
    private IQueryable<AppUser> UnexceptedJudges(int contestId) =>
        db.Users.Where(u => db.ContestJudges.Any(j => j.ContestId == contestId
                && (j.Status == JudgeStatus.Invited || j.Status == JudgeStatus.Accepted)
                && (j.UserId == u.Id || j.Email.ToUpper() == u.NormalizedEmail))
            && !db.JudgeCompetitorExceptions.Any(x => x.ContestId == contestId && x.UserId == u.Id));
}
