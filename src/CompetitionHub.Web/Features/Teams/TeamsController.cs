using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Teams;

/// <summary>My teams, a team's page, and the leader's and members' changes to it.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("teams")]
public sealed class TeamsController(AppDbContext db, ManageTeam manage, TimeProvider clock, SiteLinks links,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(int? contestId, CancellationToken ct)
    {
        ViewData["Teams"] = await MyTeamsAsync(ct);
        ViewData["ContestId"] = contestId;
        return View(new CreateTeamForm());
    }

    [HttpPost("")]
    public async Task<IActionResult> Create(CreateTeamForm form, int? contestId, [FromServices] UserManager<AppUser> userManager,
        [FromServices] SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var result = ModelState.IsValid ? await manage.CreateAsync(UserId, form, ct) : null;
        if (result is not { Succeeded: true })
        {
            if (result is not null)
            {
                ModelState.AddErrors(result, "");
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            ViewData["Teams"] = await MyTeamsAsync(ct);
            ViewData["ContestId"] = contestId;
            return View(nameof(Index), form);
        }
        // Whoever leads a team is a contestant; the cookie is refreshed so the role counts at once.
        var user = await userManager.GetUserAsync(User);
        if (user is not null && !await userManager.IsInRoleAsync(user, Roles.Contestant))
        {
            await userManager.AddToRoleAsync(user, Roles.Contestant);
            await signIn.RefreshSignInAsync(user);
        }
        // A team made on the way to entering a contest goes straight on to the entry form.
        if (contestId is { } contest)
        {
            TempData.Success(t["团队已创建。"].Value);
            return Redirect($"/entries/new?contestId={contest}");
        }
        return RedirectToAction(nameof(Show), new { id = result.Id });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var page = await PageAsync(id, new InviteForm(), ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/invitations")]
    public async Task<IActionResult> Invite(int id, InviteForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await manage.InviteAsync(id, UserId, form,
                token => links.ToAction(nameof(InvitationsController.Show), "Invitations", new { token }), ct);
            if (result.Succeeded) return this.Done(result with { Message = t["已向 {0} 发送邀请。", form.Email.Trim()] }, Url.Action(nameof(Show), new { id })!);
            ModelState.AddErrors(result, "");
            Response.StatusCode = result.StatusCode();
        }
        var page = await PageAsync(id, form, ct);
        return page is null ? NotFound() : View(nameof(Show), page);
    }

    [HttpPost("{id:int}/invitations/{invitationId:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, int invitationId, Guid version, CancellationToken ct) =>
        After(id, await manage.RevokeAsync(id, UserId, invitationId, version, ct), t["邀请已撤销。"]);

    [HttpPost("{id:int}/members/remove")]
    public async Task<IActionResult> RemoveMember(int id, string memberId, Guid version, CancellationToken ct) =>
        After(id, await manage.RemoveMemberAsync(id, UserId, memberId ?? "", version, ct), t["成员已移出团队。"]);

    [HttpPost("{id:int}/leader")]
    public async Task<IActionResult> HandOver(int id, string newLeaderId, Guid version, CancellationToken ct) =>
        After(id, await manage.HandOverAsync(id, UserId, newLeaderId ?? "", version, ct), t["队长已移交。"]);

    [HttpPost("{id:int}/leave")]
    public async Task<IActionResult> Leave(int id, Guid version, CancellationToken ct)
    {
        var result = await manage.LeaveAsync(id, UserId, version, ct);
        return result.Succeeded
            ? this.Done(result with { Message = t["您已退出团队。"] }, Url.Action(nameof(Index))!)
            : this.Outcome(result, Url.Action(nameof(Show), new { id })!);
    }

    /// <summary>A button's outcome: back to the team page, with the message in green or the reason in red.</summary>
    private ActionResult After(int id, SetupResult result, string done)
    {
        return this.Outcome(result with { Message = done }, Url.Action(nameof(Show), new { id })!);
    }

    private Task<List<MyTeam>> MyTeamsAsync(CancellationToken ct) =>
        db.Teams.AsNoTracking().Where(x => x.Members.Any(m => m.UserId == UserId)).OrderBy(x => x.Id)
            .Select(x => new MyTeam(x.Id, x.Name, x.Members.Any(m => m.UserId == UserId && m.IsLeader), x.Members.Count))
            .ToListAsync(ct);

    /// <summary>Only members see a team; to anyone else it does not exist.</summary>
    private async Task<TeamPage?> PageAsync(int id, InviteForm invite, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Where(x => x.Id == id && x.Members.Any(m => m.UserId == UserId))
            .Select(x => new { x.Id, x.Name, x.Version }).SingleOrDefaultAsync(ct);
        if (team is null) return null;
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == id)
            .OrderByDescending(m => m.IsLeader).ThenBy(m => m.JoinedAt)
            .Select(m => new TeamMemberView(m.UserId, m.User.DisplayName, m.User.Email ?? "", m.IsLeader, m.JoinedAt))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.TeamInvitations.AsNoTracking()
            .Where(i => i.TeamId == id && i.Status == InvitationStatus.Pending).OrderBy(i => i.Id)
            .Select(i => new TeamInvitationView(i.Id, i.Email, i.CreatedAt, i.ExpiresAt, i.ExpiresAt <= now))
            .ToListAsync(ct);
        return new TeamPage(team.Id, team.Name, team.Version, members.Any(m => m.UserId == UserId && m.IsLeader), UserId,
            members, invitations, invite with { Version = team.Version });
    }
}
