using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// Turns submitted sheets into <see cref="EntryScore"/> rows with the round's method. Every sheet counts with its
/// effective total, so an approved correction is what counts.
/// </summary>
public sealed class RoundScores(AppDbContext db, TimeProvider clock)
{
    /// <summary>Upserts the score of every entry with at least one submitted sheet (tracked; the caller saves).</summary>
    public async Task<int> ComputeAsync(Round round, CancellationToken ct)
    {
        var totals = await db.ScoreSheets.Where(s => s.RoundId == round.Id && s.Status == SheetStatus.Submitted)
            .Select(s => new { s.EntryId, s.EffectiveTotalHundredths }).ToListAsync(ct);
        var existing = await db.EntryScores.Where(s => s.RoundId == round.Id).ToDictionaryAsync(s => s.EntryId, ct);
        foreach (var entry in totals.GroupBy(t => t.EntryId))
            Apply(round, entry.Key, entry.Select(t => t.EffectiveTotalHundredths).ToList(), existing.GetValueOrDefault(entry.Key));
        return totals.Select(t => t.EntryId).Distinct().Count();
    }

    /// <summary>Recomputes one entry's score if it already has one (after an approved correction); tracked, the caller saves.</summary>
    public async Task<EntryScore?> RecomputeIfScoredAsync(int roundId, int entryId, int changedSheetId, int changedTotal, CancellationToken ct)
    {
        var score = await db.EntryScores.SingleOrDefaultAsync(s => s.RoundId == roundId && s.EntryId == entryId, ct);
        if (score is null) return null;
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var totals = await db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == roundId && s.EntryId == entryId && s.Status == SheetStatus.Submitted)
            .Select(s => new { s.Id, s.EffectiveTotalHundredths }).ToListAsync(ct);
        // The changed sheet is not saved yet: use its new total in place of the stored one.
        Apply(round, entryId, totals.Select(t => t.Id == changedSheetId ? changedTotal : t.EffectiveTotalHundredths).ToList(), score);
        return score;
    }

    private void Apply(Round round, int entryId, List<int> totals, EntryScore? score)
    {
        var result = ScoreAggregator.Aggregate(totals, round.Aggregation, round.TrimMinJudges, round.TrimCount);
        if (score is null)
        {
            score = new EntryScore { RoundId = round.Id, EntryId = entryId, Method = "" };
            db.EntryScores.Add(score);
        }
        score.ScoreHundredths = result.ScoreHundredths;
        score.Method = round.Aggregation.ToString();
        score.JudgeCount = result.Counted;
        score.DroppedCount = result.Dropped;
        score.JudgeTotalsHundredths = totals.Order().ToList();
        score.RevealedAt = clock.GetUtcNow().UtcDateTime;
    }
}
