using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record ManagePage(EventSchedulePage Schedule, int? FormMeetingId, MoveMeetingForm? Move, CancelMeetingForm? Cancel);

/// <summary>Organizers of an Activity Week contest: its matchmaking events, their requests and schedule, moving and cancelling.</summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/matchmaking")]
public sealed class ManageMatchmakingController(ManageMeetings manage, IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await manage.EventsAsync(User, ct));

    [HttpGet("events/{eventId:int}")]
    public async Task<IActionResult> Event(int eventId, CancellationToken ct)
    {
        if (await GuardAsync(eventId, ct) is { } refused) return refused;
        return View(new ManagePage((await manage.PageAsync(eventId, ct))!, null, null, null));
    }

    [HttpPost("events/{eventId:int}/meetings/{id:int}/move")]
    public async Task<IActionResult> Move(int eventId, int id, MoveMeetingForm form, CancellationToken ct)
    {
        if (await GuardAsync(eventId, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var outcome = await manage.MoveAsync(eventId, id, form, MeetingsController.Link(links), ct);
            if (outcome.Refusal == Refusal.NotFound) return NotFound();
            if (outcome.Succeeded) return Done(eventId, "对接已调整，双方都会收到邮件。");
            ModelState.AddModelError("", outcome.ErrorText);
        }
        return await RefusedAsync(new ManagePage((await manage.PageAsync(eventId, ct))!, id, form, null));
    }

    [HttpPost("events/{eventId:int}/meetings/{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int eventId, int id, CancelMeetingForm form, CancellationToken ct)
    {
        if (await GuardAsync(eventId, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var outcome = await manage.CancelAsync(eventId, id, form, MeetingsController.Link(links), ct);
            if (outcome.Refusal == Refusal.NotFound) return NotFound();
            if (outcome.Succeeded) return Done(eventId, "对接已取消，双方都会收到邮件。");
            ModelState.AddModelError("", outcome.ErrorText);
        }
        return await RefusedAsync(new ManagePage((await manage.PageAsync(eventId, ct))!, id, null, form));
    }

    private async Task<IActionResult?> GuardAsync(int eventId, CancellationToken ct) =>
        await manage.CanManageEventAsync(User, eventId, ct) switch
        {
            null => NotFound(),
            false => StatusCode(StatusCodes.Status403Forbidden),
            true => null,
        };

    private RedirectResult Done(int eventId, string message)
    {
        TempData.Success(t[message].Value);
        return Redirect($"/manage/matchmaking/events/{eventId}");
    }

    private Task<IActionResult> RefusedAsync(ManagePage page)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Task.FromResult<IActionResult>(View(nameof(Event), page));
    }
}
