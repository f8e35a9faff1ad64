using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Admin;

/// <summary>
/// User management for Admins: search, roles, locks. Each change is a POST that redirects back to the list it came
/// from (post/redirect/get), with the outcome in TempData.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/users")]
public sealed class UsersController(ManageUserAccess access, UserManager<AppUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page, [FromServices] FindUsers find, CancellationToken ct)
    {
        ViewData["CurrentUserId"] = users.GetUserId(User);
        return View(await find.HandleAsync(q, page, ct));
    }

    [HttpPost("grant-role")]
    public async Task<IActionResult> GrantRole(string? userId, string? role, string? returnUrl) =>
        Back(await access.GrantRoleAsync(AdminId, userId ?? "", role ?? ""), returnUrl);

    [HttpPost("remove-role")]
    public async Task<IActionResult> RemoveRole(string? userId, string? role, string? returnUrl) =>
        Back(await access.RemoveRoleAsync(AdminId, userId ?? "", role ?? ""), returnUrl);

    [HttpPost("lock")]
    public async Task<IActionResult> Lock(string? userId, string? returnUrl) =>
        Back(await access.LockAsync(AdminId, userId ?? ""), returnUrl);

    [HttpPost("unlock")]
    public async Task<IActionResult> Unlock(string? userId, string? returnUrl) =>
        Back(await access.UnlockAsync(AdminId, userId ?? ""), returnUrl);

    private string AdminId => users.GetUserId(User)!;

    private IActionResult Back(AccessChange change, string? returnUrl)
    {
        TempData.Outcome(change.Succeeded, change.Message);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/admin/users", StringComparison.Ordinal)
            ? returnUrl : "/admin/users");
    }
}
