namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// Decides which judges review which entries in an online round. Pure and deterministic: the same problem and seed give
/// the same plan, whatever order the entries, judges and pairs arrive in (everything is sorted first).
/// </summary>
/// <remarks>
/// <para>
/// The core is a min-cost maximum flow in the style of HotCRP's autoassigner: source → entry (capacity k minus its
/// pins) → judge (one unit per eligible pair) → sink. Instead of HotCRP's rounds of capacity levels, a judge's edge to
/// the sink costs more for every extra unit it carries (the marginal cost of a square: W·(2·load − 1)). A min-cost flow
/// over such convex costs minimises the sum of squared loads, and over the loads a flow can reach that optimum is also
/// the one with the smallest maximum and the largest minimum load. So one flow gives the best balance the conflicts and
/// caps allow: max − min ≤ 1 whenever any full assignment allows it, without guessing levels. W is larger than any
/// possible sum of expertise costs, so balance always comes first and expertise (cost 0 for a match, 1 otherwise)
/// decides among equally balanced plans.
/// </para>
/// <para>
/// The flow is solved by primal-dual successive shortest paths: Dijkstra on reduced costs (potentials keep them
/// non-negative), then a Dinic-style blocking flow on the arcs of reduced cost zero, so one Dijkstra serves many
/// augmentations. Each Dijkstra can raise a judge's load by only one unit (the next unit costs 2W more), so on the
/// convex costs alone the Dijkstras grow with the largest load: 3,322 of them, each over the whole graph, for 2,500
/// entries × 5 judges, and four times as many for 10,000. The balanced loads are therefore found first without costs (<see cref="LoadBalance"/>), and the flow
/// solves the same costs inside a window of one around them, where every best plan lies: units up to one below a
/// judge's balanced load are free, so the whole flow needs a handful of Dijkstras.
/// </para>
/// <para>
/// A local search then swaps judges between entries (loads, pins and eligibility unchanged; each entry
/// keeps a majority of experts when the flow found them) to spread co-assignments: fewer entries shared by the same two
/// judges.
/// </para>
/// <para>
/// Rules a caller must know: a pin on a conflicted or blocked pair is dropped (a pin never overrides a conflict), and
/// so is a pin naming an unknown judge or entry; valid pins are kept even beyond k or a judge's cap. A judge's cap is
/// <see cref="AssignmentJudge.MaxLoad"/> (no cap when null); automatic pairs never push a judge past it.
/// </para>
/// </remarks>
public static class AssignmentSolver
{
    private const long Infinity = long.MaxValue / 4;

