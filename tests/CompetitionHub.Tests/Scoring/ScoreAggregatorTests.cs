using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Tests.Scoring;

public sealed class ScoreAggregatorTests
{
    [Fact]
    public void Aggregate_TakesTheMean_WhenMethodIsMean()
    {
        var result = ScoreAggregator.Aggregate([8525, 8550, 8575], AggregationMethod.Mean);

        Assert.Equal(new AggregateResult(8550, 3, 0), result);
    }

    [Fact]
    public void Aggregate_KeepsEveryTotal_WhenMeanEvenWithManyJudges()
    {
        var result = ScoreAggregator.Aggregate([6000, 8000, 8000, 8000, 10000], AggregationMethod.Mean);

        Assert.Equal(new AggregateResult(8000, 5, 0), result);
    }

    [Fact]
    public void Aggregate_DropsOneHighestAndOneLowest_WhenTrimmedMeanAndEnoughJudges()
    {
        var result = ScoreAggregator.Aggregate([9900, 8000, 7000, 8200, 8100], AggregationMethod.TrimmedMean, trimMinJudges: 5);

        Assert.Equal(new AggregateResult(8100, 3, 2), result);
    }

    [Fact]
    public void Aggregate_DropsOnlyOnePairOfExtremes_WhenSeveralJudgesShareTheHighest()
    {
        var result = ScoreAggregator.Aggregate([9000, 9000, 8000, 7000, 7000, 8000], AggregationMethod.TrimmedMean, trimMinJudges: 5);

        // 9000, 8000, 8000, 7000 remain: one 9000 and one 7000 are dropped, not all of them.
        Assert.Equal(new AggregateResult(8000, 4, 2), result);
    }

    [Fact]
    public void Aggregate_DropsNothing_WhenTrimmedMeanWithFewerJudgesThanTrimMinJudges()
    {
        var result = ScoreAggregator.Aggregate([9900, 7000, 8000, 8200], AggregationMethod.TrimmedMean, trimMinJudges: 5);

        Assert.Equal(new AggregateResult(8275, 4, 0), result);
    }

    [Fact]
    public void Aggregate_DropsExtremes_WhenTrimMinJudgesIsLoweredToThree()
    {
        var result = ScoreAggregator.Aggregate([9000, 6000, 7000], AggregationMethod.TrimmedMean, trimMinJudges: 3);

        Assert.Equal(new AggregateResult(7000, 1, 2), result);
    }

    [Fact]
    public void Aggregate_UsesFiveJudgesAsTheDefaultTrimThreshold()
    {
        Assert.Equal(0, ScoreAggregator.Aggregate([9000, 6000, 7000, 8000], AggregationMethod.TrimmedMean).Dropped);
        Assert.Equal(2, ScoreAggregator.Aggregate([9000, 6000, 7000, 8000, 7500], AggregationMethod.TrimmedMean).Dropped);
    }

    [Theory]
    [InlineData(new[] { 8500, 8501 }, 8501)]          // 85.005 -> 85.01
    [InlineData(new[] { 8502, 8503 }, 8503)]          // 85.025 -> 85.03 (half up, not to even)
    [InlineData(new[] { 8500, 8500, 8501 }, 8500)]    // 85.00333 -> 85.00
    [InlineData(new[] { 8500, 8501, 8501 }, 8501)]    // 85.00666 -> 85.01
    [InlineData(new[] { 1, 2, 2, 2 }, 2)]             // 0.0175 -> 0.02
    public void Aggregate_RoundsHalfUpToTwoDecimals_WhenTheMeanHasMoreDecimals(int[] totals, int expected)
    {
        Assert.Equal(expected, ScoreAggregator.Aggregate(totals, AggregationMethod.Mean).ScoreHundredths);
    }

    [Fact]
    public void Aggregate_ReturnsZeroAndCountsNothing_WhenNoJudgeScored()
    {
        Assert.Equal(new AggregateResult(0, 0, 0), ScoreAggregator.Aggregate([], AggregationMethod.TrimmedMean));
        Assert.Equal(new AggregateResult(0, 0, 0), ScoreAggregator.Aggregate([], AggregationMethod.Mean));
    }
}
