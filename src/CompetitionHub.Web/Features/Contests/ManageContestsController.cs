using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

public sealed record ManagedContest(int Id, string Name, ContestKind Kind, int EditionYear, bool IsPublished,
    DateTime? RegistrationOpensAt, DateTime? RegistrationClosesAt, int Tracks, int Rounds);

public sealed record ContestEditPage(int ContestId, ContestForm Form, IReadOnlyList<Department> Departments, Contest? Contest,
    bool IsAdmin, IReadOnlyList<string> OrganizerNames);

public sealed record TrackEditPage(int ContestId, string ContestName, int TrackId, TrackForm Form);

/// <param name="EarlierRounds">The contest's rounds before this one (all of them for a new round), for weighting.</param>
/// <summary>One rubric section of the round page: the shared rubric (<see cref="Track"/> null) or a track's own.</summary>
public sealed record RubricSection(RoundEditPage Page, ContestTrack? Track);

/// <param name="Posted">The rubric form just posted and refused, shown as typed; every other rubric shows what is saved.</param>
public sealed record RoundEditPage(int ContestId, string ContestName, Round? Round, RoundForm Form, RubricForm? Posted,
    IReadOnlyList<RubricTemplateSeed> Templates, IReadOnlyList<Round> EarlierRounds, IReadOnlyList<ContestTrack> Tracks)
{
    public RubricForm Rubric(int? trackId) =>
        Posted is { } posted && posted.TrackId == trackId ? posted : RubricForm.From(Round?.Criteria ?? [], trackId);

    /// <summary>The round's judges, for its judge-group lines.</summary>
    public IReadOnlyList<RoundJudge> Judges { get; init; } = [];
}

public sealed record WinnersPage(int ContestId, string ContestName, string Slug, IReadOnlyList<PreviousWinner> Winners,
    PreviousWinnerForm Form, WinnerImportReport? Report);

