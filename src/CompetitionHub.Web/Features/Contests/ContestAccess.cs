using System.Globalization;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>What <see cref="ContestAccess.Policy"/> asks: may this person manage the contest behind the request.</summary>
public sealed class ManageContestRequirement : IAuthorizationRequirement;

/// <summary>
/// Who may change a contest and see its registrations: Admins, and the Organizers an Admin assigned to that contest.
/// Being an Organizer of one contest gives nothing on another. As an authorization handler it decides the
/// <see cref="Policy"/> for a request: it finds the contest behind every id in the route (a contest, round, session,
/// entry, event, pool judge, objection or award) and requires the person to manage each of them, so a management page is
/// refused before its action runs. An id that names nothing is left to the action, which answers 404.
/// </summary>
public sealed class ContestAccess(AppDbContext db) : AuthorizationHandler<ManageContestRequirement>
{
    public const string Policy = "ManageContest";

    public async Task<bool> CanManageAsync(ClaimsPrincipal user, int contestId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin)) return true;
        if (!user.IsInRole(Roles.Organizer) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        return await db.ContestOrganizers.AnyAsync(o => o.ContestId == contestId && o.UserId == userId, ct);
    }

    /// <summary>The contests the user may manage, as a query to filter lists with.</summary>
    public IQueryable<Contest> Manageable(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return db.Contests;
        var userId = user.IsInRole(Roles.Organizer) ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return db.Contests.Where(c => userId != null && c.Organizers.Any(o => o.UserId == userId));
    }

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageContestRequirement requirement)
    {
        if (context.User.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
            return;
        }
        if (!context.User.IsInRole(Roles.Organizer) || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        var http = context.Resource as HttpContext;
        var ct = http?.RequestAborted ?? CancellationToken.None;
        switch (context.Resource)
        {
            case int contestId:
                if (await db.ContestOrganizers.AnyAsync(o => o.ContestId == contestId && o.UserId == userId, ct)) context.Succeed(requirement);
                return;
            case HttpContext request:
                if (await ManagesAllBehindAsync(request.Request.RouteValues, userId, ct)) context.Succeed(requirement);
                return;
        }
    }

    /// <summary>
    /// Whether the person manages the contest behind each of the route's ids; false when the route names no contest
    /// resource at all. Each id is one query that finds its contest and asks about the organizer together, as every
    /// management request pays for it.
    /// </summary>
    private async Task<bool> ManagesAllBehindAsync(RouteValueDictionary route, string userId, CancellationToken ct)
    {
        int? Id(string key) => route.TryGetValue(key, out var v) && int.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture),
            NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        // Per id: null when it names nothing, else whether its contest is one of the person's.
        Task<bool?> Mine(IQueryable<int> contest) =>
            contest.Select(c => (bool?)db.ContestOrganizers.Any(o => o.ContestId == c && o.UserId == userId)).FirstOrDefaultAsync(ct);
        var found = new List<bool?>();
        if (Id("contestId") is { } contestId) found.Add(await Mine(db.Contests.Where(c => c.Id == contestId).Select(c => c.Id)));
        if (Id("id") is { } id) found.Add(await Mine(db.Contests.Where(c => c.Id == id).Select(c => c.Id)));
        if (Id("roundId") is { } roundId) found.Add(await Mine(db.Rounds.Where(r => r.Id == roundId).Select(r => r.ContestId)));
        if (Id("sessionId") is { } sessionId)
            found.Add(await Mine(from s in db.RoadshowSessions where s.Id == sessionId join r in db.Rounds on s.RoundId equals r.Id select r.ContestId));
        if (Id("entryId") is { } entryId) found.Add(await Mine(db.Entries.Where(e => e.Id == entryId).Select(e => e.ContestId)));
        if (Id("eventId") is { } eventId) found.Add(await Mine(db.ActivityEvents.Where(e => e.Id == eventId).Select(e => e.ContestId)));
        if (Id("judgeId") is { } judgeId) found.Add(await Mine(db.ContestJudges.Where(j => j.Id == judgeId).Select(j => j.ContestId)));
        if (Id("objectionId") is { } objectionId) found.Add(await Mine(db.Objections.Where(o => o.Id == objectionId).Select(o => o.ContestId)));
        if (Id("awardId") is { } awardId) found.Add(await Mine(db.Awards.Where(a => a.Id == awardId).Select(a => a.ContestId)));
        // An id of nothing is left to the action, whose own lookup answers 404 (for any staff member alike).
        return found.Count > 0 && found.All(mine => mine != false);
    }
}

/// <summary>
/// A signed-in person refused only because the contest is not theirs gets a plain 403 (shown by the error page), as
/// before the policy existed, not the cookie handler's redirect to the access-denied page, which stays for a missing role.
/// </summary>
public sealed class ContestForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { FailedRequirements: var failed }
            && failed.Any() && failed.All(r => r is ManageContestRequirement))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
