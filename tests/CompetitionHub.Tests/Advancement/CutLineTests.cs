using CompetitionHub.Web.Features.Advancement;

namespace CompetitionHub.Tests.Advancement;

public sealed class CutLineTests
{
    // Ranks as the calculator gives them: 1, 2, 3, 3, 3, 6, then one entry nobody scored.
    private static readonly Placed[] Ranking =
    [
        new(10, 1), new(11, 2), new(12, 3), new(13, 3), new(14, 3), new(15, 6), new(16, null),
    ];

    [Fact]
    public void Compute_PutsTheWholeTieAbove_WhenTheQuotaEndsAfterIt()
    {
        var cut = CutLine.Compute(Ranking, 5);

        Assert.False(cut.HasTie);
        Assert.Equal([10, 11, 12, 13, 14], cut.Above);
        Assert.Equal([15, 16], cut.Below);
        Assert.Equal([10, 11, 12, 13, 14], cut.Advancing([]));
    }

    [Fact]
    public void Compute_ReportsTheTieAndItsSeats_WhenTheQuotaLineFallsInsideATie()
    {
        var cut = CutLine.Compute(Ranking, 4);

        Assert.True(cut.HasTie);
        Assert.Equal([10, 11], cut.Above);
        Assert.Equal([12, 13, 14], cut.TiedAtLine);
        Assert.Equal(2, cut.SeatsInTie);
        Assert.Equal([15, 16], cut.Below);
    }

    [Fact]
    public void Compute_CutsByRank_WhenTheEntriesAreNotGivenInRankOrder()
    {
        Placed[] shuffled = [new(15, 6), new(16, null), new(12, 3), new(10, 1), new(13, 3), new(11, 2), new(14, 3)];

        var cut = CutLine.Compute(shuffled, 4);

        Assert.Equal([10, 11], cut.Above);
        Assert.Equal([12, 13, 14], cut.TiedAtLine);
        Assert.Equal([15, 16], cut.Below);
    }

    [Fact]
    public void Advancing_RefusesToChoose_WhenTheTieIsNotSettled()
    {
        var cut = CutLine.Compute(Ranking, 4);

        Assert.Null(cut.Advancing([]));
        Assert.Null(cut.Advancing([12]));          // one pick for two seats
        Assert.Null(cut.Advancing([12, 13, 14]));  // three picks for two seats
        Assert.Null(cut.Advancing([12, 15]));      // 15 is not in the tie
    }

    [Fact]
    public void Advancing_TakesTheOrganizersPicks_WhenTheyFillTheSeatsInTheTie()
    {
        var cut = CutLine.Compute(Ranking, 4);

        Assert.Equal([10, 11, 12, 14], cut.Advancing([14, 12]));
    }

    [Fact]
    public void Compute_NeverAdvancesAnUnscoredEntry_WhenTheQuotaExceedsTheRankedEntries()
    {
        var cut = CutLine.Compute(Ranking, 20);

        Assert.Equal(6, cut.Above.Count);
        Assert.Equal([16], cut.Below);
    }

    [Fact]
    public void Compute_AdvancesNobody_WhenTheQuotaIsZero()
    {
        var cut = CutLine.Compute(Ranking, 0);

        Assert.Empty(cut.Above);
        Assert.False(cut.HasTie);
        Assert.Equal(7, cut.Below.Count);
    }

    [Fact]
    public void NextInLine_TakesTheBestRankedEliminatedEntry_WhenBackfilling()
    {
        Placed[] waiting = [new(21, 9), new(22, 7), new(23, null), new(24, 8)];

        Assert.Equal([22], Backfill.NextInLine(waiting));
        Assert.Equal([24], Backfill.NextInLine([.. waiting.Where(p => p.EntryId != 22)]));
    }

    [Fact]
    public void NextInLine_ReturnsEveryTiedEntry_WhenTheBestWaitingEntriesShareARank()
    {
        Placed[] waiting = [new(31, 5), new(30, 5), new(32, 7)];

        Assert.Equal([30, 31], Backfill.NextInLine(waiting));
    }

    [Fact]
    public void NextInLine_IsEmpty_WhenOnlyUnscoredEntriesWait()
    {
        Assert.Empty(Backfill.NextInLine([new(40, null)]));
    }
}
