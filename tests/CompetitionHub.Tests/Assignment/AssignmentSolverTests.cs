using CompetitionHub.Web.Features.Assignment;

namespace CompetitionHub.Tests.Assignment;

public sealed class AssignmentSolverTests
{
    private static readonly HashSet<(string, int)> None = [];

    private static AssignmentJudge Judge(string id, int? maxLoad = null, params string[] expertise) =>
        new(id, maxLoad, new HashSet<string>(expertise));

    private static AssignmentEntry[] Entries(int count, string industry = "ai") =>
        Enumerable.Range(1, count).Select(i => new AssignmentEntry(i, industry)).ToArray();

    private static AssignmentProblem Problem(
        int k, IReadOnlyList<AssignmentEntry> entries, IReadOnlyList<AssignmentJudge> judges,
        HashSet<(string, int)>? conflicts = null, HashSet<(string, int)>? pinned = null,
        HashSet<(string, int)>? blocked = null) =>
        new(k, entries, judges, conflicts ?? None, pinned ?? None, blocked ?? None);

    private static int[] Loads(AssignmentPlan plan, AssignmentProblem problem) =>
        problem.Judges.Select(j => plan.Pairs.Count(p => p.Judge == j.Id)).ToArray();

    [Fact]
    public void Solve_NeverPairsAConflictedJudge_WhenOthersAreFree()
    {
        var judges = new[] { Judge("a"), Judge("b"), Judge("c") };
        var problem = Problem(2, Entries(3), judges, conflicts: [("a", 1), ("b", 2), ("c", 3)]);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.Equal(
            [("b", 1), ("c", 1), ("a", 2), ("c", 2), ("a", 3), ("b", 3)],
            plan.Pairs.OrderBy(p => p.Entry).ThenBy(p => p.Judge, StringComparer.Ordinal));
        Assert.Equal(2, plan.MinLoad);
        Assert.Equal(2, plan.MaxLoad);
    }

    [Fact]
    public void Solve_ReportsTooFewEligibleJudges_WhenOnlyTwoJudgesAreFreeAndThreeAreNeeded()
    {
        var judges = new[] { Judge("a"), Judge("b"), Judge("c") };
        var problem = Problem(3, Entries(1), judges, conflicts: [("b", 1)]);

        var plan = AssignmentSolver.Solve(problem);

        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal(new Shortfall(1, 2, 1, ShortfallReason.TooFewEligibleJudges, 2), shortfall);
        Assert.Equal([("a", 1), ("c", 1)], plan.Pairs.OrderBy(p => p.Judge, StringComparer.Ordinal));
        Assert.False(plan.Complete);
    }

    [Fact]
    public void Solve_ReportsJudgeLoadCaps_WhenEligibleJudgesAreCappedOut()
    {
        var judges = new[] { Judge("a", maxLoad: 1), Judge("b", maxLoad: 1), Judge("c", maxLoad: 0) };
        var problem = Problem(2, Entries(2), judges);

        var plan = AssignmentSolver.Solve(problem);

        Assert.Equal(2, plan.Pairs.Count);
        Assert.Equal(2, plan.Shortfalls.Sum(s => s.Missing));
        Assert.All(plan.Shortfalls, s =>
        {
            Assert.Equal(ShortfallReason.JudgeLoadCaps, s.Reason);
            Assert.Equal(3, s.EligibleJudges);
        });
        Assert.Equal(0, plan.MinLoad);
        Assert.Equal(1, plan.MaxLoad);
    }

    [Fact]
    public void Solve_KeepsPins_AndCountsThemTowardKAndLoad()
    {
        var judges = new[] { Judge("a"), Judge("b"), Judge("c"), Judge("d") };
        // a is pinned on 1 and 2: the other judges take the rest, so loads still balance (8 pairs, 2 each).
        var problem = Problem(2, Entries(4), judges, pinned: [("a", 1), ("a", 2)]);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.Contains(("a", 1), plan.Pairs);
        Assert.Contains(("a", 2), plan.Pairs);
        Assert.DoesNotContain(plan.Pairs, p => p.Judge == "a" && p.Entry > 2);
        Assert.All(Loads(plan, problem), load => Assert.Equal(2, load));
    }

