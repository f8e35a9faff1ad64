using System.Globalization;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>
/// Sign-up, confirmation, sign-in/out and password reset pages. Each page re-renders with what the person typed
/// (never the passwords) and its errors in ModelState; a post that succeeded redirects to a page that shows its outcome
/// once (post/redirect/get), so a refresh never sends it again. The work is done by the use cases beside this file.
/// A local return address (the contest a newcomer wanted to enter) rides along through sign-up, the confirmation mail
/// and sign-in; anything else is dropped.
/// </summary>
[Public("signing up, in and out, confirming an address and resetting a password are what a person without a session does")]
[Route("account")]
public sealed class AccountController(IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    [HttpGet("register")]
    public IActionResult Register(string? returnUrl)
    {
        // The form's hidden field would otherwise echo the address as it came in the query, not as it was checked.
        ModelState.Remove(nameof(returnUrl));
        return View(new SignUpForm { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("register"), EnableRateLimiting(RateLimitSetup.Auth)]
    public async Task<IActionResult> Register(SignUpForm form, [FromServices] SignUp signUp, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var returnUrl = LocalOrNull(form.ReturnUrl);
            var errors = await signUp.HandleAsync(form, CultureInfo.CurrentUICulture.Name, Links(returnUrl), ct);
            if (errors.Count == 0)
                return ToCheckEmail(t["我们已向 {0} 发送了一封确认邮件。请打开邮件中的链接完成注册，然后登录。", form.Email.Trim()].Value, returnUrl);
            AddErrors(errors);
        }
        return View(form with { Password = "", ConfirmPassword = "" });
    }

    /// <summary>Where a post that sent mail lands; the message of what was sent comes once through TempData.</summary>
    [HttpGet("check-email")]
    public IActionResult CheckEmail(string? returnUrl) => View("CheckEmail", LocalOrNull(returnUrl));

    private RedirectToActionResult ToCheckEmail(string message, string? returnUrl = null)
    {
        TempData.Success(message);
        return RedirectToAction(nameof(CheckEmail), new { returnUrl });
    }

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(string? userId, string? code, string? returnUrl, [FromServices] UserManager<AppUser> userManager)
    {
        var token = AccountEmails.Decode(code);
        var user = token is null || string.IsNullOrEmpty(userId) || userId.Length > 64 ? null : await userManager.FindByIdAsync(userId);
        var confirmed = user is not null && (await userManager.ConfirmEmailAsync(user, token!)).Succeeded;
        return View(new ConfirmEmailPage(confirmed, LocalOrNull(returnUrl)));
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation(string? email) => View(new EmailOnlyForm { Email = email ?? "" });

    [HttpPost("resend-confirmation"), EnableRateLimiting(RateLimitSetup.Auth)]
    public async Task<IActionResult> ResendConfirmation(EmailOnlyForm form, [FromServices] RequestAccountEmail request, CancellationToken ct)
    {
        if (!ModelState.IsValid) return View(form);
        await request.ConfirmationAsync(form, Links(null), ct);
        return ToCheckEmail(t["如果 {0} 已注册且尚未确认，我们已重新发送确认邮件。", form.Email.Trim()].Value);
    }

    public const string SignInRefused = "邮箱或密码不正确。多次失败后请稍后再试，或重设密码、联系管理员。";

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl)
    {
        ModelState.Remove(nameof(returnUrl));
        return View(new SignInForm { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("login"), EnableRateLimiting(RateLimitSetup.Auth)]
    public async Task<IActionResult> Login(SignInForm form, [FromServices] SignIn signIn)
    {
        if (ModelState.IsValid)
        {
            // The client as the rate limiter sees it: its own address, also behind a listed proxy (ProxySetup).
            switch (await signIn.HandleAsync(form, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
            {
                case SignInOutcome.SignedIn:
                    return LocalRedirect(LocalOrNull(form.ReturnUrl) ?? "/");
                case SignInOutcome.NotConfirmed:
                    ModelState.AddModelError("", t["邮箱地址尚未确认。请先打开确认邮件中的链接，再登录。"]);
                    ViewData["ResendEmail"] = form.Email.Trim();
                    break;
                default:
                    // One answer for a wrong password, an unknown address, a throttled try and a locked account.
                    ModelState.AddModelError("", t[SignInRefused]);
                    break;
            }
        }
        return View(form with { Password = "", ReturnUrl = LocalOrNull(form.ReturnUrl) });
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout([FromServices] SignInManager<AppUser> signIn, [FromServices] EndSessions sessions)
    {
        // Deleting the browser's cookie is not enough: a copy of it, replayed, would still be signed in.
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await sessions.HandleAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied(string? returnUrl)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View((object)AccessDeniedReason.For(returnUrl));
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new EmailOnlyForm());

    [HttpPost("forgot-password"), EnableRateLimiting(RateLimitSetup.Auth)]
    public async Task<IActionResult> ForgotPassword(EmailOnlyForm form, [FromServices] RequestAccountEmail request, CancellationToken ct)
    {
        if (!ModelState.IsValid) return View(form);
        await request.PasswordResetAsync(form, Links(null), ct);
        return ToCheckEmail(t["如果 {0} 是已确认的账号，我们已发送一封重设密码的邮件。请打开邮件中的链接设置新密码。", form.Email.Trim()].Value);
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? userId, string? code) =>
        View(new ResetPasswordForm { UserId = userId, Code = code });

    [HttpPost("reset-password"), EnableRateLimiting(RateLimitSetup.Auth)]
    public async Task<IActionResult> ResetPassword(ResetPasswordForm form, [FromServices] ResetPassword reset)
    {
        if (ModelState.IsValid)
        {
            var errors = await reset.HandleAsync(form);
            if (errors.Count == 0)
            {
                TempData.Success(t["密码已重设，请用新密码登录。"].Value);
                return RedirectToAction(nameof(Login));
            }
            AddErrors(errors);
        }
        return View(form with { Password = "", ConfirmPassword = "" });
    }

    /// <summary>Only an address on this site, and of a sane length, is followed; anything else (a forged absolute URL) is dropped.</summary>
    private string? LocalOrNull(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxReturnUrl } && Url.IsLocalUrl(returnUrl) ? returnUrl : null;

    private const int MaxReturnUrl = 500;

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors) ModelState.AddModelError(e.Field, e.Message);
    }

    /// <param name="returnUrl">A local address the confirmation and sign-in links carry on to; null for none.</param>
    private AccountLinks Links(string? returnUrl) => new(
        (userId, code) => links.ToAction(nameof(ConfirmEmail), "Account", new { userId, code, returnUrl }),
        (userId, code) => links.ToAction(nameof(ResetPassword), "Account", new { userId, code }),
        links.ToAction(nameof(Login), "Account", new { returnUrl }),
        links.ToAction(nameof(ForgotPassword), "Account"));
}
