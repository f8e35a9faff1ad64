using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CompetitionHub.Web.Features.Accounts;

public sealed record EmailOnlyForm
{
    [Display(Name = "邮箱")]
    [Required(ErrorMessage = "请填写邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string Email { get; init; } = "";
}

public sealed record ResetPasswordForm
{
    // From the emailed link; optional here so a broken link gets the "invalid link" answer, not a field error.
    public string? UserId { get; init; }
    public string? Code { get; init; }

    [Display(Name = "新密码")]
    [Required(ErrorMessage = "请填写密码。")]
    [StringLength(100, ErrorMessage = "密码不能超过 {1} 个字符。")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    [Display(Name = "确认新密码")]
    [Required(ErrorMessage = "请再次输入密码。")]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; init; } = "";
}

/// <summary>
/// Emails that answer "I forgot" and "send it again". Both give the visitor the same answer whatever the address,
/// and mail only an account that can use it.
/// </summary>
public sealed class RequestAccountEmail(AppDbContext db, UserManager<AppUser> users, AccountEmails emails, ILogger<RequestAccountEmail> logger)
{
    public async Task PasswordResetAsync(EmailOnlyForm form, AccountLinks links, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is not { EmailConfirmed: true }) return;
        await emails.QueuePasswordResetAsync(user, links);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Password reset queued for user {UserId}", user.Id);
    }

    public async Task ConfirmationAsync(EmailOnlyForm form, AccountLinks links, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is not { EmailConfirmed: false }) return;
        await emails.QueueConfirmationAsync(user, links);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Confirmation re-sent to user {UserId}", user.Id);
    }
}

/// <summary>Sets a new password from an emailed link. Unknown users and bad codes get the same "invalid link" answer.</summary>
public sealed class ResetPassword(UserManager<AppUser> users, EndSessions sessions, IdentityErrorDescriber describe, ILogger<ResetPassword> logger)
{
    public async Task<IReadOnlyList<FieldError>> HandleAsync(ResetPasswordForm form)
    {
        var token = AccountEmails.Decode(form.Code);
        var user = token is null || string.IsNullOrEmpty(form.UserId) || form.UserId.Length > 64 ? null : await users.FindByIdAsync(form.UserId);
        if (user is null || token is null) return [new FieldError("", describe.InvalidToken().Description)];

        var result = await users.ResetPasswordAsync(user, token, form.Password);
        if (!result.Succeeded) return SignUp.ToFieldErrors(result);
        // Sessions signed in with the old password (perhaps by whoever learnt it) end now, hub connections included.
        await sessions.HandleAsync(user);

        logger.LogInformation("User {UserId} reset their password", user.Id);
        return [];
    }
}
