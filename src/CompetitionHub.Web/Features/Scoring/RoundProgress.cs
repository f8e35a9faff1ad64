using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record JudgeProgress(string JudgeUserId, string Name, int Assigned, int Submitted, int Drafts);

public sealed record EntryProgress(int EntryId, string Title, int AssignedJudges, int Submitted);

/// <summary>
/// An entry's place in its ranking group by the round's rules (<see cref="IRoundStandings"/>: tie-breakers and earlier-round
/// weights included), so the progress page shows the order the published ranking will. <see cref="Tied"/> = still tied
/// after the tie-breakers (并列). Rank 0 and no score: the rules give the entry none (<see cref="Unranked"/>).
/// </summary>
public sealed record RankedScore(int Rank, bool Tied, int EntryId, string Title, int ScoreHundredths, int JudgeCount, int DroppedCount)
{
    /// <summary>The ranking group (a track, or a track × industry field), in the reader's language.</summary>
    public string Group { get; init; } = "";

    public UnrankedReason? Unranked { get; init; }
}

public sealed record RoundProgressPage(int ContestId, string ContestName, int RoundId, string RoundName, AggregationMethod Method,
    int TrimMinJudges, int TrimCount, ProgressFilter Filter, IReadOnlyList<JudgeProgress> Judges, Paged<EntryProgress> Entries,
    Paged<RankedScore> Scores)
{
    /// <summary>The round ranks in more than one group, so each score row names its group.</summary>
    public bool ShowsGroups { get; init; }
}

/// <summary>What the organizer narrowed the progress page to: a title, entries still missing sheets, and the two pages.</summary>
public sealed record ProgressFilter
{
    public string? Q { get; init; }
    public bool Open { get; init; }
    public int EntryPage { get; init; } = 1;
    public int ScorePage { get; init; } = 1;
}

