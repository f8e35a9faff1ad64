using System.Text;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>Absolute links for account emails, built by the controller through <see cref="Infrastructure.SiteLinks"/>.</summary>
public sealed record AccountLinks(
    Func<string, string, string> ConfirmEmail,
    Func<string, string, string> ResetPassword,
    string SignIn,
    string ForgotPassword);

/// <summary>
/// The account emails, queued through the outbox (saved by the caller's SaveChanges). Tokens travel base64url-encoded
/// because Identity's tokens contain '+' and '/', which do not survive a query string.
/// </summary>
public sealed class AccountEmails(UserManager<AppUser> users, Outbox outbox)
{
    public const string ConfirmTemplate = "account-confirm";
    public const string ResetTemplate = "password-reset";
    public const string ExistsTemplate = "account-exists";

    public async Task QueueConfirmationAsync(AppUser user, AccountLinks links)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        outbox.Queue(user.Email!, user.DisplayName, ConfirmTemplate, user.PreferredCulture,
            new { displayName = user.DisplayName, link = links.ConfirmEmail(user.Id, code) });
    }

    public async Task QueuePasswordResetAsync(AppUser user, AccountLinks links)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        outbox.Queue(user.Email!, user.DisplayName, ResetTemplate, user.PreferredCulture,
            new { displayName = user.DisplayName, link = links.ResetPassword(user.Id, code) });
    }

    /// <summary>Someone signed up with an address that already has an account: its owner learns it, the visitor does not.</summary>
    public void QueueAlreadyRegistered(AppUser user, AccountLinks links) =>
        outbox.Queue(user.Email!, user.DisplayName, ExistsTemplate, user.PreferredCulture,
            new { displayName = user.DisplayName, signInLink = links.SignIn, resetLink = links.ForgotPassword });

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Null for anything that is not a code we could have sent (a hand-edited link must not become a 500).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 4096) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
