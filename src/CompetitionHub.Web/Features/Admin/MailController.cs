using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Admin;

/// <summary>
/// Undelivered mail for Admins: what failed and what has waited too long, with the reason, and a resend for one or all.
/// Admins only: the outbox holds every contest's mail and every person's address, beyond any one organizer's contests.
/// Each resend is a POST that redirects back to the list it came from, with the outcome in TempData.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/mail")]
public sealed class MailController : Controller
{
    private const string List = "/admin/mail";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? show, int page, [FromServices] ListUndeliveredMail list, CancellationToken ct)
    {
        // Filters are forgiving: a value that does not bind (page=abc) is simply not applied.
        ModelState.Clear();
        return View(await list.HandleAsync(ListUndeliveredMail.Filter(show), page, ct));
    }

    [HttpPost("resend")]
    public async Task<IActionResult> Resend(long notificationId, string? returnUrl, [FromServices] ResendNotifications resend, CancellationToken ct) =>
        Back(await resend.OneAsync(notificationId, ct), returnUrl);

    [HttpPost("resend-all")]
    public async Task<IActionResult> ResendAll(string? show, string? returnUrl, [FromServices] ResendNotifications resend, CancellationToken ct) =>
        Back(await resend.AllAsync(ListUndeliveredMail.Filter(show), ct), returnUrl);

    private IActionResult Back(ResendResult result, string? returnUrl)
    {
        TempData.Outcome(result.Resent > 0, result.Message);
        var back = Url.IsLocalUrl(returnUrl) && (returnUrl == List || returnUrl.StartsWith(List + "?", StringComparison.Ordinal));
        return LocalRedirect(back ? returnUrl! : List);
    }
}
