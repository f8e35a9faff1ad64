using CompetitionHub.Web.Features.Accounts;
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
        var (teamId, error) = await answer.AcceptAsync(token, user, ct);
        if (teamId is null) return await ShowWithErrorAsync(token, user, error!, ct);
        // The Contestant role may be new: refresh the cookie so it counts on the next page.
        await signIn.RefreshSignInAsync(user);
        return RedirectToAction(nameof(TeamsController.Show), "Teams", new { id = teamId });
    }

    [HttpPost("{token:guid}/decline")]
    public async Task<IActionResult> Decline(Guid token, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var error = await answer.DeclineAsync(token, user, ct);
        if (error is not null) return await ShowWithErrorAsync(token, user, error, ct);
        return RedirectToAction(nameof(Show), new { token });
    }

    private async Task<IActionResult> ShowWithErrorAsync(Guid token, AppUser user, string error, CancellationToken ct)
    {
        var page = await answer.ShowAsync(token, user, ct);
        if (page is null) return NotFound();
        ModelState.AddModelError("", error);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Show), page);
    }
}