    public static AssignmentPlan Solve(AssignmentProblem problem, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfNegative(problem.PerEntry);

        var entries = problem.Entries.OrderBy(e => e.Id).ToArray();
        var judges = problem.Judges.OrderBy(j => j.Id, StringComparer.Ordinal).ToArray();
        var n = entries.Length;
        var m = judges.Length;
        var k = problem.PerEntry;

        var entryIndex = new Dictionary<int, int>(n);
        for (var e = 0; e < n; e++)
        {
            if (!entryIndex.TryAdd(entries[e].Id, e))
                throw new ArgumentException($"Entry {entries[e].Id} appears twice.", nameof(problem));
        }
        var judgeIndex = new Dictionary<string, int>(m, StringComparer.Ordinal);
        for (var j = 0; j < m; j++)
        {
            if (!judgeIndex.TryAdd(judges[j].Id, j))
                throw new ArgumentException($"Judge {judges[j].Id} appears twice.", nameof(problem));
        }

        // eligible[e * m + j]: no conflict and no block. assigned[e * m + j]: in the plan (pins first).
        var eligible = new bool[n * m];
        Array.Fill(eligible, true);
        foreach (var (judge, entry) in problem.Conflicts.Concat(problem.Blocked))
        {
            if (judgeIndex.TryGetValue(judge, out var j) && entryIndex.TryGetValue(entry, out var e))
                eligible[e * m + j] = false;
        }

        var assigned = new bool[n * m];
        var pinned = new bool[n * m];
        var load = new int[m];
        var entryCount = new int[n];
        foreach (var (judge, entry) in problem.Pinned)
        {
            if (!judgeIndex.TryGetValue(judge, out var j) || !entryIndex.TryGetValue(entry, out var e)) continue;
            var cell = e * m + j;
            if (!eligible[cell] || pinned[cell]) continue;
            pinned[cell] = assigned[cell] = true;
            load[j]++;
            entryCount[e]++;
        }

        var cap = new int[m];
        for (var j = 0; j < m; j++)
            cap[j] = judges[j].MaxLoad is { } max ? Math.Max(0, max) : int.MaxValue;

        var matches = new bool[n * m];
        for (var e = 0; e < n; e++)
        {
            for (var j = 0; j < m; j++)
                matches[e * m + j] = judges[j].Expertise.Contains(entries[e].Industry);
        }

        var balanced = new LoadBalance(n, m, k, eligible, pinned, load, entryCount, cap).Solve();
        var flow = new FlowNetwork(n, m, k, eligible, pinned, matches, load, cap, entryCount, balanced);
        flow.Run();
        for (var e = 0; e < n; e++)
        {
            for (var i = flow.EdgeStart[e]; i < flow.EdgeStart[e + 1]; i++)
            {
                if (!flow.EdgeUsed[i]) continue;
                var j = flow.EdgeJudge[i];
                assigned[e * m + j] = true;
                load[j]++;
                entryCount[e]++;
            }
        }

        new CoAssignmentSpread(n, m, (k + 1) / 2, assigned, pinned, eligible, matches, seed).Improve();

        return BuildPlan(entries, judges, k, assigned, eligible, matches, entryCount, load);
    }

    private static AssignmentPlan BuildPlan(
        AssignmentEntry[] entries, AssignmentJudge[] judges, int k, bool[] assigned, bool[] eligible, bool[] matches,
        int[] entryCount, int[] load)
    {
        var n = entries.Length;
        var m = judges.Length;
        var pairs = new List<(string Judge, int Entry)>();
        var shortfalls = new List<Shortfall>();
        var expertiseMatches = 0;
        var shared = new int[m * m];
        var maxShared = 0;
        var onEntry = new List<int>();
        for (var e = 0; e < n; e++)
        {
            onEntry.Clear();
            for (var j = 0; j < m; j++)
            {
                if (!assigned[e * m + j]) continue;
                pairs.Add((judges[j].Id, entries[e].Id));
                if (matches[e * m + j]) expertiseMatches++;
                foreach (var other in onEntry)
                    maxShared = Math.Max(maxShared, ++shared[other * m + j]);
                onEntry.Add(j);
            }
            if (entryCount[e] < k)
            {
                var eligibleJudges = 0;
                for (var j = 0; j < m; j++)
                {
                    if (eligible[e * m + j]) eligibleJudges++;
                }
                shortfalls.Add(new Shortfall(
                    entries[e].Id, entryCount[e], k - entryCount[e],
                    eligibleJudges < k ? ShortfallReason.TooFewEligibleJudges : ShortfallReason.JudgeLoadCaps,
                    eligibleJudges));
            }
        }
        return new AssignmentPlan(
            pairs, shortfalls, m == 0 ? 0 : load.Min(), m == 0 ? 0 : load.Max(), expertiseMatches, maxShared);
    }

    /// <summary>
    /// The loads of a plan that gives as many pairs as possible and, among those, the smallest sum of squared loads,
    /// expertise aside. Found without costs: a greedy start (each entry takes its least-loaded judges), completed to a
    /// maximum flow by augmenting paths, then improved along cost-reducing paths until none is left.
    /// </summary>
    /// <remarks>
    /// A cost-reducing path moves one unit from a judge with load L to one with load at most L − 2 through a chain of
    /// swaps (judge a leaves entry e, judge c takes e and leaves e′, …, judge b takes the last entry; an entry may also go
    /// short while another short entry takes b). The load vectors of maximum flows are the integer points of a base
    /// polyhedron, so a plan with no such path minimises every separable convex measure of balance (Harvey, Ladner,
    /// Lovász and Tamir on semi-matchings), and every plan that does so has each load within one of these (Frank and
    /// Murota: the decreasingly minimal elements of an M-convex set are a translated matroid). The flow uses that window.
    /// </remarks>
    private sealed class LoadBalance
    {
        private const int Unreached = -1;
        private const int Root = -2;
        private const int ViaSource = -3;

