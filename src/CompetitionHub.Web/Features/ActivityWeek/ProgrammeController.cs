using System.Globalization;
using System.Security.Claims;
using System.Text;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// The public Activity Week programme (by day or by type, filtered by type, day and tag), each event's page, the
/// iCalendar feeds, and signing up / cancelling for a signed-in person.
/// </summary>
public sealed class ProgrammeController(ProgrammePages pages, TimeProvider clock, IStringLocalizer<SharedResource> t, SiteLinks links)
    : Controller
{
    [Public("the current Activity Week's programme is published for everyone")]
    [HttpGet("/activity-week")]
    public async Task<IActionResult> Current(CancellationToken ct) =>
        await pages.CurrentContestIdAsync(ct) is { } contestId ? RedirectToAction(nameof(Index), new { contestId }) : NotFound();

    [Public("a published Activity Week's programme is for everyone; an unpublished one is not found")]
    [HttpGet("/activity-weeks/{contestId:int}")]
    public async Task<IActionResult> Index(int contestId, ActivityEventType? type, string? day, string? tag, string? view, CancellationToken ct)
    {
        DateOnly? date = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var filter = new ProgrammeFilter(type, date, string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(), view == "type" ? "type" : "day");
        var page = await pages.ProgrammeAsync(contestId, filter, ct);
        return page is null ? NotFound() : View(page);
    }

    [Public("calendar apps subscribe to the programme without an account")]
    [HttpGet("/activity-weeks/{contestId:int}/programme.ics")]
    public async Task<IActionResult> ProgrammeCalendarFeed(int contestId, CancellationToken ct)
    {
        if (await pages.ContestAsync(contestId, ct) is not { } contest) return NotFound();
        var events = await pages.Published(contestId).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync(ct);
        var ics = ProgrammeCalendar.Serialize(contest.Name, events, SiteBase, clock.GetUtcNow().UtcDateTime);
        return File(Encoding.UTF8.GetBytes(ics), ProgrammeCalendar.ContentType, $"activity-week-{contestId}.ics");
    }

    [Public("a published event's page is for everyone; signing up for it needs an account")]
    [HttpGet("/activity-events/{id:int}")]
    public async Task<IActionResult> Event(int id, CancellationToken ct)
    {
        var page = await pages.EventAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        return page is null ? NotFound() : View(page);
    }

    [Public("a published event's calendar entry, for calendar apps")]
    [HttpGet("/activity-events/{id:int}.ics")]
    public async Task<IActionResult> EventCalendar(int id, CancellationToken ct)
    {
        var page = await pages.EventAsync(id, null, ct);
        if (page is null) return NotFound();
        var ics = ProgrammeCalendar.Serialize(page.Contest.Name, [page.Item.Event], SiteBase, clock.GetUtcNow().UtcDateTime);
        return File(Encoding.UTF8.GetBytes(ics), ProgrammeCalendar.ContentType, $"activity-event-{id}.ics");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/activity-events/{id:int}/signup")]
    public async Task<IActionResult> SignUp(int id, [FromServices] SignUpForEvent signUp, CancellationToken ct)
    {
        var outcome = await signUp.HandleAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, SiteBase, ct);
        // Signed up (or already) is green; an event that takes no sign-ups is a refusal, in red.
        if (outcome.Result == SignupResult.NotOpen) TempData.Refused(t["此活动目前不接受报名。"].Value);
        else if (outcome.Result != SignupResult.NotFound)
            TempData.Success(outcome.Result switch
            {
                SignupResult.Confirmed => t["报名成功！电子票已发送到您的邮箱，也可在“我的活动票”中查看。"].Value,
                SignupResult.Waitlisted => t["名额已满，您已进入候补名单第 {0} 位；有人取消时将按顺序递补并邮件通知。", outcome.Signup!.WaitlistPosition!].Value,
                _ => t["您已报名此活动。"].Value,
            });
        return outcome.Result == SignupResult.NotFound ? NotFound() : Redirect($"/activity-events/{id}");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("/activity-events/signups/{signupId:int}/cancel")]
    public async Task<IActionResult> Cancel(int signupId, [FromServices] CancelSignup cancel, [FromServices] Data.AppDbContext db, CancellationToken ct)
    {
        var eventId = await db.Set<EventSignup>().Where(s => s.Id == signupId).Select(s => (int?)s.EventId).SingleOrDefaultAsync(ct);
        var outcome = await cancel.HandleAsync(signupId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, SiteBase, ct);
        if (outcome.Result == CancelResult.NotFound) return NotFound();
        if (outcome.Result == CancelResult.CheckedIn) TempData.Refused(t["已签到的报名不能取消。"].Value);
        else TempData.Success(outcome.Result == CancelResult.Cancelled ? t["已取消报名。"].Value : t["该报名已取消。"].Value);
        return Redirect($"/activity-events/{eventId}");
    }

    private string SiteBase => links.Base;
}
