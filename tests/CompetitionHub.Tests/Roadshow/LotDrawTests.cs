using CompetitionHub.Web.Features.Roadshow;

namespace CompetitionHub.Tests.Roadshow;

public sealed class LotDrawTests
{
    private static readonly int[] TenEntries = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110];

    [Fact]
    public void Draw_GivesThePublishedOrder_ForAKnownSeedAndInput()
    {
        // Worked out independently from the written description (SplitMix64 + Fisher–Yates); a change of algorithm
        // would make past draws impossible to verify, so it must fail here.
        Assert.Equal([104, 110, 109, 107, 102, 105, 103, 101, 108, 106], LotDraw.Draw(TenEntries, 20261125));
        Assert.Equal([3, 4, 2, 5, 1], LotDraw.Draw([5, 3, 1, 4, 2], -1));
    }

    [Fact]
    public void Draw_GivesTheSameOrder_WhenSeedAndEntriesAreTheSame()
    {
        var shuffledInput = TenEntries.Reverse().ToArray();
        Assert.Equal(LotDraw.Draw(TenEntries, 77), LotDraw.Draw(TenEntries, 77));
        // The input is sorted first, so the order the ids were listed in does not matter.
        Assert.Equal(LotDraw.Draw(TenEntries, 77), LotDraw.Draw(shuffledInput, 77));
        Assert.NotEqual(LotDraw.Draw(TenEntries, 77), LotDraw.Draw(TenEntries, 78));
    }

    [Fact]
    public void Draw_ReturnsAPermutationOfTheEntries_ForEverySeed()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var ids = Enumerable.Range(1, 1 + seed % 20).Select(i => i * 7).ToArray();
            Assert.Equal(ids, LotDraw.Draw(ids, seed).Order());
        }
        Assert.Empty(LotDraw.Draw([], 1));
        Assert.Equal([42], LotDraw.Draw([42], int.MinValue));
    }

    [Fact]
    public void Draw_SpreadsPositionsEvenly_OverManySeeds()
    {
        const int n = 6, draws = 6000;
        int[] ids = [11, 22, 33, 44, 55, 66];
        var counts = new int[n, n];
        for (var seed = 0; seed < draws; seed++)
        {
            var order = LotDraw.Draw(ids, seed);
            for (var position = 0; position < n; position++)
                counts[Array.IndexOf(ids, order[position]), position]++;
        }
        var expected = draws / (double)n;
        var chiSquare = 0.0;
        foreach (var observed in counts)
            chiSquare += (observed - expected) * (observed - expected) / expected;
        // 25 degrees of freedom: the mean is 25 and 80 lies far in the tail (p < 1e-7); a biased shuffle
        // (e.g. j drawn from the whole range) lands in the hundreds.
        Assert.True(chiSquare < 80, $"chi-square {chiSquare:0.0}");
    }
}