        private readonly int n;
        private readonly int m;
        private readonly bool[] eligible;
        private readonly bool[] pinned;
        private readonly int[] cap;
        private readonly int[] load;
        private readonly int[] need;      // per entry: automatic pairs still missing
        private readonly bool[] taken;    // automatic pairs of the plan being balanced
        private readonly int[] entryFrom; // BFS parents: the judge that gives the entry up, Root or ViaSource
        private readonly int[] judgeFrom; // the entry the judge takes, or Root
        private readonly bool[] entryDone; // on a chain applied in this search: its arcs may have changed
        private readonly bool[] judgeDone;
        private readonly Queue<int> queue = new();
        private int sourceFrom;           // the entry that went short to let another short entry take a judge

        public LoadBalance(int n, int m, int k, bool[] eligible, bool[] pinned, int[] pinLoad, int[] pinsPerEntry, int[] cap)
        {
            this.n = n;
            this.m = m;
            this.eligible = eligible;
            this.pinned = pinned;
            this.cap = cap;
            load = (int[])pinLoad.Clone();
            need = new int[n];
            for (var e = 0; e < n; e++) need[e] = Math.Max(0, k - pinsPerEntry[e]);
            taken = new bool[n * m];
            entryFrom = new int[n];
            judgeFrom = new int[m];
            entryDone = new bool[n];
            judgeDone = new bool[m];
        }

        private bool Open(int e, int j)
        {
            var cell = e * m + j;
            return eligible[cell] && !pinned[cell] && !taken[cell];
        }

        public int[] Solve()
        {
            // Entries with the fewest open judges choose first, so the greedy start leaves little to repair.
            var open = new int[n];
            for (var e = 0; e < n; e++)
            {
                for (var j = 0; j < m; j++)
                {
                    if (Open(e, j) && cap[j] > 0) open[e]++;
                }
            }
            foreach (var e in Enumerable.Range(0, n).OrderBy(e => open[e]))
            {
                while (need[e] > 0)
                {
                    var best = -1;
                    for (var j = 0; j < m; j++)
                    {
                        if (Open(e, j) && load[j] < cap[j] && (best < 0 || load[j] < load[best])) best = j;
                    }
                    if (best < 0) break;
                    taken[e * m + best] = true;
                    load[best]++;
                    need[e]--;
                }
            }
            while (AugmentShortEntries() > 0) { }
            while (ReduceCost() > 0) { }
            return load;
        }

        private void Reset()
        {
            Array.Fill(entryFrom, Unreached);
            Array.Fill(judgeFrom, Unreached);
            Array.Clear(entryDone);
            Array.Clear(judgeDone);
            queue.Clear();
            sourceFrom = Unreached;
        }

        /// <summary>More pairs for short entries, along chains of swaps that end at judges with room; how many.</summary>
        private int AugmentShortEntries()
        {
            Reset();
            for (var e = 0; e < n; e++)
            {
                if (need[e] <= 0) continue;
                entryFrom[e] = Root;
                queue.Enqueue(e);
            }
            return Search(int.MaxValue, allowSource: false);
        }

        /// <summary>
        /// Applies cost-reducing paths found in one search; how many. Judges join as roots from the highest load down, into
        /// one growing search: a judge first reached while roots of load L are added has load above L − 2 or is the end of
        /// such a path. A search that applies none has looked everywhere.
        /// </summary>
        private int ReduceCost()
        {
            Reset();
            // Loads as the search starts: applied chains change some, and a root's level must not rise after it joined.
            var order = Enumerable.Range(0, m).OrderByDescending(j => load[j]).ToArray();
            var levels = order.Select(j => load[j]).ToArray();
            var applied = 0;
            for (var i = 0; i < m;)
            {
                var level = levels[i];
                for (; i < m && levels[i] == level; i++)
                {
                    if (judgeFrom[order[i]] != Unreached) continue;
                    judgeFrom[order[i]] = Root;
                    queue.Enqueue(n + order[i]);
                }
                applied += Search(level - 2, allowSource: true);
            }
            return applied;
        }

