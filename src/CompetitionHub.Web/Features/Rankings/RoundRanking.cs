using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>The ranking of one group (a track of the contest) in a round.</summary>
public sealed record GroupRanking(int TrackId, string TrackName, string TrackNameEn, IReadOnlyList<RankedEntry> Entries)
{
    /// <summary>Entries of the group with sheets but no own score (e.g. 评委人数不足), so not in <see cref="Entries"/>.</summary>
    public IReadOnlyList<UnrankedEntry> Unranked { get; init; } = [];
}

public sealed record RoundRankingResult(Round Round, IReadOnlyList<GroupRanking> Groups);

/// <summary>
/// Loads a round's submitted sheets (and, for a weighted round, the earlier rounds' sheets; the entries' submission
/// times; the recorded tie draws and panel decisions; the judge groups) and ranks each group with <see cref="RankingCalculator"/>. Only entries with at least
/// one submitted sheet in this round are ranked.
/// </summary>
public sealed class RoundRanking(AppDbContext db)
{
    public async Task<RoundRankingResult?> ComputeAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var inputs = await SheetsAsync(roundId, ct);
        // The contest's entries rather than "Id in (the scored ones)": a round of 10,000 entries would otherwise send
        // 10,000 parameters, which costs SQLite more than reading the few extra rows.
        var entries = await db.Entries.AsNoTracking().Where(e => e.ContestId == round.ContestId)
            .Select(e => new { e.Id, e.TrackId, e.SubmittedAt }).ToListAsync(ct);
        var trackOf = entries.ToDictionary(e => e.Id, e => e.TrackId);
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == round.ContestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);

        var earlier = new Dictionary<int, IReadOnlyDictionary<int, decimal>>();
        foreach (var weight in RankingRules.EarlierWeights(round))
        {
            var earlierRound = await db.Rounds.AsNoTracking().Include(r => r.Criteria)
                .SingleOrDefaultAsync(r => r.Id == weight.RoundId && r.ContestId == round.ContestId, ct);
            if (earlierRound is null) continue;
            earlier[weight.RoundId] = RankingCalculator.ScoreRound(earlierRound, await SheetsAsync(earlierRound.Id, ct),
                    await GroupingAsync(earlierRound.Id, ct))
                .ToDictionary(x => x.Key, x => x.Value.ScoreHundredths);
        }
        var draws = await db.TieDraws.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync(ct);
        var decisions = await db.PanelDecisions.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync(ct);
        var grouping = await GroupingAsync(roundId, ct);
        var context = new RankingContext
        {
            EarlierRoundScores = earlier,
            EntrySubmittedAt = entries.Where(e => e.SubmittedAt is not null).ToDictionary(e => e.Id, e => e.SubmittedAt!.Value),
            Draws = [.. draws.Select(d => new RecordedDraw(d.EntryIdList, d.ScoreHundredths, d.Seed))],
            PanelDecisions = [.. decisions.Select(d => new RecordedDecision(d.EntryIdList, d.ScoreHundredths, d.DecidedOrderList))],
            JudgeGroups = grouping,
        };

        // Scored over the whole round: ZScore needs each judge's sheets across all the groups they scored in.
        var roundScores = RankingCalculator.ScoreRound(round, inputs, grouping);
        var groups = new List<GroupRanking>();
        foreach (var t in tracks)
        {
            List<SheetInput> trackSheets = [.. inputs.Where(i => trackOf.GetValueOrDefault(i.EntryId) == t.Id)];
            groups.Add(new GroupRanking(t.Id, t.Name, t.NameEn, RankingCalculator.Rank(round, trackSheets, roundScores, context))
            {
                Unranked = RankingCalculator.Unranked(round, trackSheets, roundScores, grouping),
            });
        }
        return new RoundRankingResult(round, groups);
    }

    /// <summary>A round's judge groups and their members as the calculator reads them.</summary>
    public async Task<JudgeGrouping> GroupingAsync(int roundId, CancellationToken ct)
    {
        var groups = await db.JudgeGroups.AsNoTracking().Where(g => g.RoundId == roundId).OrderBy(g => g.Sequence).ToListAsync(ct);
        if (groups.Count == 0) return JudgeGrouping.None;
        var members = await db.JudgeGroupMembers.AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct);
        return new JudgeGrouping([.. groups.Select(g => new JudgeGroupWeight(g.Id, g.WeightPercent))],
            members.ToDictionary(m => m.JudgeUserId, m => m.JudgeGroupId));
    }

    /// <summary>A round's submitted sheets as the calculator reads them (effective totals: approved corrections count).</summary>
    public async Task<List<SheetInput>> SheetsAsync(int roundId, CancellationToken ct)
    {
        var sheets = await db.ScoreSheets.AsNoTracking()
            .Where(s => s.RoundId == roundId && s.Status == SheetStatus.Submitted)
            .Select(s => new { s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths, s.Lines, s.SubmittedAt })
            .ToListAsync(ct);
        return [.. sheets.Select(s => new SheetInput(s.EntryId, s.JudgeUserId, s.EffectiveTotalHundredths,
            s.Lines.ToDictionary(l => l.CriterionId, l => l.PointsHundredths), s.SubmittedAt ?? DateTime.MinValue))];
    }
}
