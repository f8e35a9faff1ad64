using System.Globalization;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// The contestant's entries: the list across my teams, a new entry for a contest, the entry page (form, materials,
/// submit/withdraw) and the material upload. Any team member may edit; only the leader creates, submits and withdraws.
/// A refused form (the entry's fields, an upload) re-shows the page with the person's input and a message; a refused
/// button (submit, withdraw, delete) goes back to the entry page with the message in red, so a refresh never posts again. Never a 500.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("entries")]
public sealed class EntriesController(AppDbContext db, RegistrationWindow window, EntryEligibility eligibility,
    WithdrawEntry withdrawal, SubmitEntry checklist, IOptions<UploadOptions> uploads, IStringLocalizer<SharedResource> t, SiteLinks links) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    private static string Culture => CultureInfo.CurrentUICulture.Name;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.Entries.AsNoTracking()
            .Where(e => db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == UserId))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Contest.Name, e.Contest.NameEn, Team = e.Team.Name, Track = e.Track.Name, TrackEn = e.Track.NameEn,
                               e.Title, e.Status, e.DecisionReason, e.UpdatedAt })
            .ToListAsync(ct);
        return View(rows.Select(r => new MyEntry(r.Id, Localized.Pick(r.Name, r.NameEn), r.Team,
            Localized.Pick(r.Track, r.TrackEn), r.Title, r.Status, r.DecisionReason, r.UpdatedAt)).ToList());
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int? contestId, CancellationToken ct)
    {
        if (contestId is null) return View("Contests", await OpenContestsAsync(ct));
        var page = await NewPageAsync(contestId.Value, new EntryForm(), ct);
        return page is null ? NotFound() : View("Edit", page);
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int contestId, EntryForm form, [FromServices] SaveEntry save, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await save.CreateAsync(contestId, UserId, form, Culture, EntryLink, ct);
            if (result.Succeeded) return RedirectToAction(nameof(Edit), new { id = result.EntryId });
            AddErrors(result.Errors);
        }
        var page = await NewPageAsync(contestId, form, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Edit", page);
    }

    /// <param name="kind">The kind of material the checklist's link asked to upload, chosen in the upload form.</param>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, string? kind, CancellationToken ct)
    {
        var page = await EntryPageAsync(id, null, ct);
        if (page is null) return NotFound();
        // A link's hint, not a form: an unknown kind is ignored.
        return View(Enum.TryParse<MaterialKind>(kind, out var k) && Enum.IsDefined(k) ? page with { UploadKind = k } : page);
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int id, EntryForm form, [FromServices] SaveEntry save, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await save.UpdateAsync(id, UserId, form, Culture, EntryLink, ct);
            if (result.Succeeded)
            {
                TempData.Success(t["已保存。"].Value);
                return RedirectToAction(nameof(Edit), new { id });
            }
            AddErrors(result.Errors);
        }
        return await RefusedAsync(id, form, ct);
    }

    [HttpPost("{id:int}/submit")]
    public async Task<IActionResult> Submit(int id, Guid version, [FromServices] SubmitEntry submit, CancellationToken ct)
    {
        var problems = await submit.HandleAsync(id, UserId, version, EntryLink(id), ct);
        if (problems.Count == 0)
        {
            TempData.Success(t["报名已提交。确认邮件已发送给队长。"].Value);
            return RedirectToAction(nameof(Edit), new { id });
        }
        return await RefusedButtonAsync(id, string.Join(" ", problems), ct);
    }

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, Guid version, CancellationToken ct)
    {
        var result = await withdrawal.HandleAsync(id, UserId, version, ct);
        if (result.Succeeded) return this.Done(result, EntryUrl(id));
        return await RefusedButtonAsync(id, result.ErrorText, ct);
    }

    [HttpPost("{id:int}/materials"), UploadBodyLimit, EnableRateLimiting(RateLimitSetup.Uploads)]
    public async Task<IActionResult> Upload(int id, string? kind, IFormFile? file, [FromServices] UploadMaterial upload, CancellationToken ct)
    {
        var result = await upload.HandleAsync(id, UserId, kind, file, ct);
        if (result.Succeeded) return MaterialsRedirect(id, result);
        // The upload form comes back with the reason beside it: a file must be chosen again either way.
        ModelState.AddModelError("Upload", result.ErrorText);
        return await RefusedAsync(id, null, ct);
    }

    [HttpPost("{id:int}/materials/{materialId:int}/delete")]
    public async Task<IActionResult> DeleteMaterial(int id, int materialId, [FromServices] RemoveMaterial remove, CancellationToken ct)
    {
        var result = await remove.HandleAsync(id, materialId, UserId, ct);
        if (result.Succeeded) return MaterialsRedirect(id, result);
        return await RefusedButtonAsync(id, result.ErrorText, ct, Materials);
    }

    private const string Materials = "materials";

    /// <summary>Back to the entry page at its materials, where the person was looking, with the outcome shown there.</summary>
    private RedirectResult MaterialsRedirect(int id, SetupResult result)
    {
        TempData.Near(Materials);
        return this.Done(result, EntryUrl(id) + "#" + Materials);
    }

    private string EntryUrl(int id) => Url.Action(nameof(Edit), new { id })!;

    /// <summary>A refused button: back to the entry page (post/redirect/get) with the reason in red.</summary>
    private async Task<IActionResult> RefusedButtonAsync(int id, string message, CancellationToken ct, string? place = null)
    {
        // Someone else's entry (or none) is not found, as its page is not: no redirect to a page they cannot open.
        if (!await db.Entries.AnyAsync(e => e.Id == id && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == UserId), ct))
            return NotFound();
        TempData.Refused(message);
        if (place is not null) TempData.Near(place);
        return RedirectToAction(nameof(Edit), null, new { id }, place);
    }

    private async Task<IActionResult> RefusedAsync(int id, EntryForm? form, CancellationToken ct)
    {
        var page = await EntryPageAsync(id, form, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Edit), page);
    }

    private string EntryLink(int entryId) => links.ToAction(nameof(Edit), "Entries", new { id = entryId });

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors) ModelState.AddModelError(e.Field, e.Message);
    }

    private async Task<List<OpenContest>> OpenContestsAsync(CancellationToken ct)
    {
        var contests = await db.Contests.AsNoTracking().Include(c => c.Tracks)
            .Where(c => c.IsPublished && c.Tracks.Any()).OrderBy(c => c.Id).ToListAsync(ct);
        return [.. contests.Where(window.IsOpen).Select(c => new OpenContest(c.Id, c.LocalizedName, c.RegistrationClosesAt))];
    }

    private async Task<EntryPage?> NewPageAsync(int contestId, EntryForm form, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Tracks).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == contestId && c.IsPublished, ct);
        if (contest is null) return null;
        var entered = db.Entries.Where(e => e.ContestId == contestId).Select(e => e.TeamId);
        var teams = await db.Teams.AsNoTracking()
            .Where(x => x.Members.Any(m => m.UserId == UserId && m.IsLeader) && !entered.Contains(x.Id))
            .OrderBy(x => x.Id).Select(x => new TeamChoice(x.Id, x.Name)).ToListAsync(ct);
        var closed = window.WhyClosed(contest);
        return new EntryPage
        {
            ContestId = contest.Id, ContestName = contest.LocalizedName, ClosesAt = contest.RegistrationClosesAt,
            Industries = contest.IndustryFields, IndustryNames = contest.IndustryNames(), Tracks = Tracks(contest), AutoPlacement = contest.Placement is not null,
            Teams = teams, IsLeader = true, CanEdit = closed is null && teams.Count > 0, ClosedMessage = closed,
            MaxUploadBytes = uploads.Value.MaxBytes, Form = form,
        };
    }

    /// <summary>The entry page for a member of its team; null (404) for anyone else.</summary>
    private async Task<EntryPage?> EntryPageAsync(int id, EntryForm? form, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Contest).ThenInclude(c => c.Tracks)
            .Include(e => e.Team).Include(e => e.Materials).AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null) return null;
        var me = await db.TeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.TeamId == entry.TeamId && m.UserId == UserId, ct);
        if (me is null) return null;

        var closed = window.WhyClosed(entry.Contest, entry);
        var editable = closed is null && SaveEntry.IsEditable(entry.Status);
        // An advanced entry may be withdrawn only until the round it advanced to starts: no button that can only be refused.
        var mayWithdrawAdvanced = entry.Status == EntryStatus.Advanced && await withdrawal.WhyNotAdvancedAsync(entry.Id, ct) is null;
        // Shown fresh on every visit, in the reader's language; nothing is saved here (the entry is not tracked).
        var result = await eligibility.ApplyAsync(entry, ct);
        var track = entry.Contest.Tracks.Single(x => x.Id == entry.TrackId);
        var open = entry.Status is EntryStatus.Draft or EntryStatus.ChangesRequested or EntryStatus.Withdrawn;
        return new EntryPage
        {
            EntryId = entry.Id, ContestId = entry.ContestId, ContestName = entry.Contest.LocalizedName,
            ClosesAt = entry.Contest.RegistrationClosesAt, Industries = entry.Contest.IndustryFields, IndustryNames = entry.Contest.IndustryNames(), Tracks = Tracks(entry.Contest),
            AutoPlacement = entry.Contest.Placement is not null, TeamName = entry.Team.Name, Status = entry.Status,
            DecisionReason = entry.DecisionReason, TrackName = track.LocalizedName, IsLeader = me.IsLeader,
            CanEdit = editable,
            CanSubmit = closed is null && me.IsLeader && entry.Status is EntryStatus.Draft or EntryStatus.ChangesRequested or EntryStatus.Withdrawn,
            CanWithdraw = me.IsLeader && ((closed is null && entry.Status is EntryStatus.Draft or EntryStatus.Submitted or EntryStatus.ChangesRequested)
                || mayWithdrawAdvanced),
            ClosedMessage = closed,
            Materials = [.. entry.Materials.OrderBy(m => m.Id).Select(m => new MaterialView(m.Id, m.Kind, m.FileName, m.SizeBytes, m.UploadedAt))],
            RequiredMaterials = track.RequiredMaterials, Eligibility = result, MaxUploadBytes = uploads.Value.MaxBytes,
            CreditCodeVerification = entry.CreditCodeVerification,
            Checklist = open ? await checklist.ChecklistAsync(entry, track.RequiredMaterials, result, ct) : [],
            // After a refused save the person's own input stays on the page; otherwise the stored entry.
            Form = form ?? EntryForm.From(entry),
        };
    }

    private static List<TrackChoice> Tracks(Contests.Contest contest) =>
        [.. contest.Tracks.OrderBy(x => x.SortOrder).ThenBy(x => x.Id).Select(x => new TrackChoice(x.Id, x.LocalizedName, x.RequiredMaterials))];
}