    [Fact]
    public void Solve_NeverUsesABlockedPair_WhenItWouldOtherwiseBeChosen()
    {
        var judges = new[] { Judge("a", null, "ai"), Judge("b"), Judge("c") };
        var problem = Problem(1, Entries(1), judges, blocked: [("a", 1)]);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.DoesNotContain(("a", 1), plan.Pairs);
    }

    [Fact]
    public void Solve_DropsAPin_WhenThePairIsConflicted()
    {
        var judges = new[] { Judge("a"), Judge("b"), Judge("c") };
        var problem = Problem(2, Entries(1), judges, conflicts: [("a", 1)], pinned: [("a", 1), ("b", 1)]);

        var plan = AssignmentSolver.Solve(problem);

        Assert.Equal([("b", 1), ("c", 1)], plan.Pairs.OrderBy(p => p.Judge, StringComparer.Ordinal));
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Solve_PrefersJudgesWithTheEntrysIndustry_WhenFreeToChoose()
    {
        var judges = new[]
        {
            Judge("a", null, "biotech"), Judge("b", null, "ai"), Judge("c", null, "agri"), Judge("d", null, "ai", "agri"),
        };
        var problem = Problem(2, [new AssignmentEntry(1, "ai"), new AssignmentEntry(2, "agri")], judges);

        var plan = AssignmentSolver.Solve(problem);

        // Balanced (one entry each) and every pair a match: b and d on the AI entry, c and ... d can't take both,
        // so the best is b+d on 1 and c+a on 2, or b+a on 1 and c+d on 2: three matches either way.
        Assert.Equal(3, plan.ExpertiseMatches);
        Assert.Equal(1, plan.MaxLoad);
        Assert.Equal(1, plan.MinLoad);
    }

    [Fact]
    public void Solve_BalancesLoadsToWithinOne_WhenNothingStandsInTheWay()
    {
        var judges = Enumerable.Range(0, 7).Select(i => Judge($"j{i}")).ToArray();
        var problem = Problem(3, Entries(20), judges);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.Equal(60, plan.Pairs.Count);
        Assert.Equal(8, plan.MinLoad);
        Assert.Equal(9, plan.MaxLoad);
    }

    [Fact]
    public void Solve_NeverExceedsAJudgesCap_AndBalancesTheRest()
    {
        var judges = new[] { Judge("a", maxLoad: 1), Judge("b"), Judge("c"), Judge("d") };
        var problem = Problem(2, Entries(8), judges);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.Equal([1, 5, 5, 5], Loads(plan, problem));
    }

    [Fact]
    public void Solve_SpreadsCoAssignments_WhenEveryPairCanMeetOnce()
    {
        // Six judges, two per entry, fifteen entries: every pair of judges can share exactly one entry.
        var judges = Enumerable.Range(0, 6).Select(i => Judge($"j{i}")).ToArray();
        var problem = Problem(2, Entries(15), judges);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.Equal(1, plan.MaxTimesTwoJudgesShareAnEntry);
        Assert.Equal(15, plan.Pairs.GroupBy(p => p.Entry).Select(g => string.Join(",", g.Select(p => p.Judge).Order())).Distinct().Count());
    }

    [Fact]
    public void Solve_KeepsAMajorityOfExpertsOnEveryPanel_WhenSpreadingCoAssignments()
    {
        // Four experts per industry: expertise alone would seat the same four together on every entry of an industry.
        string[] industries = ["ai", "agri", "biotech"];
        var judges = Enumerable.Range(0, 12).Select(i => Judge($"j{i:D2}", null, industries[i % 3])).ToArray();
        var entries = Enumerable.Range(1, 30).Select(i => new AssignmentEntry(i, industries[i % 3])).ToArray();
        var problem = Problem(3, entries, judges);

        var plan = AssignmentSolver.Solve(problem);

        Assert.True(plan.Complete);
        Assert.All(plan.Pairs.GroupBy(p => p.Entry), panel => Assert.True(
            panel.Count(p => judges.Single(j => j.Id == p.Judge).Expertise.Contains(entries.Single(e => e.Id == panel.Key).Industry)) >= 2));
        Assert.True(plan.MaxTimesTwoJudgesShareAnEntry < 10, $"two judges share {plan.MaxTimesTwoJudgesShareAnEntry} entries");
    }

    [Fact]
    public void Solve_ReturnsTheSamePlan_WhenRunTwiceWithTheSameSeedAndShuffledInput()
    {
        var problem = RandomInstances.Make(new Random(42), entries: 40, judges: 12, k: 3);
        var shuffled = problem with
        {
            Entries = problem.Entries.Reverse().ToArray(),
            Judges = problem.Judges.Reverse().ToArray(),
        };

        var first = AssignmentSolver.Solve(problem, seed: 7);
        var second = AssignmentSolver.Solve(shuffled, seed: 7);

        Assert.Equal(first.Pairs, second.Pairs);
        Assert.Equal(first.Shortfalls, second.Shortfalls);
        Assert.Equal(first.MaxTimesTwoJudgesShareAnEntry, second.MaxTimesTwoJudgesShareAnEntry);
    }

    [Fact]
    public void Solve_HandlesAnEmptyRound_WhenThereAreNoEntriesOrNoJudges()
    {
        var noEntries = AssignmentSolver.Solve(Problem(3, [], [Judge("a")]));
        var noJudges = AssignmentSolver.Solve(Problem(2, Entries(2), []));

        Assert.True(noEntries.Complete);
        Assert.Equal((0, 0), (noEntries.MinLoad, noEntries.MaxLoad));
        Assert.Equal(
            [new Shortfall(1, 0, 2, ShortfallReason.TooFewEligibleJudges, 0), new Shortfall(2, 0, 2, ShortfallReason.TooFewEligibleJudges, 0)],
            noJudges.Shortfalls);
    }

    [Fact]
    public void Solve_KeepsEveryRule_OnThreeHundredRandomInstances()
    {
        var withinOneChecked = 0;
        var withShortfalls = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var problem = RandomInstances.Make(
                random, entries: random.Next(1, 61), judges: random.Next(1, 26), k: random.Next(1, 6));
            var plan = AssignmentSolver.Solve(problem, seed);
            if (PlanChecks.AssertValid(problem, plan, $"instance {seed}")) withinOneChecked++;
            if (!plan.Complete) withShortfalls++;
        }
        // The instances must exercise both sides: full plans held to "within one", and rounds with shortfalls.
        Assert.True(withinOneChecked >= 50, $"only {withinOneChecked} instances checked for loads within one");
        Assert.True(withShortfalls >= 20, $"only {withShortfalls} instances had shortfalls");
    }

