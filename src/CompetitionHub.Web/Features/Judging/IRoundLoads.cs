namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// Each judge's load in a round (their stored pairs), as Assignment keeps it: the pool page shows it per online round
/// without Judging reading the rounds' pairs itself, which at 10,000 entries × 5 judges is counting 50,000 of them.
/// </summary>
public interface IRoundLoads
{
    /// <summary>Every asked round, with each judge who has a stored pair in it and how many.</summary>
    Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>>> ByJudgeAsync(IReadOnlyCollection<int> roundIds, CancellationToken ct);
}
