using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Teams;

/// <summary>The link in an invitation email: sign in (the login page brings the person back here), then accept or decline.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("invitations")]
public sealed class InvitationsController(AnswerInvitation answer, UserManager<AppUser> users) : Controller
{
    [HttpGet("{token:guid}")]
    public async Task<IActionResult> Show(Guid token, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var page = await answer.ShowAsync(token, user, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{token:guid}/accept")]
    public async Task<IActionResult> Accept(Guid token, [FromServices] SignInManager<AppUser> signIn, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var result = await answer.AcceptAsync(token, user, ct);
        if (!result.Succeeded) return this.Refused(result, Url.Action(nameof(Show), new { token })!);
        // The Contestant role may be new: refresh the cookie so it counts on the next page.
        await signIn.RefreshSignInAsync(user);
        return RedirectToAction(nameof(TeamsController.Show), "Teams", new { id = result.Id });
    }

    [HttpPost("{token:guid}/decline")]
    public async Task<IActionResult> Decline(Guid token, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var result = await answer.DeclineAsync(token, user, ct);
        return this.Outcome(result, Url.Action(nameof(Show), new { token })!);
    }
}
