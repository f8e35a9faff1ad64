using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>An entry's place in its ranking group, as the published ranking gives it.</summary>
public sealed record Standing(int EntryId, int Rank, bool Tied, int ScoreHundredths, int JudgeCount, int DroppedCount)
{
    /// <summary>The judges' part of the score (before any public jury part and weighting of rounds), unrounded.</summary>
    public decimal JudgesHundredths { get; init; }
}

/// <summary>An entry with sheets that the round's rules give no score and no rank.</summary>
public sealed record UnrankedStanding(int EntryId, UnrankedReason Reason);

/// <summary>One ranking group of a round (a track, or a track × industry field).</summary>
public sealed record StandingGroup(string Name, string NameEn, IReadOnlyList<Standing> Ranked, IReadOnlyList<UnrankedStanding> Unranked)
{
    public string LocalizedName => Localized.Pick(Name, NameEn);
}

/// <summary>
/// The round's ranking of some of its entries, by the one ranking function the results are published with, for the
/// pages of scoring (the progress page, the big screen). Rankings provides it: Rankings reads the sheets and votes
/// scoring keeps, so scoring asks through this seam rather than depending on Rankings in turn.
/// </summary>
public interface IRoundStandings
{
    /// <summary>Every entry of the round with a submitted sheet; null when the round does not exist.</summary>
    Task<IReadOnlyList<StandingGroup>?> ForRoundAsync(int roundId, CancellationToken ct);

    /// <summary>Only these entries (a few: their ids are sent to the database); null when the round does not exist.</summary>
    Task<IReadOnlyList<StandingGroup>?> ForEntriesAsync(int roundId, IReadOnlyCollection<int> entryIds, CancellationToken ct);
}
