using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Accounts;

public sealed record SignUpForm
{
    [Display(Name = "显示名称")]
    [Required(ErrorMessage = "请填写显示名称。")]
    [StringLength(50, ErrorMessage = "显示名称不能超过 {1} 个字符。")]
    // Names end up in emails, lists and exports; angle brackets are never part of a real name.
    [RegularExpression("^[^<>]*$", ErrorMessage = "显示名称不能包含尖括号。")]
    public string DisplayName { get; init; } = "";

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

    [Display(Name = "确认密码")]
    [Required(ErrorMessage = "请再次输入密码。")]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; init; } = "";

    /// <summary>Where to go after confirming and signing in (the contest the newcomer wanted to enter); only a local address is kept.</summary>
    public string? ReturnUrl { get; init; }
}

/// <summary>The confirmation page: whether the link worked, and the local address sign-in then leads to.</summary>
public sealed record ConfirmEmailPage(bool Confirmed, string? ReturnUrl);

/// <summary>
/// Creates a Contestant account, unconfirmed, and queues its confirmation email. The user, the role and the outbox
/// row commit together: UserManager saves on its own, so all of it runs as one atomic unit.
/// An address that already has an account gets the same answer as a new one (the owner is told by email instead),
/// so the form cannot be used to find out who is registered.
/// </summary>
public sealed class SignUp(AppDbContext db, UserManager<AppUser> users, AccountEmails emails, TimeProvider clock, ILogger<SignUp> logger)
{
    public async Task<IReadOnlyList<FieldError>> HandleAsync(SignUpForm form, string culture, AccountLinks links, CancellationToken ct)
    {
        var email = form.Email.Trim();
        var candidate = NewUser(form, email, culture);

        // Checked before anything is written, so a weak password never opens a transaction.
        var passwordErrors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, form.Password);
            passwordErrors.AddRange(result.Errors.Select(e => new FieldError(nameof(SignUpForm.Password), e.Description)));
        }
        if (passwordErrors.Count > 0) return passwordErrors;

        return await db.SaveAtomicallyAsync(async ct =>
        {
            var existing = await users.FindByEmailAsync(email);
            if (existing is not null)
            {
                if (existing.EmailConfirmed) emails.QueueAlreadyRegistered(existing, links);
                else await emails.QueueConfirmationAsync(existing, links);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Sign-up for existing user {UserId}: owner notified", existing.Id);
                return [];
            }

            var user = NewUser(form, email, culture);
            var created = await users.CreateAsync(user, form.Password);
            if (!created.Succeeded) return ToFieldErrors(created);
            // A new account always takes the role; failing here is a defect, and throwing rolls the account back.
            var role = await users.AddToRoleAsync(user, Roles.Contestant);
            if (!role.Succeeded)
                throw new InvalidOperationException($"A new account could not take the {Roles.Contestant} role: {string.Join("; ", role.Errors.Select(e => e.Code))}");

            await emails.QueueConfirmationAsync(user, links);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} signed up ({Culture}); confirmation queued", user.Id, culture);
            return [];
        }, ct);
    }

    private AppUser NewUser(SignUpForm form, string email, string culture) => new()
    {
        UserName = email,
        Email = email,
        DisplayName = form.DisplayName.Trim(),
        PreferredCulture = culture,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    public static IReadOnlyList<FieldError> ToFieldErrors(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Description)).ToList();

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => nameof(SignUpForm.Password),
        "InvalidEmail" or "DuplicateEmail" or "InvalidUserName" or "DuplicateUserName" => nameof(SignUpForm.Email),
        _ => "",
    };
}
