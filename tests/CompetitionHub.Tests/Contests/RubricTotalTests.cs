using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Tests.Contests;

/// <summary>Worked examples of a sheet's total (<see cref="Rubric.TotalHundredths"/>), computed by hand in each comment.</summary>
public sealed class RubricTotalTests
{
    private static RubricCriterion Line(int id, int maxHundredths, int? weight, int? trackId = null, int step = 50) =>
        new() { Id = id, Sequence = id, Name = $"项{id}", NameEn = $"Line {id}", MaxPointsHundredths = maxHundredths, WeightPercent = weight, TrackId = trackId, StepHundredths = step };

    /// <summary>40/30/10/10/10 % over lines of 20, 30, 10, 15 and 15 points.</summary>
    private static readonly RubricCriterion[] Weighted = [Line(1, 2000, 40), Line(2, 3000, 30), Line(3, 1000, 10), Line(4, 1500, 10), Line(5, 1500, 10)];

    [Fact]
    public void TotalHundredths_SumsThePoints_WhenNoLineHasAWeight()
    {
        RubricCriterion[] rubric = [Line(1, 3000, null), Line(2, 2000, null)];

        // 27.5 + 18 = 45.5
        Assert.Equal(4550, Rubric.TotalHundredths(rubric, new Dictionary<int, int> { [1] = 2750, [2] = 1800 }));
        Assert.Equal(5000, Rubric.FullMarksHundredths(rubric));
    }

    [Fact]
    public void TotalHundredths_AppliesTheWeightsOnAHundredPointScale_WhenEveryLineHasOne()
    {
        // 15/20·40 + 22.5/30·30 + 7/10·10 + 12/15·10 + 9/15·10 = 30 + 22.5 + 7 + 8 + 6 = 73.5 (the raw sum would be 65.5)
        var points = new Dictionary<int, int> { [1] = 1500, [2] = 2250, [3] = 700, [4] = 1200, [5] = 900 };

        Assert.Equal(7350, Rubric.TotalHundredths(Weighted, points));
        Assert.Equal(10_000, Rubric.FullMarksHundredths(Weighted));
        Assert.Equal(10_000, Rubric.TotalHundredths(Weighted, new Dictionary<int, int> { [1] = 2000, [2] = 3000, [3] = 1000, [4] = 1500, [5] = 1500 }));
    }

    [Fact]
    public void TotalHundredths_RoundsOnceHalfUp_WhenLinesHaveRepeatingFractions()
    {
        // 15/20·40 + 22.5/30·30 + 7/10·10 + 13.3/15·10 + 11.2/15·10 = 30 + 22.5 + 7 + 8.8666… + 7.4666… = 75.8333… -> 75.83;
        // rounding each line first would give 8.87 + 7.47 and 75.84.
        var points = new Dictionary<int, int> { [1] = 1500, [2] = 2250, [3] = 700, [4] = 1330, [5] = 1120 };

        Assert.Equal(7583, Rubric.TotalHundredths(Weighted, points));
    }

    [Fact]
    public void TotalHundredths_RoundsAnExactHalfUp_WhenTheSumEndsInFiveThousandths()
    {
        // Lines of 8 and 92 points weighing 50 % each: 0.1/8·50 = 0.625 -> 0.63 (half up, not to even);
        // 0.3/8·50 = 1.875 -> 1.88; 0.1/8·50 + 0.5/92·50 = 0.625 + 0.27173… = 0.8967… -> 0.90.
        RubricCriterion[] rubric = [Line(1, 800, 50), Line(2, 9200, 50)];

        Assert.Equal(63, Rubric.TotalHundredths(rubric, new Dictionary<int, int> { [1] = 10, [2] = 0 }));
        Assert.Equal(188, Rubric.TotalHundredths(rubric, new Dictionary<int, int> { [1] = 30, [2] = 0 }));
        Assert.Equal(90, Rubric.TotalHundredths(rubric, new Dictionary<int, int> { [1] = 10, [2] = 50 }));
    }

    [Fact]
    public void ForTrack_GivesTheTracksOwnLines_WhenItHasAny()
    {
        RubricCriterion[] round = [Line(1, 1000, null), Line(2, 1000, null), Line(3, 6000, null, trackId: 7), Line(4, 4000, null, trackId: 7)];

        Assert.Equal([3, 4], Rubric.ForTrack(round, 7).Select(c => c.Id));
        Assert.Equal([1, 2], Rubric.ForTrack(round, 8).Select(c => c.Id));
        Assert.Equal([1, 2], Rubric.ForTrack(round, null).Select(c => c.Id));
        Assert.Equal(10_000, Rubric.FullMarksHundredths(Rubric.OfSheet(round, [3, 4])));
    }

    [Fact]
    public void BreakerLine_ReadsTheLineInTheSamePosition_WhenTheSheetIsOnATracksOwnRubric()
    {
        RubricCriterion[] round = [Line(1, 1000, null), Line(2, 1000, null), Line(3, 6000, null, trackId: 7), Line(4, 4000, null, trackId: 7), Line(5, 500, null, trackId: 8)];

        Assert.Equal(2, Rubric.BreakerLine(round, 2, [1, 2]));
        Assert.Equal(4, Rubric.BreakerLine(round, 2, [3, 4]));
        Assert.Null(Rubric.BreakerLine(round, 2, [5]));
    }
}
