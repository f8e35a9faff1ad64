using CompetitionHub.Web.Features.Awards;

namespace CompetitionHub.Tests.Awards;

public sealed class GradeProposalTests
{
    [Fact]
    public void Propose_GivesGradesByPositionAndCounts_WhenThereAreNoTies()
    {
        RankedForAward[] ranking = [new(1, 1), new(2, 2), new(3, 3), new(4, 4), new(5, 5), new(6, 6), new(7, null)];

        var grades = GradeProposal.Propose(ranking, new GradeCounts(1, 2, 2, 1));

        Assert.Equal(PrizeGrade.First, grades[1]);
        Assert.Equal(PrizeGrade.Second, grades[2]);
        Assert.Equal(PrizeGrade.Second, grades[3]);
        Assert.Equal(PrizeGrade.Third, grades[4]);
        Assert.Equal(PrizeGrade.Third, grades[5]);
        Assert.Equal(PrizeGrade.Excellence, grades[6]);
        Assert.Null(grades[7]);
        Assert.Empty(GradeProposal.SplitTies(ranking, grades));
    }

    [Fact]
    public void SplitTies_WarnsOfTheTie_WhenAGradeBoundaryFallsInsideIt()
    {
        // Second place is shared by three entries; one 一等奖 and two 二等奖 put the 二/三 boundary inside the tie.
        RankedForAward[] ranking = [new(1, 1), new(2, 2), new(3, 2), new(4, 2), new(5, 5)];

        var grades = GradeProposal.Propose(ranking, new GradeCounts(1, 2, 2, 0));
        var splits = GradeProposal.SplitTies(ranking, grades);

        var split = Assert.Single(splits);
        Assert.Equal(2, split.Rank);
        Assert.Equal(PrizeGrade.Second, split.Upper);
        Assert.Equal(PrizeGrade.Third, split.Lower);
        Assert.Equal([2, 3, 4], split.EntryIds);
    }

    [Fact]
    public void SplitTies_WarnsOfTheTie_WhenTheLastPrizeFallsInsideIt()
    {
        RankedForAward[] ranking = [new(1, 1), new(2, 2), new(3, 2)];

        var splits = GradeProposal.SplitTies(ranking, GradeProposal.Propose(ranking, new GradeCounts(1, 0, 0, 1)));

        var split = Assert.Single(splits);
        Assert.Equal(PrizeGrade.Excellence, split.Upper);
        Assert.Null(split.Lower);
    }

    [Fact]
    public void SplitTies_IsEmpty_WhenTheOrganizerGivesTiedEntriesTheSameGrade()
    {
        RankedForAward[] ranking = [new(1, 1), new(2, 2), new(3, 2), new(4, 2)];
        var chosen = new Dictionary<int, PrizeGrade?> { [1] = PrizeGrade.First, [2] = PrizeGrade.Second, [3] = PrizeGrade.Second, [4] = PrizeGrade.Second };

        Assert.Empty(GradeProposal.SplitTies(ranking, chosen));
    }
}
