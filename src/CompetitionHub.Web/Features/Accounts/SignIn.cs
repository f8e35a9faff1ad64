using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>Form contract used by browser tests: inputs <c>Email</c> and <c>Password</c>, button <c>#login-submit</c>.</summary>
public sealed record SignInForm
{
    [Display(Name = "邮箱")]
    [Required(ErrorMessage = "请填写邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string Email { get; init; } = "";

    [Display(Name = "密码")]
    [Required(ErrorMessage = "请填写密码。")]
    [StringLength(100, ErrorMessage = "密码不能超过 {1} 个字符。")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    [Display(Name = "记住我")]
    public bool RememberMe { get; init; }

    public string? ReturnUrl { get; init; }
}

public enum SignInOutcome { SignedIn, Refused, NotConfirmed }

/// <summary>
/// Password sign-in that tells nobody whether an address has an account. An unknown address costs the same password
/// hash as a known one, and a wrong password, a throttled try and a locked account get the same answer. Failed tries are
/// throttled per address and client (<see cref="SignInThrottle"/>) instead of locking the account, which anyone who knows
/// the address could otherwise do to keep its owner out. Identity refuses an unconfirmed account before it looks at the
/// password; here the password is checked first, and only its owner hears that the address still needs confirming.
/// </summary>
public sealed class SignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle, ILogger<SignIn> logger)
{
    private static readonly AppUser Nobody = new() { DisplayName = "", CreatedAt = DateTime.UnixEpoch };
    private static string? dummyHash;

    public async Task<SignInOutcome> HandleAsync(SignInForm form, string client)
    {
        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (throttle.IsThrottled(email, client) || user is null)
        {
            // The same hashing work as a real check, so the answer takes as long as for a known address.
            users.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash(), form.Password);
            throttle.Failed(email, client);
            return SignInOutcome.Refused;
        }

        if (!await users.CheckPasswordAsync(user, form.Password))
        {
            throttle.Failed(email, client);
            return SignInOutcome.Refused;
        }
        throttle.Succeeded(email, client);
        if (await users.IsLockedOutAsync(user))
        {
            logger.LogWarning("Locked user {UserId} tried to sign in", user.Id);
            return SignInOutcome.Refused;
        }
        if (!await signIn.CanSignInAsync(user)) return SignInOutcome.NotConfirmed;

        await signIn.SignInAsync(user, form.RememberMe);
        logger.LogInformation("User {UserId} signed in", user.Id);
        return SignInOutcome.SignedIn;
    }

    /// <summary>A hash of a password nobody has, made once with the hasher's own settings so checking it costs the same.</summary>
    private string DummyHash() => dummyHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
}