        /// <summary>
        /// Breadth-first over the swaps; applies the chain to every reached judge with room and load at most
        /// <paramref name="atMost"/> whose chain shares nothing with one applied before. Returns how many it applied.
        /// </summary>
        private int Search(int atMost, bool allowSource)
        {
            var applied = 0;
            while (queue.TryDequeue(out var node))
            {
                if (node >= n)
                {
                    var j = node - n;
                    if (judgeDone[j]) continue;
                    for (var e = 0; e < n; e++)
                    {
                        if (!taken[e * m + j] || entryFrom[e] != Unreached) continue;
                        entryFrom[e] = j;
                        queue.Enqueue(e);
                    }
                    continue;
                }
                var entry = node;
                if (entryDone[entry]) continue;
                for (var j = 0; j < m; j++)
                {
                    if (judgeFrom[j] != Unreached || !Open(entry, j)) continue;
                    judgeFrom[j] = entry;
                    if (load[j] <= atMost && load[j] < cap[j])
                    {
                        if (Apply(j)) applied++;
                        if (entryDone[entry]) break;
                        continue;
                    }
                    queue.Enqueue(n + j);
                }
                if (allowSource && sourceFrom == Unreached && entryFrom[entry] >= 0)
                {
                    sourceFrom = entry;
                    for (var e = 0; e < n; e++)
                    {
                        if (need[e] <= 0 || entryFrom[e] != Unreached) continue;
                        entryFrom[e] = ViaSource;
                        queue.Enqueue(e);
                    }
                }
            }
            return applied;
        }

        /// <summary>
        /// Walks the search tree back from the judge that takes one more pair, swapping along the way, unless the chain
        /// crosses one applied before (its arcs may be gone). Marks the chain so later chains keep off it.
        /// </summary>
        private bool Apply(int end)
        {
            for (var at = end; ;)
            {
                var e = judgeFrom[at];
                if (judgeDone[at] || entryDone[e]) return false;
                var giver = entryFrom[e];
                if (giver == ViaSource)
                {
                    if (entryDone[sourceFrom]) return false;
                    giver = entryFrom[sourceFrom];
                }
                // A root may start several chains, while it still has what to give.
                if (giver == Root)
                {
                    if (need[e] <= 0) return false;
                    break;
                }
                if (judgeFrom[giver] == Root)
                {
                    if (load[giver] < load[end] + 2) return false;
                    break;
                }
                at = giver;
            }

            load[end]++;
            var j = end;
            while (true)
            {
                judgeDone[j] = true;
                var e = judgeFrom[j];
                taken[e * m + j] = true;
                var giver = entryFrom[e];
                if (giver == ViaSource)
                {
                    entryDone[e] = true;
                    need[e]--;
                    e = sourceFrom;
                    entryDone[e] = true;
                    need[e]++;
                    giver = entryFrom[e];
                }
                else if (giver == Root)
                {
                    need[e]--;
                    return true;
                }
                entryDone[e] = true;
                taken[e * m + giver] = false;
                if (judgeFrom[giver] == Root)
                {
                    load[giver]--;
                    return true;
                }
                j = giver;
            }
        }
    }

    /// <summary>
    /// Source → entries → judges → sink, solved for maximum flow at minimum cost. Judge → sink arcs are "convex": their
    /// cost is the marginal cost of the judge's next unit, so they are held as the judge's current load, not as edges.
    /// </summary>
    private sealed class FlowNetwork
    {
        private readonly int n;
        private readonly int m;
        private readonly int sink;
        private readonly int[] need;     // per entry: units the source may still send (k minus pins minus flow)
        private readonly int[] load;     // per judge: pins plus flow
        private readonly int[] cap;
        private readonly long weight;    // W: larger than any sum of expertise costs
        private readonly int[] floor;    // per judge: load reached at no cost (one below the balanced load)
        private readonly long beyond;    // added to every unit above a judge's floor
        public readonly int[] EdgeStart; // entry e's eligible, unpinned pairs are EdgeStart[e]..EdgeStart[e+1]-1
        public readonly int[] EdgeJudge;
        public readonly bool[] EdgeUsed;
        private readonly long[] edgeCost;
        private readonly int[] edgeEntry;
        private readonly int[] judgeEdgeStart; // the same pairs seen from each judge
        private readonly int[] judgeEdges;
        private readonly long[] potential;
        private readonly long[] distance;
        private readonly int[] level;
        private readonly int[] cursor;