    /// <remarks>
    /// The solver finds the balanced loads first and then lets expertise choose only among plans within one of them;
    /// this holds it to the best plan over every possible one. With k = 1 no swap follows, so expertise is compared too.
    /// </remarks>
    [Fact]
    public void Solve_FindsTheMostPairsThenTheBestBalanceThenTheMostExpertise_WhenComparedWithEverySmallPlan()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var k = 1 + random.Next(2);
            var problem = RandomInstances.Make(random, entries: random.Next(1, k == 1 ? 8 : 6), judges: random.Next(1, 5), k: k);
            var plan = AssignmentSolver.Solve(problem, seed);

            var best = ExhaustiveSearch.Best(problem);
            var loads = Loads(plan, problem);
            Assert.True(best.Pairs == plan.Pairs.Count, $"instance {seed}: {plan.Pairs.Count} pairs, {best.Pairs} possible");
            Assert.True(best.Squares == loads.Sum(l => (long)l * l),
                $"instance {seed}: sum of squared loads {loads.Sum(l => (long)l * l)}, {best.Squares} possible");
            if (k == 1)
                Assert.True(best.Expertise == plan.ExpertiseMatches, $"instance {seed}: {plan.ExpertiseMatches} experts, {best.Expertise} possible");
        }
    }
}

/// <summary>Random rounds: conflicts at 0–30 %, a few blocks, pins (some on conflicted pairs), caps on some runs.</summary>
internal static class RandomInstances
{
    private static readonly string[] Industries = ["ai", "biotech", "agri", "materials", "services"];

