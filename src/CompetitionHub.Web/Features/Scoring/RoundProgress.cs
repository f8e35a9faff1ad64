using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record JudgeProgress(string JudgeUserId, string Name, int Assigned, int Submitted, int Drafts);

public sealed record EntryProgress(int EntryId, string Title, int AssignedJudges, int Submitted);

/// <summary>An entry's computed score with its rank; entries with equal scores share a rank (并列).</summary>
public sealed record RankedScore(int Rank, bool Tied, int EntryId, string Title, int ScoreHundredths, int JudgeCount, int DroppedCount);

public sealed record RoundProgressPage(int ContestId, string ContestName, int RoundId, string RoundName, AggregationMethod Method,
    int TrimMinJudges, int TrimCount, IReadOnlyList<JudgeProgress> Judges, IReadOnlyList<EntryProgress> Entries, IReadOnlyList<RankedScore> Scores);

/// <summary>The organizers' view of an online review round: who has scored what, and the computed scores.</summary>
public sealed class RoundProgress(AppDbContext db, RoundScores scores, AuditLog audit, ILogger<RoundProgress> logger)
{
    public Task<Round?> RoundAsync(int roundId, CancellationToken ct) =>
        db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.Kind == RoundKind.OnlineReview, ct);

    public async Task<RoundProgressPage> PageAsync(Round round, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == round.ContestId, ct);
        var assignments = await db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == round.Id)
            .Select(a => new { a.JudgeUserId, a.EntryId }).ToListAsync(ct);
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == round.Id)
            .Select(s => new { s.JudgeUserId, s.EntryId, s.Status }).ToListAsync(ct);
        var judgeIds = assignments.Select(a => a.JudgeUserId).Union(sheets.Select(s => s.JudgeUserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, ct);
        var entryIds = assignments.Select(a => a.EntryId).Union(sheets.Select(s => s.EntryId)).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title, ct);

        var judges = judgeIds.Select(j => new JudgeProgress(j, names.GetValueOrDefault(j, j),
                assignments.Count(a => a.JudgeUserId == j),
                sheets.Count(s => s.JudgeUserId == j && s.Status == SheetStatus.Submitted),
                sheets.Count(s => s.JudgeUserId == j && s.Status == SheetStatus.Draft)))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        var entries = entryIds.Select(e => new EntryProgress(e, titles.GetValueOrDefault(e, "#" + e),
                assignments.Count(a => a.EntryId == e),
                sheets.Count(s => s.EntryId == e && s.Status == SheetStatus.Submitted)))
            .OrderBy(e => e.Title, StringComparer.Ordinal).ToList();

        var computed = await db.EntryScores.AsNoTracking().Where(s => s.RoundId == round.Id).ToListAsync(ct);
        var ranked = computed.OrderByDescending(s => s.ScoreHundredths).ThenBy(s => s.EntryId)
            .Select(s => new RankedScore(1 + computed.Count(o => o.ScoreHundredths > s.ScoreHundredths),
                computed.Count(o => o.ScoreHundredths == s.ScoreHundredths) > 1, s.EntryId,
                titles.GetValueOrDefault(s.EntryId, "#" + s.EntryId), s.ScoreHundredths, s.JudgeCount, s.DroppedCount)).ToList();
        return new RoundProgressPage(contest.Id, contest.LocalizedName, round.Id, round.LocalizedName, round.Aggregation, round.TrimMinJudges, round.TrimCount,
            judges, entries, ranked);
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