/// <summary>
/// The organizers' view of an online review round: who has scored what, and the computed scores. Every count is a
/// grouped query and every list that grows with the round is a page, so the page costs the same at 10 or 10,000 entries.
/// </summary>
public sealed class RoundProgress(AppDbContext db, RoundScores scores, IRoundStandings standings, RoundLoads roundLoads, AuditLog audit,
    ILogger<RoundProgress> logger)
{
    public const int PageSize = 50;

    public Task<Round?> RoundAsync(int roundId, CancellationToken ct) =>
        db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.Kind == RoundKind.OnlineReview, ct);

    public async Task<RoundProgressPage> PageAsync(Round round, ProgressFilter filter, CancellationToken ct)
    {
        var roundId = round.Id;
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == round.ContestId).Select(c => new { c.Id, c.Name, c.NameEn }).SingleAsync(ct);
        var assigned = (await roundLoads.CountAsync(roundId, ct)).Loads;
        var sheets = await db.ScoreSheets.Where(s => s.RoundId == roundId).GroupBy(s => new { s.JudgeUserId, s.Status })
            .Select(g => new { g.Key.JudgeUserId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        // The judges are those the two counts found: asking each account whether it has a sheet in the round would probe
        // the round's sheets once per account, seconds at 10,000 entries. Both counts read an index alone
        // (round, judge[, status]), not the sheets themselves. Sheets (drafts too) change under no stamp, so theirs is
        // read on every GET; the pairs' is kept under the round's assignment stamp.
        var judgeIds = assigned.Keys.Concat(sheets.Select(s => s.JudgeUserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        int Sheets(string judge, SheetStatus status) => sheets.Where(s => s.JudgeUserId == judge && s.Status == status).Sum(s => s.Count);
        var judges = names.Select(u => new JudgeProgress(u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
                assigned.GetValueOrDefault(u.Id), Sheets(u.Id, SheetStatus.Submitted), Sheets(u.Id, SheetStatus.Draft)))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

        // The page is chosen by title over the round's entries, and only its rows are counted: counting every entry of
        // the round before sorting it would be two correlated counts per entry on every GET. The round's entries are its
        // contest's, so the contest's (ContestId, Title) index hands them over in page order: the database stops at the
        // page's last row instead of sorting the whole round.
        var entries = db.Entries.AsNoTracking()
            .Where(e => e.ContestId == round.ContestId)
            .Where(e => db.ReviewAssignments.Any(a => a.RoundId == roundId && a.EntryId == e.Id)
                || db.ScoreSheets.Any(s => s.RoundId == roundId && s.EntryId == e.Id));
        var q = filter.Q?.Trim();
        if (!string.IsNullOrEmpty(q)) entries = entries.Where(e => e.Title.Contains(q));
        if (filter.Open)
            entries = entries.Where(e => db.ScoreSheets.Count(s => s.RoundId == roundId && s.EntryId == e.Id && s.Status == SheetStatus.Submitted)
                < db.ReviewAssignments.Count(a => a.RoundId == roundId && a.EntryId == e.Id));
        var entryPage = await entries.OrderBy(e => e.Title).ThenBy(e => e.Id).Select(e => new { e.Id, e.Title })
            .ToPageAsync(filter.EntryPage, PageSize, ct);
        var pageIds = entryPage.Rows.Select(e => e.Id).ToList();
        var assignedTo = await db.ReviewAssignments.Where(a => a.RoundId == roundId && pageIds.Contains(a.EntryId))
            .GroupBy(a => a.EntryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var submittedFor = await db.ScoreSheets.Where(s => s.RoundId == roundId && pageIds.Contains(s.EntryId) && s.Status == SheetStatus.Submitted)
            .GroupBy(s => s.EntryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // The computed entries ranked by the same rules and function as the published ranking and the big screen.
        // The whole round is ranked and the computed entries kept in memory rather than sent back as a list of ids.
        var computedIds = (await db.EntryScores.AsNoTracking().Where(s => s.RoundId == roundId).Select(s => s.EntryId).ToListAsync(ct)).ToHashSet();
        var computed = computedIds.Count == 0 ? null : await standings.ForRoundAsync(roundId, ct);
        var rankingGroups = computed?.Select(g => g with
            {
                Ranked = [.. g.Ranked.Where(r => computedIds.Contains(r.EntryId))],
                Unranked = [.. g.Unranked.Where(u => computedIds.Contains(u.EntryId))],
            })
            .Where(g => g.Ranked.Count > 0 || g.Unranked.Count > 0).ToList() ?? [];
        var ranked = rankingGroups.SelectMany(g => g.Ranked.Select(r =>
                new RankedScore(r.Rank, r.Tied, r.EntryId, "", r.ScoreHundredths, r.JudgeCount, r.DroppedCount) { Group = g.LocalizedName })
            .Concat(g.Unranked.Select(u => new RankedScore(0, false, u.EntryId, "", 0, 0, 0) { Group = g.LocalizedName, Unranked = u.Reason })))
            .ToList();
        var scorePage = ranked.ToPage(filter.ScorePage, PageSize);
        var shown = scorePage.Rows.Select(r => r.EntryId).ToList();
        var titles = shown.Count == 0 ? []
            : await db.Entries.AsNoTracking().Where(e => shown.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);

        return new RoundProgressPage(contest.Id, Localized.Pick(contest.Name, contest.NameEn), round.Id, round.LocalizedName, round.Aggregation, round.TrimMinJudges,
            round.TrimCount, filter with { EntryPage = entryPage.Page, ScorePage = scorePage.Page }, judges,
            new Paged<EntryProgress>(entryPage.Rows.Select(e => new EntryProgress(e.Id, e.Title, assignedTo.GetValueOrDefault(e.Id),
                    submittedFor.GetValueOrDefault(e.Id))).ToList(), entryPage.Total,
                entryPage.Page, PageSize),
            scorePage with { Rows = scorePage.Rows.Select(r => r with { Title = titles.GetValueOrDefault(r.EntryId, "#" + r.EntryId) }).ToList() })
        {
            ShowsGroups = rankingGroups.Count > 1,
        };
    }

    public async Task<int> ComputeAsync(Round round, string userId, CancellationToken ct)
    {
        var count = await scores.ComputeAsync(round, ct);
        audit.Record(round.ContestId, "Round", round.Id, "computeScores", after: new { entries = count, method = round.Aggregation.ToString(), round.TrimMinJudges, by = userId });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Scores of round {RoundId} computed for {Count} entries", round.Id, count);
        return count;
    }
}