    public static AssignmentProblem Make(Random random, int entries, int judges, int k)
    {
        var conflictRate = random.NextDouble() * 0.3;
        var withCaps = random.Next(3) == 0;
        var entryList = Enumerable.Range(1, entries)
            .Select(i => new AssignmentEntry(i * 3, Industries[random.Next(Industries.Length)])).ToArray();
        var judgeList = Enumerable.Range(0, judges).Select(i => new AssignmentJudge(
            $"judge-{i:D2}",
            withCaps && random.Next(2) == 0 ? random.Next(0, 2 * entries * k / judges + 2) : null,
            Industries.Where(_ => random.Next(3) == 0).ToHashSet())).ToArray();
        var conflicts = new HashSet<(string, int)>();
        var blocked = new HashSet<(string, int)>();
        var pinned = new HashSet<(string, int)>();
        foreach (var e in entryList)
        {
            var pinsHere = 0;
            foreach (var j in judgeList)
            {
                if (random.NextDouble() < conflictRate) conflicts.Add((j.Id, e.Id));
                else if (random.NextDouble() < 0.03) blocked.Add((j.Id, e.Id));
                if (pinsHere < k && random.NextDouble() < 0.02)
                {
                    pinned.Add((j.Id, e.Id));
                    pinsHere++;
                }
            }
        }
        return new AssignmentProblem(k, entryList, judgeList, conflicts, pinned, blocked);
    }
}

/// <summary>
/// Checks a plan against the rules with its own, independent reasoning: a plain augmenting-path max flow decides how
/// many pairs are possible, and a search for load-moving chains decides whether the loads could be more even.
/// </summary>
internal static class PlanChecks
{
    /// <summary>Returns whether the plan was also held to "loads within one" (a full, balanced plan existed).</summary>
    public static bool AssertValid(AssignmentProblem problem, AssignmentPlan plan, string label)
    {
        var k = problem.PerEntry;
        var entries = problem.Entries.Select(e => e.Id).ToArray();
        var judges = problem.Judges.ToArray();
        bool Eligible(string j, int e) => !problem.Conflicts.Contains((j, e)) && !problem.Blocked.Contains((j, e));
        var validPins = problem.Pinned.Where(p => Eligible(p.Judge, p.Entry)).ToHashSet();

        var pairs = plan.Pairs.ToHashSet();
        Assert.True(pairs.Count == plan.Pairs.Count, $"{label}: a pair appears twice");
        Assert.True(pairs.All(p => Eligible(p.Judge, p.Entry)), $"{label}: a conflicted or blocked pair was used");
        Assert.True(validPins.IsSubsetOf(pairs), $"{label}: a pin was lost");

        var perEntry = entries.ToDictionary(e => e, e => pairs.Count(p => p.Entry == e));
        var load = judges.ToDictionary(j => j.Id, j => pairs.Count(p => p.Judge == j.Id));
        Assert.True(perEntry.Values.All(c => c <= k), $"{label}: an entry has more than k judges");
        foreach (var j in judges)
        {
            var pins = validPins.Count(p => p.Judge == j.Id);
            Assert.True(j.MaxLoad is null || load[j.Id] <= Math.Max(j.MaxLoad.Value, pins), $"{label}: {j.Id} over its cap");
        }

        // As many pairs as any assignment could have.
        var possible = MaxAutomaticPairs(problem, validPins, lowerBound: null) + validPins.Count;
        Assert.True(possible == pairs.Count, $"{label}: {pairs.Count} pairs, but {possible} are possible");

        // Shortfalls: exactly the entries below k, with the right figures.
        var expected = entries.Where(e => perEntry[e] < k).Order().Select(e =>
        {
            var eligible = judges.Count(j => Eligible(j.Id, e));
            return new Shortfall(e, perEntry[e], k - perEntry[e],
                eligible < k ? ShortfallReason.TooFewEligibleJudges : ShortfallReason.JudgeLoadCaps, eligible);
        }).ToArray();
        Assert.Equal(expected, plan.Shortfalls.OrderBy(s => s.EntryId).ToArray());
        Assert.Equal(plan.Shortfalls.Count == 0, plan.Complete);

        // Reported figures.
        Assert.Equal(load.Count == 0 ? 0 : load.Values.Min(), plan.MinLoad);
        Assert.Equal(load.Count == 0 ? 0 : load.Values.Max(), plan.MaxLoad);
        var industry = problem.Entries.ToDictionary(e => e.Id, e => e.Industry);
        var expertise = judges.ToDictionary(j => j.Id, j => j.Expertise);
        Assert.Equal(pairs.Count(p => expertise[p.Judge].Contains(industry[p.Entry])), plan.ExpertiseMatches);
        var together = pairs.GroupBy(p => p.Entry)
            .SelectMany(g => g.Select(p => p.Judge).SelectMany(a => g.Select(p => p.Judge).Where(b => string.CompareOrdinal(a, b) < 0).Select(b => (a, b))))
            .GroupBy(x => x).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        Assert.Equal(together, plan.MaxTimesTwoJudgesShareAnEntry);

        // Balance: no chain of swaps can move one pair from a judge to one with at least two fewer.
        foreach (var high in judges)
        {
            foreach (var low in judges)
            {
                if (load[high.Id] < load[low.Id] + 2 || (low.MaxLoad is { } cap && load[low.Id] >= cap)) continue;
                Assert.False(CanMoveOnePair(problem, pairs, validPins, from: high.Id, to: low.Id),
                    $"{label}: {high.Id} ({load[high.Id]}) could hand a pair to {low.Id} ({load[low.Id]})");
            }
        }

        // And the promise in plain words: a full plan with loads within one of each other, whenever one exists.
        if (plan.Complete && judges.Length > 0 && judges.All(j => j.MaxLoad is null))
        {
            var total = entries.Length * k;
            var floor = total / judges.Length;
            if (MaxAutomaticPairs(problem, validPins, lowerBound: floor) >= 0)
            {
                Assert.True(plan.MaxLoad - plan.MinLoad <= 1, $"{label}: loads {plan.MinLoad}..{plan.MaxLoad} though within one was possible");
                return true;
            }
        }
        return false;
    }