        public FlowNetwork(
            int n, int m, int k, bool[] eligible, bool[] pinned, bool[] matches, int[] pinLoad, int[] cap,
            int[] pinsPerEntry, int[] balanced)
        {
            this.n = n;
            this.m = m;
            sink = n + m + 1;
            load = (int[])pinLoad.Clone();
            need = new int[n];
            long totalNeed = 0;
            for (var e = 0; e < n; e++)
            {
                need[e] = Math.Max(0, k - pinsPerEntry[e]);
                totalNeed += need[e];
            }
            weight = totalNeed + 1;

            // Every balanced plan lies within one of the balanced loads (see LoadBalance), so the flow only needs that
            // window: units below it are free but must all be taken (each unit above the floor costs `beyond`, more
            // than any difference the rest of the cost can make), units inside it cost what W·load² says.
            this.cap = new int[m];
            floor = new int[m];
            long window = 0;
            for (var j = 0; j < m; j++)
            {
                this.cap[j] = Math.Min(cap[j], balanced[j] + 1);
                floor[j] = Math.Max(0, balanced[j] - 1);
                window += balanced[j] + 1L;
            }
            beyond = weight * (4 * window + 2);

            EdgeStart = new int[n + 1];
            var judgeDegree = new int[m + 1];
            var edges = new List<int>();
            for (var e = 0; e < n; e++)
            {
                EdgeStart[e] = edges.Count;
                if (need[e] == 0) continue;
                for (var j = 0; j < m; j++)
                {
                    var cell = e * m + j;
                    if (!eligible[cell] || pinned[cell] || this.cap[j] <= pinLoad[j]) continue;
                    edges.Add(j);
                    judgeDegree[j + 1]++;
                }
            }
            EdgeStart[n] = edges.Count;
            EdgeJudge = edges.ToArray();
            EdgeUsed = new bool[EdgeJudge.Length];
            edgeCost = new long[EdgeJudge.Length];
            edgeEntry = new int[EdgeJudge.Length];
            judgeEdgeStart = new int[m + 1];
            for (var j = 0; j < m; j++) judgeEdgeStart[j + 1] = judgeEdgeStart[j] + judgeDegree[j + 1];
            judgeEdges = new int[EdgeJudge.Length];
            var fill = (int[])judgeEdgeStart.Clone();
            for (var e = 0; e < n; e++)
            {
                for (var i = EdgeStart[e]; i < EdgeStart[e + 1]; i++)
                {
                    var j = EdgeJudge[i];
                    edgeCost[i] = matches[e * m + j] ? 0 : 1;
                    edgeEntry[i] = e;
                    judgeEdges[fill[j]++] = i;
                }
            }

            var nodes = n + m + 2;
            potential = new long[nodes];
            distance = new long[nodes];
            level = new int[nodes];
            cursor = new int[nodes];
        }

        private int EntryNode(int e) => 1 + e;
        private int JudgeNode(int j) => 1 + n + j;

        /// <summary>Cost of the judge's next unit above its floor: W·(2·(load+1) − 1), the growth of W·load².</summary>
        private long Marginal(int j) => load[j] < floor[j] ? 0 : beyond + weight * (2L * load[j] + 1);

        public void Run()
        {
            // All costs start non-negative and no reverse arc carries flow, so zero potentials are valid.
            while (ShortestPaths())
            {
                while (BuildLevels())
                {
                    Array.Clear(cursor);
                    while (Augment()) { }
                }
            }
        }

