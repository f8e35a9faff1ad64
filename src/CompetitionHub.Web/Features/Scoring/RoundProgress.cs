using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record JudgeProgress(string JudgeUserId, string Name, int Assigned, int Submitted, int Drafts);

public sealed record EntryProgress(int EntryId, string Title, int AssignedJudges, int Submitted);

/// <summary>An entry's computed score with its rank; entries with equal scores share a rank (并列).</summary>
public sealed record RankedScore(int Rank, bool Tied, int EntryId, string Title, int ScoreHundredths, int JudgeCount, int DroppedCount);

public sealed record RoundProgressPage(int ContestId, string ContestName, int RoundId, string RoundName, AggregationMethod Method,
    int TrimMinJudges, int TrimCount, ProgressFilter Filter, IReadOnlyList<JudgeProgress> Judges, Paged<EntryProgress> Entries,
    Paged<RankedScore> Scores);

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
public sealed class RoundProgress(AppDbContext db, RoundScores scores, AuditLog audit, ILogger<RoundProgress> logger)
{
    public const int PageSize = 50;

    public Task<Round?> RoundAsync(int roundId, CancellationToken ct) =>
        db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.Kind == RoundKind.OnlineReview, ct);

    public async Task<RoundProgressPage> PageAsync(Round round, ProgressFilter filter, CancellationToken ct)
    {
        var roundId = round.Id;
        var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == round.ContestId, ct);
        var assigned = await db.ReviewAssignments.Where(a => a.RoundId == roundId).GroupBy(a => a.JudgeUserId)
            .Select(g => new { Judge = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Judge, g => g.Count, ct);
        var sheets = await db.ScoreSheets.Where(s => s.RoundId == roundId).GroupBy(s => new { s.JudgeUserId, s.Status })
            .Select(g => new { g.Key.JudgeUserId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var names = await db.Users.AsNoTracking()
            .Where(u => db.ReviewAssignments.Any(a => a.RoundId == roundId && a.JudgeUserId == u.Id)
                || db.ScoreSheets.Any(s => s.RoundId == roundId && s.JudgeUserId == u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        int Sheets(string judge, SheetStatus status) => sheets.Where(s => s.JudgeUserId == judge && s.Status == status).Sum(s => s.Count);
        var judges = names.Select(u => new JudgeProgress(u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
                assigned.GetValueOrDefault(u.Id), Sheets(u.Id, SheetStatus.Submitted), Sheets(u.Id, SheetStatus.Draft)))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

        var entries = db.Entries.AsNoTracking()
            .Where(e => db.ReviewAssignments.Any(a => a.RoundId == roundId && a.EntryId == e.Id)
                || db.ScoreSheets.Any(s => s.RoundId == roundId && s.EntryId == e.Id))
            .Select(e => new
            {
                e.Id, e.Title,
                Assigned = db.ReviewAssignments.Count(a => a.RoundId == roundId && a.EntryId == e.Id),
                Submitted = db.ScoreSheets.Count(s => s.RoundId == roundId && s.EntryId == e.Id && s.Status == SheetStatus.Submitted),
            });
        var q = filter.Q?.Trim();
        if (!string.IsNullOrEmpty(q)) entries = entries.Where(e => e.Title.Contains(q));
        if (filter.Open) entries = entries.Where(e => e.Submitted < e.Assigned);
        var entryPage = await entries.OrderBy(e => e.Title).ThenBy(e => e.Id).ToPageAsync(filter.EntryPage, PageSize, ct);

        // Ranks need every score of the round, but only ints: one sorted pass gives each its rank, and titles are read
        // for the page shown.
        var computed = await db.EntryScores.AsNoTracking().Where(s => s.RoundId == roundId)
            .Select(s => new { s.EntryId, s.ScoreHundredths, s.JudgeCount, s.DroppedCount }).ToListAsync(ct);
        var sorted = computed.OrderByDescending(s => s.ScoreHundredths).ThenBy(s => s.EntryId).ToList();
        var counts = sorted.CountBy(s => s.ScoreHundredths).ToDictionary(c => c.Key, c => c.Value);
        var ranked = new List<RankedScore>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var s = sorted[i];
            var rank = i > 0 && sorted[i - 1].ScoreHundredths == s.ScoreHundredths ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedScore(rank, counts[s.ScoreHundredths] > 1, s.EntryId, "", s.ScoreHundredths, s.JudgeCount, s.DroppedCount));
        }
        var scorePage = ranked.ToPage(filter.ScorePage, PageSize);
        var shown = scorePage.Rows.Select(r => r.EntryId).ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => shown.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title, ct);

        return new RoundProgressPage(contest.Id, contest.LocalizedName, round.Id, round.LocalizedName, round.Aggregation, round.TrimMinJudges,
            round.TrimCount, filter with { EntryPage = entryPage.Page, ScorePage = scorePage.Page }, judges,
            new Paged<EntryProgress>(entryPage.Rows.Select(e => new EntryProgress(e.Id, e.Title, e.Assigned, e.Submitted)).ToList(), entryPage.Total,
                entryPage.Page, PageSize),
            scorePage with { Rows = scorePage.Rows.Select(r => r with { Title = titles.GetValueOrDefault(r.EntryId, "#" + r.EntryId) }).ToList() });
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
