using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// The public jury part (人气分) of a round's own score, with weight w = <see cref="Round.PublicJuryWeightPercent"/>:
/// <list type="number">
/// <item>public jury score = votes ÷ V × F, where V = the most votes any entry of the round got and F = the rubric's full
/// marks (Σ max points; 100 points when the rubric is weighted), unrounded;</item>
/// <item>own score = ((100 − w) × judges' score + w × public jury score) ÷ 100, unrounded; the one rounding comes later,
/// after any weighting of earlier rounds (see <see cref="RankingCalculator"/>);</item>
/// <item>an entry nobody voted for gets 0 public jury points; when no entry of the round got a vote (V = 0) the part is
/// left out and the judges' score is the own score, since 0 ÷ 0 ranks nobody.</item>
/// </list>
/// </summary>
public static class PublicJury
{
    /// <summary>The public jury score in hundredths, or null when the part is left out (no weight, or no votes at all).</summary>
    public static decimal? ScoreHundredths(Round round, int votes, int mostVotes) =>
        round.PublicJuryWeightPercent == 0 || mostVotes == 0 ? null : votes * (decimal)Rubric.FullMarksHundredths(round) / mostVotes;

    /// <summary>The own score: judges and public jury mixed by the weight; the judges' score alone when there is no jury part.</summary>
    public static decimal Mix(Round round, decimal judgesHundredths, decimal? juryHundredths) =>
        juryHundredths is { } jury
            ? ((100 - round.PublicJuryWeightPercent) * judgesHundredths + round.PublicJuryWeightPercent * jury) / 100
            : judgesHundredths;

    /// <summary>Own scores of every judged entry of a round, for a later round that weighs this one.</summary>
    public static IReadOnlyDictionary<int, decimal> OwnScores(Round round, IReadOnlyDictionary<int, ExactAggregate> judges,
        IReadOnlyDictionary<int, int> votes)
    {
        var most = votes.Count == 0 ? 0 : votes.Values.Max();
        return judges.ToDictionary(x => x.Key,
            x => Mix(round, x.Value.ScoreHundredths, ScoreHundredths(round, votes.GetValueOrDefault(x.Key), most)));
    }

}