        /// <summary>Dijkstra on reduced costs, stopped at the sink; then potentials move so admissible arcs cost zero.</summary>
        private bool ShortestPaths()
        {
            Array.Fill(distance, Infinity);
            var done = new bool[distance.Length];
            var queue = new PriorityQueue<int, long>();
            distance[0] = 0;
            queue.Enqueue(0, 0);
            while (queue.TryDequeue(out var u, out var d))
            {
                if (done[u] || d != distance[u]) continue;
                done[u] = true;
                if (u == sink) break;
                if (u == 0)
                {
                    for (var e = 0; e < n; e++)
                    {
                        if (need[e] > 0) Relax(u, EntryNode(e), 0, d, queue);
                    }
                }
                else if (u <= n)
                {
                    var e = u - 1;
                    for (var i = EdgeStart[e]; i < EdgeStart[e + 1]; i++)
                    {
                        if (!EdgeUsed[i]) Relax(u, JudgeNode(EdgeJudge[i]), edgeCost[i], d, queue);
                    }
                    // The arc back to the source never shortens a path: the source is at distance zero.
                }
                else
                {
                    var j = u - 1 - n;
                    for (var p = judgeEdgeStart[j]; p < judgeEdgeStart[j + 1]; p++)
                    {
                        var i = judgeEdges[p];
                        if (EdgeUsed[i]) Relax(u, EntryNode(edgeEntry[i]), -edgeCost[i], d, queue);
                    }
                    if (load[j] < cap[j]) Relax(u, sink, Marginal(j), d, queue);
                }
            }
            if (distance[sink] >= Infinity) return false;

            // Nodes at or beyond the sink's distance are clamped to it; this keeps every reduced cost non-negative.
            var reach = distance[sink];
            for (var v = 0; v < potential.Length; v++)
                potential[v] += Math.Min(distance[v], reach);
            return true;
        }

        private void Relax(int u, int v, long cost, long d, PriorityQueue<int, long> queue)
        {
            var candidate = d + cost + potential[u] - potential[v];
            if (candidate >= distance[v]) return;
            distance[v] = candidate;
            queue.Enqueue(v, candidate);
        }

        private bool Admissible(int u, int v, long cost) => cost + potential[u] - potential[v] == 0;

        /// <summary>Breadth-first levels over the zero-reduced-cost residual arcs (Dinic), so augmenting paths never cycle.</summary>
        private bool BuildLevels()
        {
            Array.Fill(level, -1);
            var queue = new Queue<int>();
            level[0] = 0;
            queue.Enqueue(0);
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                if (u == sink) continue;
                if (u == 0)
                {
                    for (var e = 0; e < n; e++)
                    {
                        var v = EntryNode(e);
                        if (need[e] > 0 && level[v] < 0 && Admissible(0, v, 0)) Visit(v, u, queue);
                    }
                }
                else if (u <= n)
                {
                    var e = u - 1;
                    for (var i = EdgeStart[e]; i < EdgeStart[e + 1]; i++)
                    {
                        var v = JudgeNode(EdgeJudge[i]);
                        if (!EdgeUsed[i] && level[v] < 0 && Admissible(u, v, edgeCost[i])) Visit(v, u, queue);
                    }
                }
                else
                {
                    var j = u - 1 - n;
                    for (var p = judgeEdgeStart[j]; p < judgeEdgeStart[j + 1]; p++)
                    {
                        var i = judgeEdges[p];
                        if (!EdgeUsed[i]) continue;
                        var v = EntryNode(edgeEntry[i]);
                        if (level[v] < 0 && Admissible(u, v, -edgeCost[i])) Visit(v, u, queue);
                    }
                    if (load[j] < cap[j] && level[sink] < 0 && Admissible(u, sink, Marginal(j))) Visit(sink, u, queue);
                }
            }
            return level[sink] >= 0;
        }

        private void Visit(int v, int from, Queue<int> queue)
        {
            level[v] = level[from] + 1;
            queue.Enqueue(v);
        }

