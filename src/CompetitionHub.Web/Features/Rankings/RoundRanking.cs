using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>The ranking of one group (a track of the contest) in a round.</summary>
public sealed record GroupRanking(int TrackId, string TrackName, string TrackNameEn, IReadOnlyList<RankedEntry> Entries);

public sealed record RoundRankingResult(Round Round, IReadOnlyList<GroupRanking> Groups);

/// <summary>Loads a round's submitted sheets and ranks each group with <see cref="RankingCalculator"/>.</summary>
public sealed class RoundRanking(AppDbContext db)
{
    public async Task<RoundRankingResult?> ComputeAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var sheets = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.RoundId == roundId && s.Status == SheetStatus.Submitted)
            .Select(s => new { s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths, s.Lines, s.SubmittedAt })
            .ToListAsync(ct);
        var entryIds = sheets.Select(s => s.EntryId).Distinct().ToList();
        var trackOf = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.TrackId, ct);
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == round.ContestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        var inputs = sheets.Select(s => new SheetInput(s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths,
            s.Lines.ToDictionary(l => l.CriterionId, l => l.PointsHundredths), s.SubmittedAt ?? DateTime.MinValue)).ToList();
        var groups = tracks
            .Select(t => new GroupRanking(t.Id, t.Name, t.NameEn,
                RankingCalculator.Rank(round, inputs.Where(i => trackOf.GetValueOrDefault(i.EntryId) == t.Id).ToList())))
            .ToList();
        return new RoundRankingResult(round, groups);
    }
}