    /// <summary>Judge <paramref name="to"/> takes an entry from someone, who takes one from someone … down to <paramref name="from"/>.</summary>
    private static bool CanMoveOnePair(
        AssignmentProblem problem, HashSet<(string Judge, int Entry)> pairs, HashSet<(string Judge, int Entry)> pins,
        string from, string to)
    {
        var seen = new HashSet<string> { to };
        var queue = new Queue<string>([to]);
        while (queue.Count > 0)
        {
            var judge = queue.Dequeue();
            foreach (var entry in problem.Entries.Select(e => e.Id))
            {
                if (pairs.Contains((judge, entry)) || problem.Conflicts.Contains((judge, entry)) || problem.Blocked.Contains((judge, entry)))
                    continue;
                foreach (var holder in pairs.Where(p => p.Entry == entry && !pins.Contains(p)).Select(p => p.Judge))
                {
                    if (holder == from) return true;
                    if (seen.Add(holder)) queue.Enqueue(holder);
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Edmonds–Karp on a dense matrix. Without a lower bound: the largest number of automatic pairs. With one (no caps):
    /// whether every entry can be filled with every judge at floor or floor + 1 pairs in total (pins included);
    /// returns −1 when not, by the textbook reduction of lower bounds to a second source and sink.
    /// </summary>
    private static int MaxAutomaticPairs(AssignmentProblem problem, HashSet<(string Judge, int Entry)> pins, int? lowerBound)
    {
        var entries = problem.Entries.ToArray();
        var judges = problem.Judges.ToArray();
        int n = entries.Length, m = judges.Length;
        int source = 0, sink = n + m + 1, superSource = n + m + 2, superSink = n + m + 3;
        var size = n + m + 4;
        var capacity = new int[size, size];
        var demanded = 0;
        for (var e = 0; e < n; e++)
        {
            var need = Math.Max(0, problem.PerEntry - pins.Count(p => p.Entry == entries[e].Id));
            if (lowerBound is null) capacity[source, 1 + e] = need;
            else
            {
                // Exactly `need`: all of it as a lower bound.
                capacity[superSource, 1 + e] += need;
                capacity[source, superSink] += need;
                demanded += need;
            }
            for (var j = 0; j < m; j++)
            {
                var pair = (judges[j].Id, entries[e].Id);
                if (!problem.Conflicts.Contains(pair) && !problem.Blocked.Contains(pair) && !pins.Contains(pair))
                    capacity[1 + e, 1 + n + j] = 1;
            }
        }
        for (var j = 0; j < m; j++)
        {
            var pinned = pins.Count(p => p.Judge == judges[j].Id);
            if (lowerBound is null)
            {
                var cap = judges[j].MaxLoad is { } max ? Math.Max(0, max - pinned) : n;
                capacity[1 + n + j, sink] = Math.Max(0, cap);
                continue;
            }
            var low = lowerBound.Value - pinned;
            var high = lowerBound.Value + 1 - pinned;
            if (high < 0) return -1;
            low = Math.Max(0, low);
            capacity[1 + n + j, sink] = high - low;
            capacity[superSource, sink] += low;
            capacity[1 + n + j, superSink] += low;
            demanded += low;
        }
        if (lowerBound is null) return MaxFlow(capacity, source, sink);
        capacity[sink, source] = int.MaxValue / 2;
        return MaxFlow(capacity, superSource, superSink) == demanded ? 0 : -1;
    }

    private static int MaxFlow(int[,] capacity, int source, int sink)
    {
        var size = capacity.GetLength(0);
        var total = 0;
        while (true)
        {
            var parent = new int[size];
            Array.Fill(parent, -1);
            parent[source] = source;
            var queue = new Queue<int>([source]);
            while (queue.Count > 0 && parent[sink] < 0)
            {
                var u = queue.Dequeue();
                for (var v = 0; v < size; v++)
                {
                    if (parent[v] < 0 && capacity[u, v] > 0)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
            }
            if (parent[sink] < 0) return total;
            var push = int.MaxValue;
            for (var v = sink; v != source; v = parent[v]) push = Math.Min(push, capacity[parent[v], v]);
            for (var v = sink; v != source; v = parent[v])
            {
                capacity[parent[v], v] -= push;
                capacity[v, parent[v]] += push;
            }
            total += push;
        }
    }
}

/// <summary>Every plan of a tiny round, ranked by pairs (more), then squared loads (fewer), then expertise (more).</summary>
internal static class ExhaustiveSearch
{
    public static (int Pairs, long Squares, int Expertise) Best(AssignmentProblem problem)
    {
        var entries = problem.Entries.ToArray();
        var judges = problem.Judges.ToArray();
        bool Eligible(string j, int e) => !problem.Conflicts.Contains((j, e)) && !problem.Blocked.Contains((j, e));
        var pins = problem.Pinned.Where(p => Eligible(p.Judge, p.Entry)).ToHashSet();
        var load = judges.Select(j => pins.Count(p => p.Judge == j.Id)).ToArray();
        var best = (Pairs: -1, Squares: long.MaxValue, Expertise: -1);
        var pairs = pins.Count;
        var experts = pins.Count(p => judges.Single(j => j.Id == p.Judge).Expertise
            .Contains(entries.Single(e => e.Id == p.Entry).Industry));
        Visit(0);
        return best;

        void Visit(int e)
        {
            if (e == entries.Length)
            {
                var squares = load.Sum(l => (long)l * l);
                if (pairs > best.Pairs || (pairs == best.Pairs && (squares < best.Squares
                        || (squares == best.Squares && experts > best.Expertise))))
                    best = (pairs, squares, experts);
                return;
            }
            var entry = entries[e];
            var need = Math.Max(0, problem.PerEntry - pins.Count(p => p.Entry == entry.Id));
            Choose(e, 0, need);
        }

        void Choose(int e, int from, int need)
        {
            Visit(e + 1);
            if (need == 0) return;
            var entry = entries[e];
            for (var j = from; j < judges.Length; j++)
            {
                var judge = judges[j];
                if (!Eligible(judge.Id, entry.Id) || pins.Contains((judge.Id, entry.Id))) continue;
                if (judge.MaxLoad is { } cap && load[j] >= cap) continue;
                var expert = judge.Expertise.Contains(entry.Industry) ? 1 : 0;
                load[j]++;
                pairs++;
                experts += expert;
                Choose(e, j + 1, need - 1);
                load[j]--;
                pairs--;
                experts -= expert;
            }
        }
    }
}
