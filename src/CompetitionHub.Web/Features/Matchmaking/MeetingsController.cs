using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// Pages for everyone signed in: "my meetings" (as investor and for one's teams), the team's answer to a request, and the
/// team's choice whether investors may see an entry. Team pages answer 404 to anyone not on the entry's team.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("matchmaking")]
public sealed class MeetingsController(MyMeetings meetings, IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The address of "my meetings" for emails, absolute.</summary>
    public static string Link(SiteLinks links) => links.ToAction(nameof(Index), "Meetings");

    [HttpGet("meetings")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await meetings.HandleAsync(UserId, ct));

    [HttpPost("meetings/{id:int}/accept")]
    public async Task<IActionResult> Accept(int id, AnswerForm form, [FromServices] AnswerMeeting answer, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedAsync(ct);
        var outcome = await answer.AcceptAsync(id, UserId, form.Note, Link(links), ct);
        return await AfterAsync(outcome, "已接受对接，时段已安排，双方都会收到邮件。", ct);
    }

    [HttpPost("meetings/{id:int}/decline")]
    public async Task<IActionResult> Decline(int id, AnswerForm form, [FromServices] AnswerMeeting answer, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedAsync(ct);
        var outcome = await answer.DeclineAsync(id, UserId, form.Note, Link(links), ct);
        return await AfterAsync(outcome, "已婉拒对接申请，投资人会收到邮件。", ct);
    }

    [HttpGet("entries/{entryId:int}")]
    public async Task<IActionResult> Visibility(int entryId, [FromServices] SetEntryVisibility visibility, CancellationToken ct)
    {
        var page = await visibility.PageAsync(entryId, UserId, null, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("entries/{entryId:int}")]
    public async Task<IActionResult> Visibility(int entryId, VisibilityForm form, [FromServices] SetEntryVisibility visibility, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // An unknown stage or a yes/no that is neither is refused, not stored as "none" or "hidden".
            var page = await visibility.PageAsync(entryId, UserId, form, ct);
            if (page is null) return NotFound();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(page);
        }
        if (!await visibility.SaveAsync(entryId, UserId, form, ct)) return NotFound();
        TempData.Success((form.VisibleToInvestors ? t["已向投资人公开此项目。"] : t["投资人已看不到此项目。"]).Value);
        return RedirectToAction(nameof(Visibility), new { entryId });
    }

    private async Task<IActionResult> AfterAsync(SetupResult outcome, string done, CancellationToken ct)
    {
        if (outcome.Refusal == Refusal.NotFound) return NotFound();
        if (outcome.Succeeded)
        {
            TempData.Success(t[done].Value);
            return RedirectToAction(nameof(Index));
        }
        ModelState.AddModelError("", outcome.ErrorText);
        return await RefusedAsync(ct);
    }

    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), await meetings.HandleAsync(UserId, ct));
    }
}
