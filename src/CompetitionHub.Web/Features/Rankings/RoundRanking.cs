using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>The ranking of one group in a round: a track of the contest, or a track × industry field (<see cref="Round.RankByIndustry"/>).</summary>
public sealed record GroupRanking(int TrackId, string TrackName, string TrackNameEn, IReadOnlyList<RankedEntry> Entries)
{
    /// <summary>The industry field (Entry.Industry) of the group; null when the round ranks whole tracks.</summary>
    public string? Industry { get; init; }

    /// <summary>The group's name for pages and exports: the track, and its industry field when the round ranks by field.</summary>
    public string Name => Industry is null ? TrackName : $"{TrackName} · {IndustryLabel}";

    public string NameEn => Industry is null ? TrackNameEn : $"{TrackNameEn} · {IndustryLabel}";

    public string LocalizedName => Localized.Pick(Name, NameEn);

    private string IndustryLabel => Industry is { Length: > 0 } industry ? industry : "—";
}

public sealed record RoundRankingResult(Round Round, IReadOnlyList<GroupRanking> Groups);

/// <summary>
/// Loads a round's submitted sheets (and, for a weighted round, the earlier rounds' sheets; the entries' submission
/// times; the recorded tie draws) and ranks each group with <see cref="RankingCalculator"/>. Only entries with at least
/// one submitted sheet in this round are ranked.
/// </summary>
public sealed class RoundRanking(AppDbContext db)
{
    public Task<RoundRankingResult?> ComputeAsync(int roundId, CancellationToken ct) => ComputeAsync(roundId, perTrack: false, ct);

    /// <summary>
    /// The ranking per whole track even when the round ranks by industry field: awards are planned and decided per track.
    /// </summary>
    public Task<RoundRankingResult?> ComputePerTrackAsync(int roundId, CancellationToken ct) => ComputeAsync(roundId, perTrack: true, ct);

    private async Task<RoundRankingResult?> ComputeAsync(int roundId, bool perTrack, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var inputs = await SheetsAsync(roundId, ct);
        // The contest's entries rather than "Id in (the scored ones)": a round of 10,000 entries would otherwise send
        // 10,000 parameters, which costs SQLite more than reading the few extra rows.
        var entries = await db.Entries.AsNoTracking().Where(e => e.ContestId == round.ContestId)
            .Select(e => new { e.Id, e.TrackId, e.SubmittedAt, e.Industry }).ToListAsync(ct);
        var trackOf = entries.ToDictionary(e => e.Id, e => e.TrackId);
        var tracks = await db.ContestTracks.AsNoTracking().Where(t => t.ContestId == round.ContestId)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);

        var earlier = new Dictionary<int, IReadOnlyDictionary<int, decimal>>();
        foreach (var weight in RankingRules.EarlierWeights(round))
        {
            var earlierRound = await db.Rounds.AsNoTracking().Include(r => r.Criteria)
                .SingleOrDefaultAsync(r => r.Id == weight.RoundId && r.ContestId == round.ContestId, ct);
            if (earlierRound is null) continue;
            earlier[weight.RoundId] = PublicJury.OwnScores(earlierRound,
                RankingCalculator.ScoreRound(earlierRound, await SheetsAsync(earlierRound.Id, ct)), await VotesAsync(earlierRound, ct));
        }
        var draws = await db.TieDraws.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync(ct);
        var context = new RankingContext
        {
            EarlierRoundScores = earlier,
            EntrySubmittedAt = entries.Where(e => e.SubmittedAt is not null).ToDictionary(e => e.Id, e => e.SubmittedAt!.Value),
            Draws = [.. draws.Select(d => new RecordedDraw(d.EntryIdList, d.ScoreHundredths, d.Seed))],
            PublicVotes = await VotesAsync(round, ct),
        };

        // Scored over the whole round: ZScore needs each judge's sheets across all the groups they scored in.
        var roundScores = RankingCalculator.ScoreRound(round, inputs);
        var groups = new List<GroupRanking>();
        var byIndustry = round.RankByIndustry && !perTrack;
        var industryOf = entries.ToDictionary(e => e.Id, e => e.Industry);
        var fields = byIndustry
            ? await db.Contests.AsNoTracking().Where(c => c.Id == round.ContestId).Select(c => c.IndustryFields).SingleAsync(ct)
            : [];
        foreach (var t in tracks)
        {
            var inTrack = inputs.Where(i => trackOf.GetValueOrDefault(i.EntryId) == t.Id).ToList();
            if (!byIndustry)
            {
                groups.Add(new GroupRanking(t.Id, t.Name, t.NameEn, RankingCalculator.Rank(round, inTrack, roundScores, context)));
                continue;
            }
            // One group per industry field an entry of the track was submitted with, in the contest's order of fields.
            var judged = inTrack.Select(i => i.EntryId).ToHashSet();
            var industries = entries.Where(e => e.TrackId == t.Id && (e.SubmittedAt is not null || judged.Contains(e.Id)))
                .Select(e => e.Industry).Distinct()
                .OrderBy(i => i.Length == 0 ? 1 : 0).ThenBy(i => fields.IndexOf(i) is var at && at >= 0 ? at : int.MaxValue)
                .ThenBy(i => i, StringComparer.Ordinal);
            foreach (var industry in industries)
                groups.Add(new GroupRanking(t.Id, t.Name, t.NameEn,
                    RankingCalculator.Rank(round, [.. inTrack.Where(i => industryOf.GetValueOrDefault(i.EntryId) == industry)], roundScores, context))
                {
                    Industry = industry,
                });
        }
        return new RoundRankingResult(round, groups);
    }

    /// <summary>Public jury votes per entry of a round with a public jury; none otherwise.</summary>
    public async Task<IReadOnlyDictionary<int, int>> VotesAsync(Round round, CancellationToken ct) =>
        round.PublicJuryWeightPercent == 0
            ? new Dictionary<int, int>()
            : await db.PublicVotes.AsNoTracking().Where(v => v.RoundId == round.Id).GroupBy(v => v.EntryId)
                .Select(g => new { EntryId = g.Key, Votes = g.Count() }).ToDictionaryAsync(x => x.EntryId, x => x.Votes, ct);

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
