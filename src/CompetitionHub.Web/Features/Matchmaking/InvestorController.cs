using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>The investor's pages: their profile, the projects open to investors, and asking a team for a meeting.</summary>
[Authorize(Roles = Roles.Investor)]
[Route("matchmaking")]
public sealed class InvestorController(IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("profile")]
    public async Task<IActionResult> Profile([FromServices] SaveInvestorProfile save, CancellationToken ct) =>
        View(new InvestorProfilePage(await save.FormAsync(UserId, ct), await save.IndustriesAsync(ct), TempData["Saved"] is true));

    [HttpPost("profile")]
    public async Task<IActionResult> Profile(InvestorProfileForm form, [FromServices] SaveInvestorProfile save, CancellationToken ct)
    {
        if (await save.SaveAsync(UserId, form, ModelState, ct) && ModelState.IsValid)
        {
            TempData["Saved"] = true;
            return RedirectToAction(nameof(Profile));
        }
        Response.StatusCode = ModelState[string.Empty]?.Errors.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(new InvestorProfilePage(form, await save.IndustriesAsync(ct), false));
    }

    [HttpGet("projects")]
    public async Task<IActionResult> Projects([FromQuery] ProjectQuery query, [FromServices] BrowseProjects browse, CancellationToken ct)
    {
        // A filter value that does not bind (a stage that is not one) is ignored rather than shown as an error.
        ModelState.Clear();
        return View(await browse.ListAsync(query, UserId, ct));
    }

    [HttpGet("projects/{id:int}")]
    public async Task<IActionResult> Project(int id, [FromServices] BrowseProjects browse, CancellationToken ct)
    {
        var page = await browse.PageAsync(id, UserId, null, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("projects/{id:int}/request")]
    public async Task<IActionResult> RequestMeeting(int id, MeetingRequestForm form, [FromServices] RequestMeeting request,
        [FromServices] BrowseProjects browse, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await request.HandleAsync(id, UserId, form, MeetingsController.Link(links), ct);
            if (outcome.Refusal == Refusal.NotFound) return NotFound();
            if (outcome.Succeeded)
            {
                TempData.Success(t["对接申请已发送，团队答复后您会收到邮件。"].Value);
                return RedirectToAction(nameof(Project), new { id });
            }
            ModelState.AddModelError("", outcome.ErrorText);
        }
        var page = await browse.PageAsync(id, UserId, form, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Project), page);
    }
}
