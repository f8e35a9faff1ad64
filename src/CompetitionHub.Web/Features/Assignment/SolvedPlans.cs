using Microsoft.Extensions.Caching.Memory;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// Plans already solved, so paging through a preview, coming back to it, and committing it do not solve the whole round
/// again (50,000 pairs at 10,000 entries × 5 judges). A plan is found by the fingerprint of the solver's whole input and
/// seed, worked out from the round as it is read for this request: the solver is pure, so a plan found under it is the
/// one a new solve would give, and any change to the pool, the entries, the conflicts, the pins or the removals is a
/// different fingerprint, never a stale plan.
/// </summary>
public sealed class SolvedPlans : IDisposable
{
    /// <summary>Pairs held at most, all plans together: ten plans of the largest rounds measured.</summary>
    public const long PairLimit = 500_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(20);

    private readonly MemoryCache plans = new(new MemoryCacheOptions { SizeLimit = PairLimit });

    /// <summary>The plan of <paramref name="problem"/> with <paramref name="seed"/>, whose fingerprint the caller has worked out.</summary>
    public AssignmentPlan Solve(int roundId, AssignmentProblem problem, int seed, string fingerprint)
    {
        var key = (roundId, fingerprint);
        if (plans.TryGetValue(key, out AssignmentPlan? plan) && plan is not null) return plan;
        plan = AssignmentSolver.Solve(problem, seed);
        // Sized by its pairs, so the limit bounds memory whatever the rounds' sizes; an empty plan still counts one.
        plans.Set(key, plan, new MemoryCacheEntryOptions { Size = Math.Max(1, plan.Pairs.Count), SlidingExpiration = Unused });
        return plan;
    }

    /// <summary>
    /// A preview worked out whole, kept under the round's stamp as well as the fingerprint: what it adds and drops depends
    /// on every stored pair, which the fingerprint does not cover (it holds the pins only) and the stamp does.
    /// </summary>
    public KeptPreview? Kept(int roundId, string fingerprint, Guid? stamp) =>
        plans.TryGetValue((roundId, fingerprint, stamp), out KeptPreview? kept) ? kept : null;

    public void Keep(int roundId, string fingerprint, Guid? stamp, KeptPreview kept)
    {
        // Sized with its plan, which it keeps alive even after the plan's own entry is dropped.
        var size = Math.Max(1, kept.Plan.Pairs.Count + kept.Added.Count + kept.Removed.Count);
        plans.Set((roundId, fingerprint, stamp), kept, new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Unused });
    }

    public void Dispose() => plans.Dispose();
}
