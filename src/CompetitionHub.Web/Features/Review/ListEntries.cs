using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Review;

/// <summary>
/// The list's filters as they arrive in the query string. Everything is optional and loosely typed on purpose: a
/// hand-edited or stale link shows a wider list instead of an error.
/// </summary>
public sealed record EntryListQuery
{
    public int? Track { get; init; }
    public string? Status { get; init; }
    public string? Industry { get; init; }
    /// <summary>"yes", "no" or "unchecked".</summary>
    public string? Eligible { get; init; }
    /// <summary>The credit code's check: "pending", "confirmed" or "rejected".</summary>
    public string? CodeCheck { get; init; }
    public string? Q { get; init; }
    public bool Drafts { get; init; }
    public int Page { get; init; }
}

public sealed record TrackOption(int Id, string Name);

public sealed record EntryListRow(int Id, string Title, string TeamName, string TrackName, string Industry,
    EntryStatus Status, bool? Eligible, DateTime? SubmittedAt, CreditCodeVerification CodeCheck = CreditCodeVerification.NotNeeded);

public sealed record EntryListPage(
    int ContestId,
    string ContestName,
    EntryListQuery Query,
    EntryStatus? Status,
    IReadOnlyList<TrackOption> Tracks,
    IReadOnlyList<string> Industries,
    IReadOnlyDictionary<EntryStatus, int> Counts,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyList<EntryListRow> Rows)
{
    /// <summary>How the industry filter's options read; their values stay the Chinese names entries are stored with.</summary>
    public TranslatedNames IndustryNames { get; init; } = TranslatedNames.None;
}

/// <summary>
/// An organizer's list of one contest's entries: filtered by track, status, industry and eligibility outcome, searched
/// by title, company, credit code or team name, 50 to a page, with the count of each status on top.
/// Drafts are the teams' unfinished work, so they stay out unless asked for.
/// </summary>
public sealed class ListEntries(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<EntryListPage?> HandleAsync(int contestId, EntryListQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking()
            .Where(c => c.Id == contestId)
            .Select(c => new { c.Id, c.Name, c.NameEn, c.IndustryFields, c.IndustryFieldsEn })
            .SingleOrDefaultAsync(ct);
        if (contest is null) return null;

        var tracks = await db.ContestTracks.AsNoTracking()
            .Where(t => t.ContestId == contestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.NameEn })
            .ToListAsync(ct);

        var all = db.Entries.AsNoTracking().Where(e => e.ContestId == contestId);
        var counts = (await all.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => c.Count);

        var status = Enum.TryParse<EntryStatus>(query.Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : (EntryStatus?)null;
        var entries = all;
        if (status is { } wanted)
            entries = entries.Where(e => e.Status == wanted);
        else if (!query.Drafts)
            entries = entries.Where(e => e.Status != EntryStatus.Draft);
        // Narrowed by anything but the status: then the status counts above no longer give the list's length.
        var narrowed = false;
        if (query.Track is { } trackId)
        {
            entries = entries.Where(e => e.TrackId == trackId);
            narrowed = true;
        }
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var industry = query.Industry.Trim();
            entries = entries.Where(e => e.Industry == industry);
            narrowed = true;
        }
        if (query.Eligible is "yes" or "no" or "unchecked")
        {
            entries = query.Eligible switch
            {
                "yes" => entries.Where(e => e.Eligible == true),
                "no" => entries.Where(e => e.Eligible == false),
                _ => entries.Where(e => e.Eligible == null),
            };
            narrowed = true;
        }
        if (CodeCheckOf(query.CodeCheck) is { } check)
        {
            entries = entries.Where(e => e.CreditCodeVerification == check);
            narrowed = true;
        }
        var q = (query.Q ?? "").Trim();
        if (q.Length > 200) q = q[..200];
        if (q.Length > 0)
        {
            // Credit codes are stored upper case; people type them either way.
            var code = q.ToUpperInvariant();
            entries = entries.Where(e => e.Title.Contains(q) || e.Team.Name.Contains(q)
                || (e.CompanyName != null && e.CompanyName.Contains(q))
                || (e.CreditCode != null && e.CreditCode.Contains(code)));
            narrowed = true;
        }
        // Otherwise the list's length is in those counts, and the contest's entries are not counted a second time.
        int? known = narrowed ? null
            : status is { } only ? counts.GetValueOrDefault(only)
            : counts.Where(c => query.Drafts || c.Key != EntryStatus.Draft).Sum(c => c.Value);

        // In the order entries were handed in, drafts (never handed in) at the time they were begun. Without drafts the
        // list is in submission order alone, which the index reads a page at a time: an entry leaves Draft only by being
        // submitted, which stamps SubmittedAt, and nothing clears it.
        var withDrafts = status == EntryStatus.Draft || (status is null && query.Drafts);
        var cut = await (withDrafts ? entries.OrderBy(e => e.SubmittedAt ?? e.CreatedAt) : entries.OrderBy(e => e.SubmittedAt)).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, TeamName = e.Team.Name, e.Track.Name, e.Track.NameEn, e.Industry, e.Status, e.Eligible, e.SubmittedAt, e.CreditCodeVerification,
            })
            .ToPageAsync(query.Page, PageSize, known, ct);
        var (found, total, page, pageCount) = (cut.Rows, cut.Total, cut.Page, cut.Pages);

        var industryNames = new TranslatedNames(contest.IndustryFields, contest.IndustryFieldsEn);
        var rows = found.Select(e => new EntryListRow(e.Id, e.Title, e.TeamName, Localized.Pick(e.Name, e.NameEn), industryNames.Show(e.Industry),
            e.Status, e.Eligible, e.SubmittedAt, e.CreditCodeVerification)).ToList();
        return new EntryListPage(contest.Id, Localized.Pick(contest.Name, contest.NameEn), query with { Q = q, Page = page },
            status, tracks.Select(t => new TrackOption(t.Id, Localized.Pick(t.Name, t.NameEn))).ToList(),
            contest.IndustryFields, counts, total, page, pageCount, rows) { IndustryNames = industryNames };
    }

    /// <summary>The filter's values; anything else (including "NotNeeded") filters nothing.</summary>
    public static CreditCodeVerification? CodeCheckOf(string? value) => value switch
    {
        "pending" => CreditCodeVerification.Pending,
        "confirmed" => CreditCodeVerification.Confirmed,
        "rejected" => CreditCodeVerification.Rejected,
        _ => null,
    };
}
