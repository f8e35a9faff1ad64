using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// The link in a judge invitation. Anyone may open it (someone without an account is shown how to sign in or sign up
/// and come back); answering needs the account with the invited email.
/// </summary>
[Route("judging/invitations")]
public sealed class JudgeInvitationsController(AnswerJudgeInvitation answer, UserManager<AppUser> users) : Controller
{
    [Public("the invitation link from the email opens before the invited judge signs in; the unguessable token is the key")]
    [HttpGet("{token:guid}")]
    public async Task<IActionResult> Show(Guid token, CancellationToken ct)
    {
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        var page = await answer.ShowAsync(token, user, ct);
        return page is null ? NotFound() : View(page);
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("{token:guid}/accept")]
    public async Task<IActionResult> Accept(Guid token, [FromServices] SignInManager<AppUser> signIn, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (await answer.AcceptAsync(token, user, ct) is { } error) return await ShowWithErrorAsync(token, user, error, ct);
        // The Judge role may be new: refresh the cookie so the profile page lets them in.
        await signIn.RefreshSignInAsync(user);
        return Redirect("/judging/profile");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("{token:guid}/decline")]
    public async Task<IActionResult> Decline(Guid token, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (await answer.DeclineAsync(token, user, ct) is { } error) return await ShowWithErrorAsync(token, user, error, ct);
        return Redirect($"/judging/invitations/{token}");
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