        /// <summary>One unit along a level-increasing admissible path, found depth-first with per-node cursors.</summary>
        private bool Augment()
        {
            // path[d] is the node at depth d, via[d] the arc (entry edge index, or -1 for source/sink arcs) into it.
            var path = new List<int> { 0 };
            var via = new List<int> { -1 };
            while (path.Count > 0)
            {
                var u = path[^1];
                if (u == sink)
                {
                    Apply(path, via);
                    return true;
                }
                var (next, arc) = NextArc(u);
                if (next < 0)
                {
                    level[u] = -1; // dead end for this level graph
                    path.RemoveAt(path.Count - 1);
                    via.RemoveAt(via.Count - 1);
                    continue;
                }
                path.Add(next);
                via.Add(arc);
            }
            return false;
        }

        private (int Node, int Arc) NextArc(int u)
        {
            if (u == 0)
            {
                for (; cursor[0] < n; cursor[0]++)
                {
                    var e = cursor[0];
                    var v = EntryNode(e);
                    if (need[e] > 0 && level[v] == 1 && Admissible(0, v, 0)) return (v, -1);
                }
                return (-1, -1);
            }
            if (u <= n)
            {
                var e = u - 1;
                var span = EdgeStart[e + 1] - EdgeStart[e];
                for (; cursor[u] < span; cursor[u]++)
                {
                    var i = EdgeStart[e] + cursor[u];
                    var v = JudgeNode(EdgeJudge[i]);
                    if (!EdgeUsed[i] && level[v] == level[u] + 1 && Admissible(u, v, edgeCost[i])) return (v, i);
                }
                return (-1, -1);
            }
            var j = u - 1 - n;
            var count = judgeEdgeStart[j + 1] - judgeEdgeStart[j];
            for (; cursor[u] < count; cursor[u]++)
            {
                var i = judgeEdges[judgeEdgeStart[j] + cursor[u]];
                if (!EdgeUsed[i]) continue;
                var v = EntryNode(edgeEntry[i]);
                if (level[v] == level[u] + 1 && Admissible(u, v, -edgeCost[i])) return (v, i);
            }
            if (cursor[u] == count && load[j] < cap[j] && level[sink] == level[u] + 1 && Admissible(u, sink, Marginal(j)))
                return (sink, -1);
            return (-1, -1);
        }

