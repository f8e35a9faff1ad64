using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>Scoring's pages get the ranking from <see cref="RoundRanking"/>, the same as the published results.</summary>
public sealed class RoundStandings(RoundRanking ranking) : IRoundStandings
{
    public async Task<IReadOnlyList<StandingGroup>?> ForRoundAsync(int roundId, CancellationToken ct) =>
        Groups(await ranking.ComputeAsync(roundId, ct));

    public async Task<IReadOnlyList<StandingGroup>?> ForEntriesAsync(int roundId, IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        Groups(await ranking.ComputeForEntriesAsync(roundId, entryIds, ct));

    private static List<StandingGroup>? Groups(RoundRankingResult? computed) =>
        computed?.Groups.Select(g => new StandingGroup(g.Name, g.NameEn,
                [.. g.Entries.Select(r => new Standing(r.EntryId, r.Rank, r.Tied, r.ScoreHundredths, r.JudgeCount, r.DroppedCount)
                    { JudgesHundredths = r.JudgesHundredths })],
                [.. g.Unranked.Select(u => new UnrankedStanding(u.EntryId, u.Reason))]))
            .ToList();
}
