using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Publication;

public sealed record AuditTrailPage(int ContestId, string ContestName, AuditFilter Filter, IReadOnlyList<AuditEntry> Entries, int Total,
    int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// What happened to a contest's results, from the audit table: every score change (sheet submitted, correction asked and
/// decided, score recomputed), every decision (entry review, objection) and every round status change and publication.
/// Audit rows carry no contest id, so the contest's own keys (rounds, entries, sheets, corrections, objections) are
/// gathered first and the rows matched on them.
/// </summary>
public sealed class AuditTrail(AppDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The kinds of record the page lists, in the order of its filter; the label is the Chinese resource key.</summary>
    public static readonly IReadOnlyList<(string EntityType, string Label)> Kinds =
    [
        ("ScoreSheet", "评分表"),
        ("ScoreCorrection", "评分更正"),
        ("EntryScore", "项目成绩"),
        ("Entry", "报名审核"),
        ("Round", "赛段"),
        (PublishResults.AuditEntityType, "结果发布"),
        (ObjectionRules.AuditEntityType, "异议"),
    ];

    /// <summary>Entry review decisions only: an entry's other records (drafts, materials) are the team's, not decisions.</summary>
    private static readonly string[] EntryDecisions = ["approve", "reject", "request-changes"];

    public async Task<AuditTrailPage?> PageAsync(int contestId, AuditFilter filter, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;

        var roundIds = await db.Rounds.Where(r => r.ContestId == contestId).Select(r => r.Id).ToListAsync(ct);
        var rounds = roundIds.Select(Key).ToList();
        var entries = (await db.Entries.Where(e => e.ContestId == contestId).Select(e => e.Id).ToListAsync(ct)).Select(Key).ToList();
        var sheetKeys = (await db.ScoreSheets.Where(s => roundIds.Contains(s.RoundId)).Select(s => new { s.RoundId, s.EntryId }).Distinct().ToListAsync(ct))
            .Select(s => $"{Key(s.RoundId)}/{Key(s.EntryId)}").ToList();
        var corrections = (await db.ScoreCorrections.Where(c => db.ScoreSheets.Any(s => s.Id == c.SheetId && roundIds.Contains(s.RoundId)))
            .Select(c => c.Id).ToListAsync(ct)).Select(Key).ToList();
        var objections = (await db.Objections.Where(o => o.ContestId == contestId).Select(o => o.Id).ToListAsync(ct)).Select(Key).ToList();

        var query = db.AuditEntries.AsNoTracking().Where(a =>
            (a.EntityType == "Round" && rounds.Contains(a.EntityId))
            || (a.EntityType == PublishResults.AuditEntityType && rounds.Contains(a.EntityId))
            || (a.EntityType == "Entry" && entries.Contains(a.EntityId) && EntryDecisions.Contains(a.Action))
            || ((a.EntityType == "ScoreSheet" || a.EntityType == "EntryScore") && sheetKeys.Contains(a.EntityId))
            || (a.EntityType == "ScoreCorrection" && corrections.Contains(a.EntityId))
            || (a.EntityType == ObjectionRules.AuditEntityType && objections.Contains(a.EntityId)));

        if (!string.IsNullOrWhiteSpace(filter.Who))
        {
            var who = filter.Who.Trim();
            query = query.Where(a => a.UserName != null && a.UserName.Contains(who));
        }
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(a => a.EntityType == filter.Entity);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action.Contains(action));
        }
        // Dates are China dates: a day runs from 00:00 to 24:00 Beijing time.
        if (filter.From is { } from)
        {
            var start = ChinaTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = ChinaTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At < end);
        }

        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditTrailPage(contestId, Contests.Localized.Pick(contest.Name, contest.NameEn), filter with { Page = page }, rows, total, page, PageSize);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
