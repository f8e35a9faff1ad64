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
        var result = await answer.AcceptAsync(token, user, ct);
        if (!result.Succeeded) return this.Refused(result, $"/judging/invitations/{token}");
        // The Judge role may be new: refresh the cookie so the profile page lets them in.
        await signIn.RefreshSignInAsync(user);
        return Redirect("/judging/profile");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("{token:guid}/decline")]
    public async Task<IActionResult> Decline(Guid token, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var result = await answer.DeclineAsync(token, user, ct);
        return this.Outcome(result, $"/judging/invitations/{token}");
    }
}
