using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record ProjectRow(int EntryId, string Title, string Summary, string Industry, string? CompanyName, string ContestName,
    string TrackName, InvestmentStage? Stage);

public sealed record Choice(int Id, string Name);

public sealed record ProjectListPage(ProjectQuery Query, AllIndustries Industries, IReadOnlyList<Choice> Contests,
    IReadOnlyList<ProjectRow> Rows, int Total, int PageCount, bool HasProfile);

/// <summary>The team's contact, shown to an investor only once the team accepted a meeting with them.</summary>
public sealed record ProjectContact(string TeamName, string ContactName, string ContactPhone, string ContactEmail);

public sealed record MyRequest(int Id, string EventTitle, MeetingStatus Status, DateTime RequestedAt, DateTime? SlotStartsAt, int? Table);

public sealed record ProjectPage(ProjectRow Project, ProjectContact? Contact, IReadOnlyList<MyRequest> MyRequests,
    IReadOnlyList<EventChoice> Events, MeetingRequestForm Form, bool HasProfile);

public sealed record EventChoice(int Id, string Title, string Venue, DateTime StartsAt, DateTime EndsAt);

/// <summary>
/// What investors see of the projects whose teams opened them: a filtered list and a project page. Only what a team
/// would put on a flyer (title, summary, industry, company, contest and track); the contact appears on the page only
/// after the team accepted a meeting with this investor. Materials stay with the team, the organizers and the judges.
/// </summary>
public sealed class BrowseProjects(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>Entries investors may see: opened by their team and actually submitted.</summary>
    public IQueryable<Entry> Visible() =>
        db.Entries.Where(e => !SetEntryVisibility.Unlisted.Contains(e.Status)
            && db.EntryVisibilities.Any(v => v.EntryId == e.Id && v.VisibleToInvestors));

    public async Task<ProjectListPage> ListAsync(ProjectQuery query, string investorUserId, CancellationToken ct)
    {
        var entries = Visible().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim();
            entries = entries.Where(e => e.Industry == industry);
        }
        if (query.ContestId is { } contestId) entries = entries.Where(e => e.ContestId == contestId);
        if (query.TrackId is { } trackId) entries = entries.Where(e => e.TrackId == trackId);
        if (query.Stage is { } stage)
            entries = entries.Where(e => db.EntryVisibilities.Any(v => v.EntryId == e.Id && v.Stage == stage));
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            entries = entries.Where(e => e.Title.Contains(q) || e.Summary.Contains(q) || (e.CompanyName != null && e.CompanyName.Contains(q)));
        }
        var cut = await Rows(entries.OrderByDescending(e => e.Id)).ToPageAsync(query.Page, PageSize, ct);
        var rows = cut.Rows;

        var visibleContests = Visible().Select(e => e.ContestId).Distinct();
        var contests = await db.Contests.AsNoTracking().Where(c => visibleContests.Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.NameEn }).ToListAsync(ct);
        var industries = await AllIndustries.ReadAsync(db.Contests, ct);
        var hasProfile = await db.InvestorProfiles.AnyAsync(p => p.UserId == investorUserId, ct);
        return new ProjectListPage(query with { Page = cut.Page }, industries,
            [.. contests.Select(c => new Choice(c.Id, Localized.Pick(c.Name, c.NameEn)))],
            [.. rows.Select(r => r.ToRow())], cut.Total, cut.Pages, hasProfile);
    }

    /// <summary>Null (404) when the entry is not open to investors.</summary>
    public async Task<ProjectPage?> PageAsync(int entryId, string investorUserId, MeetingRequestForm? form, CancellationToken ct)
    {
        var row = await Rows(Visible().AsNoTracking().Where(e => e.Id == entryId)).SingleOrDefaultAsync(ct);
        if (row is null) return null;

        var requests = await db.MeetingRequests.AsNoTracking()
            .Where(m => m.EntryId == entryId && m.InvestorUserId == investorUserId)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Event.Title, m.Event.TitleEn, m.Status, m.RequestedAt, Start = (DateTime?)m.Slot!.StartsAt, Table = (int?)m.Slot!.TableNumber })
            .ToListAsync(ct);
        ProjectContact? contact = null;
        if (requests.Any(r => r.Status == MeetingStatus.Accepted))
        {
            contact = await db.Entries.AsNoTracking().Where(e => e.Id == entryId)
                .Select(e => new ProjectContact(e.Team.Name, e.ContactName, e.ContactPhone, e.ContactEmail)).SingleAsync(ct);
        }
        var hasProfile = await db.InvestorProfiles.AnyAsync(p => p.UserId == investorUserId, ct);
        return new ProjectPage(row.ToRow(), contact,
            [.. requests.Select(r => new MyRequest(r.Id, Localized.Pick(r.Title, r.TitleEn), r.Status, r.RequestedAt, r.Start, r.Table))],
            await OpenEventsAsync(ct), form ?? new MeetingRequestForm(), hasProfile);
    }

    /// <summary>Published matchmaking events that have not ended: the ones a meeting can still be asked for.</summary>
    public async Task<IReadOnlyList<EventChoice>> OpenEventsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var events = await db.ActivityEvents.AsNoTracking()
            .Where(e => e.Type == ActivityEventType.Matchmaking && e.IsPublished && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Title, e.TitleEn, e.Venue, e.VenueEn, e.StartsAt, e.EndsAt }).ToListAsync(ct);
        return [.. events.Select(e => new EventChoice(e.Id, Localized.Pick(e.Title, e.TitleEn), Localized.Pick(e.Venue, e.VenueEn), e.StartsAt, e.EndsAt))];
    }

    private IQueryable<RawRow> Rows(IQueryable<Entry> entries) =>
        entries.Select(e => new RawRow(e.Id, e.Title, e.Summary, e.Industry, e.CompanyName, e.Contest.Name, e.Contest.NameEn,
            e.Track.Name, e.Track.NameEn, e.Contest.IndustryFields, e.Contest.IndustryFieldsEn, db.EntryVisibilities.Where(v => v.EntryId == e.Id).Select(v => v.Stage).FirstOrDefault()));

    private sealed record RawRow(int Id, string Title, string Summary, string Industry, string? CompanyName, string Contest,
        string ContestEn, string Track, string TrackEn, List<string> IndustryFields, List<string> IndustryFieldsEn, InvestmentStage? Stage)
    {
        public ProjectRow ToRow() => new(Id, Title, Summary, new TranslatedNames(IndustryFields, IndustryFieldsEn).Show(Industry), CompanyName, Localized.Pick(Contest, ContestEn),
            Localized.Pick(Track, TrackEn), Stage);
    }
}
