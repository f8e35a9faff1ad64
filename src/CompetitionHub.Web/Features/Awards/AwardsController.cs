using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Awards;

/// <summary>
/// The awards page: every track's plan and forms, and of each track's ranking one page of <see cref="PageSize"/> rows
/// (<see cref="Track"/> names the track whose page is not the first).
/// </summary>
public sealed record AwardsPage(AwardsBoard Board, int? Track = null, int Page = 1)
{
    public const int PageSize = 50;

    /// <summary>The titles and teams of the rows the page shows (<see cref="Named"/>); the board itself holds none.</summary>
    public IReadOnlyDictionary<int, EntryName> Names { get; init; } = new Dictionary<int, EntryName>();

    public Paged<AwardRow> PageOf(AwardTrack track) => track.Rows.ToPage(track.TrackId == Track ? Page : 1, PageSize);

    public EntryName Name(int entryId) => Names.Of(entryId);

    /// <summary>Every entry the page names: each track's page of its ranking.</summary>
    public IEnumerable<int> Named() => Board.Tracks.SelectMany(track => PageOf(track).Rows.Select(r => r.EntryId));
}

/// <summary>
/// The organizer's awards page of a contest (grades per track from the final round, honours) and the bulk print of a
/// track's certificates. Access as everywhere in contest management: 403 for another contest's organizer.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[Route("manage/contests/{id:int}/awards")]
[Authorize(Policy = ContestAccess.Policy)]
public sealed class AwardsController(LoadAwardsBoard load, AppDbContext db, SiteLinks links) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, [FromQuery] int? track, [FromQuery] int? page, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        // An unreadable track or page number shows every track's first page.
        var shown = new AwardsPage(board, track, page ?? 1);
        return View("Index", shown with { Names = await db.EntryNamesAsync(id, shown.Named(), ct) });
    }

    [HttpPost("plan")]
    public async Task<IActionResult> Plan(int id, PlanForm form, [FromServices] SaveAwardPlan save, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        if (!ModelState.IsValid)
            return Outcome(id, SetupResult.Fail("", string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))));
        return Outcome(id, await save.HandleAsync(board, form, ct));
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(int id, AwardsForm form, [FromServices] ConfirmAwards confirm, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        return Outcome(id, await confirm.HandleAsync(board, form, User, SiteBase, ct));
    }

    [HttpPost("honour-titles")]
    public async Task<IActionResult> HonourTitles(int id, HonourTitlesForm form, [FromServices] ManageHonours honours, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        return Outcome(id, await honours.SaveTitlesAsync(board, form.Titles, ct));
    }

    [HttpPost("honours")]
    public async Task<IActionResult> GiveHonour(int id, HonourForm form, [FromServices] ManageHonours honours, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        return Outcome(id, await honours.GiveAsync(board, form, SiteBase, ct));
    }

    [HttpPost("honours/{awardId:int}/remove")]
    public async Task<IActionResult> RemoveHonour(int id, int awardId, [FromServices] ManageHonours honours, CancellationToken ct)
    {
        var (board, refused) = await BoardAsync(id, ct);
        if (board is null) return refused!;
        return Outcome(id, await honours.RemoveAsync(board, awardId, ct));
    }

    /// <summary>All certificates of one track, one A4 landscape page each.</summary>
    [HttpGet("certificates")]
    public async Task<IActionResult> Certificates(int id, int trackId, [FromServices] LoadCertificates certificates, CancellationToken ct)
    {
        var list = await certificates.TrackAsync(id, trackId, ct);
        return list.Count == 0 ? NotFound() : View("~/Features/Awards/Views/Certificates/Print.cshtml", list);
    }

    private async Task<(AwardsBoard? Board, IActionResult? Refused)> BoardAsync(int contestId, CancellationToken ct)
    {
        return await load.HandleAsync(contestId, ct) is { } board ? (board, null) : (null, NotFound());
    }

    private string SiteBase => links.Base;

    private ActionResult Outcome(int contestId, SetupResult result) => this.Outcome(result, $"/manage/contests/{contestId}/awards");
}

/// <summary>A certificate for the people it belongs to: the organizers of its contest and the members of its team.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("awards")]
public sealed class CertificatesController(LoadCertificates certificates) : Controller
{
    [HttpGet("{awardId:int}/certificate")]
    public async Task<IActionResult> Show(int awardId, CancellationToken ct)
    {
        // 404 rather than 403 for someone else's certificate: whether an award exists is not theirs to learn.
        var certificate = await certificates.OneAsync(awardId, User, ct);
        return certificate is null ? NotFound() : View("Print", new List<Certificate> { certificate });
    }

    [HttpGet("mine")]
    public async Task<IActionResult> Mine(CancellationToken ct) =>
        View("Mine", await certificates.MineAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct));
}
