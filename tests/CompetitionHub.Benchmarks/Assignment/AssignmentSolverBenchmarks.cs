using BenchmarkDotNet.Attributes;
using CompetitionHub.Web.Features.Assignment;

namespace CompetitionHub.Benchmarks.Assignment;

/// <summary>
/// What the assignment solver's quality costs on a large online round: 2,000 entries × 150 judges × k = 5 with 5 %
/// random conflicts (fixed seed), against a bare round-robin that only respects conflicts (baseline). The plans'
/// figures (load spread, most entries two judges share, expertise matches) are printed once in the setup.
/// </summary>
public class AssignmentSolverBenchmarks
{
    private AssignmentProblem problem = null!;

    [GlobalSetup]
    public void Setup()
    {
        problem = LargeRound.Make(entries: 2_000, judges: 150, perEntry: 5, conflictRate: 0.05, seed: 2026);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var solved = AssignmentSolver.Solve(problem);
        var solverTime = started.Elapsed;
        var greedy = RoundRobin.Solve(problem);
        Console.WriteLine($"// Figures solver     : {LargeRound.Describe(solved)} (first run {solverTime.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"// Figures round-robin: {LargeRound.Describe(greedy)}");
    }

    [Benchmark(Baseline = true, Description = "Round-robin, conflicts only")]
    public AssignmentPlan RoundRobinGreedy() => RoundRobin.Solve(problem);

    [Benchmark(Description = "AssignmentSolver.Solve")]
    public AssignmentPlan Solver() => AssignmentSolver.Solve(problem);
}

internal static class LargeRound
{
    private static readonly string[] Industries =
        ["ai", "biotech", "agri", "materials", "services", "energy", "manufacturing", "culture", "health", "finance"];

    public static AssignmentProblem Make(int entries, int judges, int perEntry, double conflictRate, int seed)
    {
        var random = new Random(seed);
        var entryList = Enumerable.Range(1, entries)
            .Select(i => new AssignmentEntry(i, Industries[random.Next(Industries.Length)])).ToArray();
        // One or two industries per judge, as a judge profile usually lists.
        var judgeList = Enumerable.Range(1, judges).Select(i => new AssignmentJudge(
            $"judge-{i:D3}", null,
            Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Industries[random.Next(Industries.Length)]).ToHashSet()))
            .ToArray();
        var conflicts = new HashSet<(string, int)>();
        foreach (var e in entryList)
        {
            foreach (var j in judgeList)
            {
                if (random.NextDouble() < conflictRate) conflicts.Add((j.Id, e.Id));
            }
        }
        return new AssignmentProblem(perEntry, entryList, judgeList, conflicts, new HashSet<(string, int)>(),
            new HashSet<(string, int)>());
    }

    public static string Describe(AssignmentPlan plan) =>
        $"{plan.Pairs.Count} pairs, {plan.Shortfalls.Count} shortfalls, loads {plan.MinLoad}..{plan.MaxLoad} " +
        $"(spread {plan.MaxLoad - plan.MinLoad}), two judges share at most {plan.MaxTimesTwoJudgesShareAnEntry} entries, " +
        $"{plan.ExpertiseMatches} expertise matches";
}

/// <summary>
/// The floor: walk the entries in order and hand each the next judges of a rotating list, skipping conflicts. No
/// balance beyond what the rotation gives, no expertise, no spread, no caps or pins.
/// </summary>
internal static class RoundRobin
{
    public static AssignmentPlan Solve(AssignmentProblem problem)
    {
        var judges = problem.Judges;
        var pairs = new List<(string Judge, int Entry)>();
        var load = new int[judges.Count];
        var next = 0;
        foreach (var entry in problem.Entries)
        {
            var taken = 0;
            for (var tried = 0; tried < judges.Count && taken < problem.PerEntry; tried++, next = (next + 1) % judges.Count)
            {
                if (problem.Conflicts.Contains((judges[next].Id, entry.Id))) continue;
                pairs.Add((judges[next].Id, entry.Id));
                load[next]++;
                taken++;
            }
        }
        return Summarize(problem, pairs, load);
    }

    /// <summary>The same figures the solver reports, computed the plain way.</summary>
    private static AssignmentPlan Summarize(AssignmentProblem problem, List<(string Judge, int Entry)> pairs, int[] load)
    {
        var industry = problem.Entries.ToDictionary(e => e.Id, e => e.Industry);
        var expertise = problem.Judges.ToDictionary(j => j.Id, j => j.Expertise);
        var matches = pairs.Count(p => expertise[p.Judge].Contains(industry[p.Entry]));
        var shared = new Dictionary<(string, string), int>();
        foreach (var group in pairs.GroupBy(p => p.Entry))
        {
            var onEntry = group.Select(p => p.Judge).ToArray();
            for (var a = 0; a < onEntry.Length; a++)
            {
                for (var b = a + 1; b < onEntry.Length; b++)
                {
                    var key = string.CompareOrdinal(onEntry[a], onEntry[b]) < 0 ? (onEntry[a], onEntry[b]) : (onEntry[b], onEntry[a]);
                    shared[key] = shared.GetValueOrDefault(key) + 1;
                }
            }
        }
        var perEntry = pairs.GroupBy(p => p.Entry).ToDictionary(g => g.Key, g => g.Count());
        var shortfalls = problem.Entries
            .Where(e => perEntry.GetValueOrDefault(e.Id) < problem.PerEntry)
            .Select(e => new Shortfall(e.Id, perEntry.GetValueOrDefault(e.Id), problem.PerEntry - perEntry.GetValueOrDefault(e.Id),
                ShortfallReason.JudgeLoadCaps, problem.Judges.Count))
            .ToArray();
        return new AssignmentPlan(pairs, shortfalls, load.Min(), load.Max(), matches,
            shared.Count == 0 ? 0 : shared.Values.Max());
    }
}
