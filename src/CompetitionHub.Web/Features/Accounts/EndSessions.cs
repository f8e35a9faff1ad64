using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>
/// Ends every open session of a person at once: a new security stamp makes each of their sign-in cookies fail its next
/// check (<see cref="SessionStamps"/>), and their open hub connections are closed. Used for role changes, locks,
/// password resets and sign-out, so a copied cookie stops working with the decision that should end it.
/// </summary>
public sealed class EndSessions(UserManager<AppUser> users, UserConnections connections)
{
    public async Task<IdentityResult> HandleAsync(AppUser user)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        connections.Abort(user.Id);
        return result;
    }
}
