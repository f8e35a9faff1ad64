namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>
/// The running order of a roadshow session, drawn by lot from a published seed. Everything is written out here rather
/// than taken from <see cref="System.Random"/>, whose algorithm .NET may change between versions: anyone holding the seed,
/// the entry ids and the description below can repeat the draw in any language and get the same order.
/// <para>
/// Algorithm: (1) sort the entry ids ascending; (2) start a SplitMix64 generator with state = the seed as an unsigned
/// 32-bit number (a negative seed is taken modulo 2^32); each step adds 0x9E3779B97F4A7C15 to the state (mod 2^64), then
/// z = state; z = (z xor (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z xor (z >> 27)) * 0x94D049BB133111EB; output z xor (z >> 31);
/// (3) Fisher–Yates: for i from n−1 down to 1, take the next output, j = output mod (i + 1), swap items i and j.
/// The result, first to last, is positions 1, 2, 3 … (The modulo's bias is below n / 2^64: nothing a draw could show.)
/// </para>
/// </summary>
public static class LotDraw
{
    public const string AlgorithmName = "SplitMix64 + Fisher–Yates";

    public static IReadOnlyList<int> Draw(IReadOnlyList<int> entryIds, int seed)
    {
        var order = entryIds.Order().ToArray();
        var random = new SplitMix64(unchecked((uint)seed));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(random.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Sebastiano Vigna's SplitMix64: a tiny, well-tested generator that is easy to re-implement anywhere.</summary>
    internal struct SplitMix64(ulong state)
    {
        private ulong state = state;

        public ulong Next()
        {
            unchecked
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
