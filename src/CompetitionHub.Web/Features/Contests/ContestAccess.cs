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
        var contests = context.Resource switch
        {
            int contestId => new List<int> { contestId },
            HttpContext request => await ContestsBehindAsync(request.Request.RouteValues, ct),
            _ => null,
        };
        if (contests is null) return;
        var managed = await db.ContestOrganizers.Where(o => o.UserId == userId && contests.Contains(o.ContestId))
            .Select(o => o.ContestId).Distinct().CountAsync(ct);
        if (managed == contests.Count) context.Succeed(requirement);
    }

    /// <summary>The distinct contests the route's ids belong to; null when the route names no contest resource at all.</summary>
    private async Task<List<int>?> ContestsBehindAsync(RouteValueDictionary route, CancellationToken ct)
    {
        int? Id(string key) => route.TryGetValue(key, out var v) && int.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture),
            NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var found = new List<int?>();
        if (Id("contestId") is { } contestId) found.Add(await db.Contests.Where(c => c.Id == contestId).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct));
        if (Id("id") is { } id) found.Add(await db.Contests.Where(c => c.Id == id).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct));
        if (Id("roundId") is { } roundId) found.Add(await db.Rounds.Where(r => r.Id == roundId).Select(r => (int?)r.ContestId).SingleOrDefaultAsync(ct));
        if (Id("sessionId") is { } sessionId)
            found.Add(await db.RoadshowSessions.Where(s => s.Id == sessionId)
                .Select(s => db.Rounds.Where(r => r.Id == s.RoundId).Select(r => (int?)r.ContestId).FirstOrDefault()).SingleOrDefaultAsync(ct));
        if (Id("entryId") is { } entryId) found.Add(await db.Entries.Where(e => e.Id == entryId).Select(e => (int?)e.ContestId).SingleOrDefaultAsync(ct));
        if (Id("eventId") is { } eventId) found.Add(await db.ActivityEvents.Where(e => e.Id == eventId).Select(e => (int?)e.ContestId).SingleOrDefaultAsync(ct));
        if (Id("judgeId") is { } judgeId) found.Add(await db.ContestJudges.Where(j => j.Id == judgeId).Select(j => (int?)j.ContestId).SingleOrDefaultAsync(ct));
        if (Id("objectionId") is { } objectionId) found.Add(await db.Objections.Where(o => o.Id == objectionId).Select(o => (int?)o.ContestId).SingleOrDefaultAsync(ct));
        if (Id("awardId") is { } awardId) found.Add(await db.Awards.Where(a => a.Id == awardId).Select(a => (int?)a.ContestId).SingleOrDefaultAsync(ct));
        // Nothing to decide on, or an id of nothing: the action's own lookup answers 404 (for any staff member alike).
        if (found.Count == 0) return null;
        return found.OfType<int>().Distinct().ToList();
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
