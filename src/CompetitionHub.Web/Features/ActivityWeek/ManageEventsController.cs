using System.Security.Claims;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.ActivityWeek;

public sealed record ManageProgrammePage(Contest Contest, IReadOnlyList<ProgrammeItem> Items);

public sealed record EventSignupRow(int Id, string Name, string Email, SignupStatus Status, int? Seat, int? WaitlistPosition,
    string TicketCode, DateTime CreatedAt, DateTime? CheckedInAt);

public sealed record ManageEventPage(Contest Contest, ActivityEvent? Event, EventForm Form, IReadOnlyList<SelectListItem> Departments,
    Paged<EventSignupRow> Signups, SignupListQuery Query, AttendanceCounts? Counts);

/// <summary>Which sign-ups of an event the organizer's page lists: by name, email or ticket code, by status, and which page.</summary>
public sealed record SignupListQuery(string? Q = null, SignupStatus? Status = null, int Page = 1)
{
    public const int PageSize = 50;
}

public sealed record DoorPage(Contest Contest, ActivityEvent Event, AttendanceCounts Counts, CheckInOutcome? Outcome);

/// <summary>
/// The organizer's side of an Activity Week programme: the event list, the event form (with who signed up and the live
/// attendance), publishing, and the door page where staff check tickets in. Every action asks <see cref="ContestAccess"/>.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/activity-weeks/{contestId:int}/events")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class ManageEventsController(AppDbContext db, ProgrammePages pages, TimeProvider clock,
    IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int contestId, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var events = await db.ActivityEvents.AsNoTracking().Where(e => e.ContestId == contestId)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).ToListAsync(ct);
        var counts = await pages.CountsAsync(events.Select(e => e.Id).ToList(), ct);
        return View(new ManageProgrammePage(contest!, events.Select(e => new ProgrammeItem(e, counts[e.Id].Confirmed, counts[e.Id].Waitlisted)).ToList()));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int contestId, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        return View("Event", await PageAsync(contest!, null, new EventForm(), ct));
    }

    [HttpPost("new")]
    public Task<IActionResult> Create(int contestId, EventForm form, [FromServices] SaveEvent save, CancellationToken ct) =>
        SaveAsync(contestId, 0, form, save, ct);

    [HttpGet("{eventId:int}")]
    public async Task<IActionResult> Edit(int contestId, int eventId, [FromQuery] SignupListQuery query, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var ev = await FindAsync(contestId, eventId, ct);
        if (ev is null) return NotFound();
        // An unreadable page or status in the address lists the first page of everyone instead of failing.
        if (ModelState[nameof(SignupListQuery.Page)]?.Errors.Count > 0) query = query with { Page = 1 };
        if (ModelState[nameof(SignupListQuery.Status)]?.Errors.Count > 0) query = query with { Status = null };
        ModelState.Clear();
        return View("Event", await PageAsync(contest!, ev, EventForm.From(ev), ct, query));
    }

    [HttpPost("{eventId:int}")]
    public Task<IActionResult> Update(int contestId, int eventId, EventForm form, [FromServices] SaveEvent save, CancellationToken ct) =>
        SaveAsync(contestId, eventId, form, save, ct);

    [HttpPost("{eventId:int}/publish")]
    public Task<IActionResult> Publish(int contestId, int eventId, Guid version, [FromServices] SaveEvent save, CancellationToken ct) =>
        PublishAsync(contestId, eventId, true, version, save, ct);

    [HttpPost("{eventId:int}/unpublish")]
    public Task<IActionResult> Unpublish(int contestId, int eventId, Guid version, [FromServices] SaveEvent save, CancellationToken ct) =>
        PublishAsync(contestId, eventId, false, version, save, ct);

    [HttpGet("{eventId:int}/door"), UsesCamera]
    public async Task<IActionResult> Door(int contestId, int eventId, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var ev = await FindAsync(contestId, eventId, ct);
        if (ev is null) return NotFound();
        var last = TempData[LastCheckIn] is string json ? JsonSerializer.Deserialize<CheckInOutcome>(json) : null;
        return View(new DoorPage(contest!, ev, await CheckIn.ReadCountsAsync(db, eventId, clock, ct), last));
    }

    /// <summary>The plain form's last answer, carried over its redirect and described in the reader's language on the GET.</summary>
    private const string LastCheckIn = "DoorCheckIn";

    /// <summary>
    /// The door's check-in: JSON for the page's script; for a plain form post, back to the door page with the answer
    /// (post/redirect/get), so a refresh does not check the ticket again and answer "already used".
    /// </summary>
    [HttpPost("{eventId:int}/door"), UsesCamera]
    public async Task<IActionResult> CheckInTicket(int contestId, int eventId, string? ticket, [FromServices] CheckIn checkIn, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var ev = await FindAsync(contestId, eventId, ct);
        if (ev is null) return NotFound();
        var outcome = await checkIn.HandleAsync(eventId, ticket ?? "", User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return Json(new
            {
                result = outcome.Result.ToString(),
                message = DoorMessages.Describe(outcome, t),
                counts = await CheckIn.ReadCountsAsync(db, eventId, clock, ct),
            });
        }
        TempData[LastCheckIn] = JsonSerializer.Serialize(outcome);
        return RedirectToAction(nameof(Door), new { contestId, eventId });
    }

    [HttpGet("{eventId:int}/attendance")]
    public async Task<IActionResult> Attendance(int contestId, int eventId, CancellationToken ct)
    {
        var (_, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        if (await FindAsync(contestId, eventId, ct) is null) return NotFound();
        return Json(await CheckIn.ReadCountsAsync(db, eventId, clock, ct));
    }

    private async Task<IActionResult> SaveAsync(int contestId, int eventId, EventForm form, SaveEvent save, CancellationToken ct)
    {
        var (contest, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var ev = eventId == 0 ? null : await FindAsync(contestId, eventId, ct);
        if (eventId != 0 && ev is null) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(contestId, eventId, form, links.Base, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/activity-weeks/{contestId}/events/{result.Id}");
            ModelState.AddErrors(result, "");
        }
        return View("Event", await PageAsync(contest!, ev, form, ct));
    }

    private async Task<IActionResult> PublishAsync(int contestId, int eventId, bool publish, Guid version, SaveEvent save, CancellationToken ct)
    {
        var (_, refused) = await GuardAsync(contestId, ct);
        if (refused is not null) return refused;
        var result = await save.PublishAsync(contestId, eventId, publish, version, links.Base, ct);
        var url = $"/manage/activity-weeks/{contestId}/events/{eventId}";
        if (result.Succeeded) return this.Done(result, url);
        TempData.Refused(result.ErrorText);
        return Redirect(url);
    }

    private async Task<ManageEventPage> PageAsync(Contest contest, ActivityEvent? ev, EventForm form, CancellationToken ct,
        SignupListQuery? query = null)
    {
        query ??= new SignupListQuery();
        var departments = (await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct))
            .Select(d => new SelectListItem(d.LocalizedName, d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (ev is null) return new ManageEventPage(contest, null, form, departments, new Paged<EventSignupRow>([], 0, 1, SignupListQuery.PageSize), query, null);
        var signups = db.Set<EventSignup>().AsNoTracking().Where(s => s.EventId == ev.Id);
        if (query.Status is { } status) signups = signups.Where(s => s.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            signups = signups.Where(s => s.User.DisplayName.Contains(q) || s.User.Email!.Contains(q) || s.TicketCode.Contains(q));
        }
        var page = await signups
            .OrderBy(s => s.Status).ThenBy(s => s.Seat).ThenBy(s => s.WaitlistPosition).ThenBy(s => s.Id)
            .Select(s => new EventSignupRow(s.Id, s.User.DisplayName, s.User.Email!, s.Status, s.Seat, s.WaitlistPosition, s.TicketCode,
                s.CreatedAt, s.CheckedInAt))
            .ToPageAsync(query.Page, SignupListQuery.PageSize, ct);
        return new ManageEventPage(contest, ev, form, departments, page, query with { Page = page.Page },
            await CheckIn.ReadCountsAsync(db, ev.Id, clock, ct));
    }

    private Task<ActivityEvent?> FindAsync(int contestId, int eventId, CancellationToken ct) =>
        db.ActivityEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && e.ContestId == contestId, ct);

    private async Task<(Contest? Contest, IActionResult? Refused)> GuardAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId && c.Kind == ContestKind.ActivityWeek, ct);
        if (contest is null) return (null, NotFound());
        return (contest, null);
    }
}