        private void Apply(List<int> path, List<int> via)
        {
            for (var d = 1; d < path.Count; d++)
            {
                var from = path[d - 1];
                var to = path[d];
                if (from == 0) need[to - 1]--;
                else if (to == sink) load[from - 1 - n]++;
                else if (from <= n) EdgeUsed[via[d]] = true;  // entry → judge: the pair is taken
                else EdgeUsed[via[d]] = false;                // judge → entry: the pair is given back
            }
        }
    }

    /// <summary>
    /// Swaps judges between entries (a on e1 and b on e2 become b on e1 and a on e2) while it lowers how often the same
    /// two judges meet: first the largest number of entries any two share, then the sum of squares of those numbers; a
    /// swap that changes neither is taken when it gains expert pairs (otherwise which of several equally good flows the
    /// search starts from decides what expertise it gives up). Loads, pins and eligibility are untouched by construction. The number of tries is fixed by the problem's size
    /// (never by a clock) so a seed always gives the same plan.
    /// </summary>
    /// <remarks>
    /// Expertise and spread pull apart: the flow alone fills panels with experts of the entry's industry, so the same few
    /// experts meet again and again (on 2,000 entries × 150 judges × k = 5 with ten industries, two judges shared up to
    /// 22 entries). A swap may therefore give up expertise, but never takes an entry below <c>expertFloor</c> experts
    /// (a majority of its panel, ⌈k/2⌉) if it had that many, and never lowers an entry that had fewer. On that round
    /// this keeps 6,000 of 10,000 pairs expert and brings the worst pair down to 6 shared entries.
    /// </remarks>
    private sealed class CoAssignmentSpread(
        int n, int m, int expertFloor, bool[] assigned, bool[] pinned, bool[] eligible, bool[] matches, int seed)
    {
        private readonly int[] shared = new int[m * m];
        private int[] histogram = new int[16];
        private int maxShared;

        public void Improve()
        {
            // Each entry's movable (automatic) judges and all its judges, kept as lists for quick sampling.
            var movable = new List<int>[n];
            var members = new List<int>[n];
            var movablePairs = 0;
            var experts = new int[n];
            for (var e = 0; e < n; e++)
            {
                movable[e] = [];
                members[e] = [];
                for (var j = 0; j < m; j++)
                {
                    if (!assigned[e * m + j]) continue;
                    members[e].Add(j);
                    if (matches[e * m + j]) experts[e]++;
                    if (!pinned[e * m + j]) movable[e].Add(j);
                }
                movablePairs += movable[e].Count;
                var list = members[e];
                for (var x = 0; x < list.Count; x++)
                {
                    for (var y = x + 1; y < list.Count; y++) Change(list[x], list[y], +1);
                }
            }
            if (movablePairs < 2 || m < 2) return;

            var candidates = new List<int>();
            for (var e = 0; e < n; e++)
            {
                if (movable[e].Count > 0 && members[e].Count > 1) candidates.Add(e);
            }
            if (candidates.Count < 2) return;
            // A swap needs two entries that could each take a judge they lack. When every panel already holds every judge
            // it may have (a pool of five, each reviewing every entry), no try could change anything: skip the tries.
            var open = 0;
            foreach (var e in candidates)
            {
                for (var j = 0; j < m; j++)
                {
                    if (eligible[e * m + j] && !assigned[e * m + j]) { open++; break; }
                }
                if (open == 2) break;
            }
            if (open < 2) return;

            var random = new Random(seed);
            var tries = Math.Clamp(movablePairs * 40, 2_000, 1_000_000);

            for (var t = 0; t < tries; t++)
            {
                var e1 = candidates[random.Next(candidates.Count)];
                var e2 = candidates[random.Next(candidates.Count)];
                if (e1 == e2) continue;
                var a = movable[e1][random.Next(movable[e1].Count)];
                var b = movable[e2][random.Next(movable[e2].Count)];
                if (a == b || assigned[e1 * m + b] || assigned[e2 * m + a]) continue;
                if (!eligible[e1 * m + b] || !eligible[e2 * m + a]) continue;
                var experts1 = experts[e1] - (matches[e1 * m + a] ? 1 : 0) + (matches[e1 * m + b] ? 1 : 0);
                var experts2 = experts[e2] - (matches[e2 * m + b] ? 1 : 0) + (matches[e2 * m + a] ? 1 : 0);
                if (experts1 < Math.Min(experts[e1], expertFloor) || experts2 < Math.Min(experts[e2], expertFloor)) continue;

                var before = maxShared;
                var delta = Move(members[e1], a, b) + Move(members[e2], b, a);
                var gain = experts1 + experts2 - experts[e1] - experts[e2];
                if (maxShared < before || (maxShared == before && (delta < 0 || (delta == 0 && gain > 0))))
                {
                    experts[e1] = experts1;
                    experts[e2] = experts2;
                    assigned[e1 * m + a] = false;
                    assigned[e1 * m + b] = true;
                    assigned[e2 * m + b] = false;
                    assigned[e2 * m + a] = true;
                    Replace(movable[e1], a, b);
                    Replace(movable[e2], b, a);
                }
                else
                {
                    // Undo in reverse order so every count passes back through the same values.
                    Move(members[e2], a, b);
                    Move(members[e1], b, a);
                }
            }
        }

        /// <summary>Replaces judge <paramref name="from"/> by <paramref name="to"/> on one entry's member list; returns the change in the sum of squares.</summary>
        private long Move(List<int> list, int from, int to)
        {
            long delta = 0;
            foreach (var x in list)
            {
                if (x == from) continue;
                delta += Change(from, x, -1);
                delta += Change(to, x, +1);
            }
            Replace(list, from, to);
            return delta;
        }

        private static void Replace(List<int> list, int from, int to) => list[list.IndexOf(from)] = to;

        private long Change(int a, int b, int by)
        {
            var old = shared[a * m + b];
            var now = old + by;
            shared[a * m + b] = now;
            shared[b * m + a] = now;
            if (now >= histogram.Length) Array.Resize(ref histogram, histogram.Length * 2);
            histogram[old]--;
            histogram[now]++;
            if (now > maxShared) maxShared = now;
            while (maxShared > 0 && histogram[maxShared] == 0) maxShared--;
            return (long)now * now - (long)old * old;
        }
    }
}
