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

public enum SignInOutcome { SignedIn, Invalid, LockedOut, NotConfirmed }

/// <summary>
/// Password sign-in with lockout. Identity refuses an unconfirmed account before it looks at the password, which would
/// tell anyone who types an address whether it is registered; here the password is checked first (and failures count
/// towards lockout), and only its owner hears that the address still needs confirming.
/// </summary>
public sealed class SignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, ILogger<SignIn> logger)
{
    public async Task<SignInOutcome> HandleAsync(SignInForm form)
    {
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null) return SignInOutcome.Invalid;

        if (!await signIn.CanSignInAsync(user))
        {
            if (await users.IsLockedOutAsync(user)) return SignInOutcome.LockedOut;
            if (await users.CheckPasswordAsync(user, form.Password)) return SignInOutcome.NotConfirmed;
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? SignInOutcome.LockedOut : SignInOutcome.Invalid;
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return SignInOutcome.SignedIn;
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            return SignInOutcome.LockedOut;
        }
        return SignInOutcome.Invalid;
    }
}