/// <summary>
/// Contest setup for staff. Every action on a contest first asks <see cref="ContestAccess"/>: Admins and the contest's
/// own Organizers pass, anyone else gets 403 (and an unknown contest 404). The work itself is in the use cases.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests")]
public sealed class ManageContestsController(AppDbContext db, ContestAccess access, TimeProvider clock) : Controller
{
    private int ChinaYear => ChinaTime.ToChina(clock.GetUtcNow().UtcDateTime)!.Value.Year;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await access.Manageable(User).AsNoTracking()
            .OrderByDescending(c => c.EditionYear).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.NameEn, c.Kind, c.EditionYear, c.IsPublished, c.RegistrationOpensAt,
                               c.RegistrationClosesAt, Tracks = c.Tracks.Count, Rounds = c.Rounds.Count })
            .ToListAsync(ct);
        return View(rows.Select(c => new ManagedContest(c.Id, Localized.Pick(c.Name, c.NameEn), c.Kind, c.EditionYear,
            c.IsPublished, c.RegistrationOpensAt, c.RegistrationClosesAt, c.Tracks, c.Rounds)).ToList());
    }

    // ---- the contest itself ----

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken ct) =>
        View("Edit", await EditPageAsync(0, new ContestForm { EditionYear = ChinaYear + 1 }, ct));

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] ContestForm form, [FromServices] SaveContest save, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await save.CreateAsync(form, User, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{result.Id}");
            ModelState.AddErrors(result, "Form.");
        }
        return View("Edit", await EditPageAsync(0, form, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var contest = await db.Contests.AsNoTracking().Include(c => c.CoOrganizers).SingleAsync(c => c.Id == id, ct);
        return View(await EditPageAsync(id, ContestForm.From(contest), ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}")]
    public async Task<IActionResult> Update(int id, [Bind(Prefix = "Form")] ContestForm form, [FromServices] SaveContest save, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var result = await save.UpdateAsync(id, form, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{id}");
            ModelState.AddErrors(result, "Form.");
        }
        return View("Edit", await EditPageAsync(id, form, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/publish")]
    public Task<IActionResult> Publish(int id, [FromServices] SaveContest save, CancellationToken ct) =>
        RunAsync(id, () => save.SetPublishedAsync(id, true, ct), $"/manage/contests/{id}", ct);

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/unpublish")]
    public Task<IActionResult> Unpublish(int id, [FromServices] SaveContest save, CancellationToken ct) =>
        RunAsync(id, () => save.SetPublishedAsync(id, false, ct), $"/manage/contests/{id}", ct);

    // ---- tracks ----

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}/tracks/new")]
    public async Task<IActionResult> NewTrack(int id, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var next = await db.ContestTracks.Where(x => x.ContestId == id).Select(x => (int?)x.SortOrder).MaxAsync(ct) ?? 0;
        return View("Track", new TrackEditPage(id, await ContestNameAsync(id, ct), 0, new TrackForm { SortOrder = next + 1 }));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}/tracks/{trackId:int}")]
    public async Task<IActionResult> EditTrack(int id, int trackId, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var track = await db.ContestTracks.AsNoTracking().SingleOrDefaultAsync(x => x.Id == trackId && x.ContestId == id, ct);
        if (track is null) return NotFound();
        return View("Track", new TrackEditPage(id, await ContestNameAsync(id, ct), trackId, TrackForm.From(track)));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/tracks/new")]
    public Task<IActionResult> CreateTrack(int id, [Bind(Prefix = "Form")] TrackForm form, [FromServices] SaveTrack save, CancellationToken ct) =>
        SaveTrackAsync(id, 0, form, save, ct);

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/tracks/{trackId:int}")]
    public Task<IActionResult> UpdateTrack(int id, int trackId, [Bind(Prefix = "Form")] TrackForm form, [FromServices] SaveTrack save, CancellationToken ct) =>
        SaveTrackAsync(id, trackId, form, save, ct);

    private async Task<IActionResult> SaveTrackAsync(int id, int trackId, TrackForm form, SaveTrack save, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        if (trackId != 0 && !await db.ContestTracks.AnyAsync(x => x.Id == trackId && x.ContestId == id, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(id, trackId, form, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{id}#tracks");
            ModelState.AddErrors(result, "Form.");
        }
        return View("Track", new TrackEditPage(id, await ContestNameAsync(id, ct), trackId, form));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/tracks/{trackId:int}/delete")]
    public Task<IActionResult> DeleteTrack(int id, int trackId, [FromServices] SaveTrack save, CancellationToken ct) =>
        RunAsync(id, () => save.RemoveAsync(id, trackId, ct), $"/manage/contests/{id}#tracks", ct);

    // ---- rounds and rubrics ----

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}/rounds/new")]
    public async Task<IActionResult> NewRound(int id, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        return View("Round", await RoundPageAsync(id, null, new RoundForm(), null, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}/rounds/{roundId:int}")]
    public async Task<IActionResult> EditRound(int id, int roundId, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var round = await LoadRoundAsync(id, roundId, ct);
        if (round is null) return NotFound();
        return View("Round", await RoundPageAsync(id, round, RoundForm.From(round), null, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/new")]
    public Task<IActionResult> CreateRound(int id, [Bind(Prefix = "Form")] RoundForm form, [FromServices] SaveRound save, CancellationToken ct) =>
        SaveRoundAsync(id, 0, form, save, ct);

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/{roundId:int}")]
    public Task<IActionResult> UpdateRound(int id, int roundId, [Bind(Prefix = "Form")] RoundForm form, [FromServices] SaveRound save, CancellationToken ct) =>
        SaveRoundAsync(id, roundId, form, save, ct);

    private async Task<IActionResult> SaveRoundAsync(int id, int roundId, RoundForm form, SaveRound save, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var round = roundId == 0 ? null : await LoadRoundAsync(id, roundId, ct);
        if (roundId != 0 && round is null) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(id, roundId, form, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{id}/rounds/{result.Id}");
            ModelState.AddErrors(result, "Form.");
        }
        return View("Round", await RoundPageAsync(id, round, form, null, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/{roundId:int}/delete")]
    public Task<IActionResult> DeleteRound(int id, int roundId, [FromServices] SaveRound save, CancellationToken ct) =>
        RunAsync(id, () => save.RemoveAsync(id, roundId, ct), $"/manage/contests/{id}#rounds", ct,
            failUrl: $"/manage/contests/{id}/rounds/{roundId}");

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/{roundId:int}/rubric")]
    public async Task<IActionResult> SaveRubric(int id, int roundId, RubricForm rubric, [FromServices] SaveRound save, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var round = await LoadRoundAsync(id, roundId, ct);
        if (round is null) return NotFound();
        if (rubric.Criteria.Count > 60) return BadRequest();
        if (ModelState.IsValid)
        {
            var result = await save.SaveRubricAsync(id, roundId, rubric, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{id}/rounds/{roundId}#rubric");
            ModelState.AddErrors(result, "");
        }
        return View("Round", await RoundPageAsync(id, round, RoundForm.From(round), rubric, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/{roundId:int}/rubric/template")]
    public Task<IActionResult> CopyTemplate(int id, int roundId, string? template, int? trackId, [FromServices] SaveRound save, CancellationToken ct) =>
        RunAsync(id, () => save.CopyTemplateAsync(id, roundId, template, trackId, ct), $"/manage/contests/{id}/rounds/{roundId}#rubric", ct);

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/rounds/{roundId:int}/advance")]
    public Task<IActionResult> Advance(int id, int roundId, RoundStatus? to, [FromServices] AdvanceRound advance, CancellationToken ct)
    {
        // A status name that does not bind leaves ModelState invalid; the use case then refuses the missing target.
        if (!ModelState.IsValid) to = null;
        return RunAsync(id, () => advance.HandleAsync(id, roundId, to, ct), $"/manage/contests/{id}/rounds/{roundId}", ct);
    }

    // ---- organizers (Admins only) ----

    [HttpGet("{id:int}/organizers")]
    public async Task<IActionResult> Organizers(int id, [FromServices] AssignOrganizers assign, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin)) return StatusCode(StatusCodes.Status403Forbidden);
        var page = await assign.LoadAsync(id, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/organizers/assign")]
    public Task<IActionResult> AssignOrganizer(int id, string? userId, [FromServices] AssignOrganizers assign, CancellationToken ct) =>
        AdminRunAsync(id, () => assign.AssignAsync(id, userId, ct), ct);

    [HttpPost("{id:int}/organizers/unassign")]
    public Task<IActionResult> UnassignOrganizer(int id, string? userId, [FromServices] AssignOrganizers assign, CancellationToken ct) =>
        AdminRunAsync(id, () => assign.UnassignAsync(id, userId, ct), ct);

    private async Task<IActionResult> AdminRunAsync(int id, Func<Task<SetupResult>> change, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin)) return StatusCode(StatusCodes.Status403Forbidden);
        return await RunAsync(id, change, $"/manage/contests/{id}/organizers", ct);
    }

    // ---- previous winners ----

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpGet("{id:int}/winners")]
    public async Task<IActionResult> Winners(int id, [FromServices] PreviousWinners winners, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        return View(await WinnersPageAsync(id, new PreviousWinnerForm { Year = ChinaYear - 1 }, null, winners, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/winners")]
    public async Task<IActionResult> AddWinner(int id, [Bind(Prefix = "Form")] PreviousWinnerForm form, [FromServices] PreviousWinners winners, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var result = await winners.AddAsync(id, form, ct);
            if (result.Succeeded) return this.Done(result, $"/manage/contests/{id}/winners");
            ModelState.AddErrors(result, "Form.");
        }
        return View("Winners", await WinnersPageAsync(id, form, null, winners, ct));
    }

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/winners/{winnerId:int}/delete")]
    public Task<IActionResult> DeleteWinner(int id, int winnerId, [FromServices] PreviousWinners winners, CancellationToken ct) =>
        RunAsync(id, () => winners.RemoveAsync(id, winnerId, ct), $"/manage/contests/{id}/winners", ct);

    [Authorize(Policy = ContestAccess.Policy)]
    [HttpPost("{id:int}/winners/import"), UploadBodyLimit(ImportPreviousWinners.MaxBytes)]
    public async Task<IActionResult> ImportWinners(int id, IFormFile? file, [FromServices] ImportPreviousWinners import,
        [FromServices] PreviousWinners winners, [FromServices] IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var report = await import.HandleAsync(id, file, ct);
        // A clean import is done: its summary goes the post/redirect/get way. A refused file or rejected lines changed
        // nothing and stay on the page with each line's reason, as a form's errors do, for the organizer to fix and resend.
        if (report.Error is null && report.Rejected.Count == 0)
        {
            TempData.Success(t["导入完成：新增 {0} 条，重复跳过 {1} 条，有误 {2} 行。", report.Added, report.Duplicates, 0].Value);
            return LocalRedirect($"/manage/contests/{id}/winners");
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Winners", await WinnersPageAsync(id, new PreviousWinnerForm { Year = ChinaYear - 1 }, report, winners, ct));
    }

    // ---- shared ----

    /// <summary>404 for a contest that does not exist, null to go on (the policy refused those the user may not manage).</summary>
    private async Task<IActionResult?> RefuseAsync(int id, CancellationToken ct)
    {
        if (!await db.Contests.AnyAsync(c => c.Id == id, ct)) return NotFound();
        return null;
    }

    /// <summary>A one-button change: refused or done, the outcome goes to TempData and the browser back to a page.</summary>
    private async Task<IActionResult> RunAsync(int id, Func<Task<SetupResult>> change, string url, CancellationToken ct,
        string? failUrl = null)
    {
        if (await RefuseAsync(id, ct) is { } refused) return refused;
        var result = await change();
        if (result.Succeeded) return this.Done(result, url);
        TempData.Refused(result.ErrorText);
        return LocalRedirect(failUrl ?? url);
    }

    private async Task<string> ContestNameAsync(int id, CancellationToken ct)
    {
        var c = await db.Contests.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Name, x.NameEn }).SingleAsync(ct);
        return Localized.Pick(c.Name, c.NameEn);
    }

    private async Task<ContestEditPage> EditPageAsync(int id, ContestForm form, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        Contest? contest = null;
        List<string> organizers = [];
        if (id != 0)
        {
            contest = await db.Contests.AsNoTracking().Include(c => c.Tracks).Include(c => c.Rounds).ThenInclude(r => r.Criteria)
                .AsSplitQuery().SingleAsync(c => c.Id == id, ct);
            organizers = await db.ContestOrganizers.AsNoTracking().Where(o => o.ContestId == id)
                .OrderBy(o => o.User.Email).Select(o => o.User.DisplayName + " <" + o.User.Email + ">").ToListAsync(ct);
        }
        return new ContestEditPage(id, form, departments, contest, User.IsInRole(Roles.Admin), organizers);
    }

    private Task<Round?> LoadRoundAsync(int id, int roundId, CancellationToken ct) =>
        db.Rounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == id, ct);

    private async Task<RoundEditPage> RoundPageAsync(int id, Round? round, RoundForm form, RubricForm? rubric, CancellationToken ct)
    {
        var templates = await SeedFiles.Default.RubricTemplatesAsync(ct);
        var earlier = await db.Rounds.AsNoTracking()
            .Where(r => r.ContestId == id && (round == null || r.Sequence < round.Sequence)).OrderBy(r => r.Sequence).ToListAsync(ct);
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == id).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        return new RoundEditPage(id, await ContestNameAsync(id, ct), round, form, rubric, templates, earlier, tracks)
        {
            Judges = round is null ? [] : await RoundJudges.ListAsync(db, round.Id, ct),
        };
    }

    private async Task<WinnersPage> WinnersPageAsync(int id, PreviousWinnerForm form, WinnerImportReport? report,
        PreviousWinners winners, CancellationToken ct)
    {
        var slug = await db.Contests.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(ct);
        return new WinnersPage(id, await ContestNameAsync(id, ct), slug, await winners.ListAsync(slug, ct), form, report);
    }
}
