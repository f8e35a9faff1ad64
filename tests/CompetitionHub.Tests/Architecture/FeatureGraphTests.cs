using System.Text;
using System.Text.RegularExpressions;

namespace CompetitionHub.Tests.Architecture;

/// <summary>
/// A feature folder may depend on another only one way: a feature depends on another when one of its .cs or .cshtml
/// files (its _ViewImports too) names the other's namespace, or one of its types as <c>Other.Type</c>. A cycle makes
/// two features one, so they can no longer be read, changed or moved apart; an edge missing from
/// <see cref="AllowedEdges"/> is a new dependency to decide on.
/// </summary>
public sealed partial class FeatureGraphTests
{
    private static readonly string Features = Path.Combine(RepositoryRoot(), "src", "CompetitionHub.Web", "Features");

    /// <summary>
    /// The graph as it stands, one line per feature: what it may use. Infrastructure/ and Views/Shared/ hold what every
    /// feature uses and are not features. Adding an edge here is a design decision: say why in the commit.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedEdges = new()
    {
        // Used by (nearly) all: who people are, what happened, what was sent.
        ["Audit"] = [],
        ["Notifications"] = ["Audit"],
        ["Accounts"] = ["Notifications"],
        ["Eligibility"] = [],
        ["Home"] = [],
        ["Admin"] = ["Accounts", "Notifications"],
        // The contest and its tracks and rounds; the rules of eligibility are a leaf it configures.
        ["Contests"] = ["Accounts", "Audit", "Eligibility"],
        ["Dashboard"] = ["Accounts", "Contests", "Notifications"],
        // Contestants: a team enters a contest.
        ["Teams"] = ["Accounts", "Audit", "Contests", "Notifications"],
        ["Registration"] = ["Accounts", "Audit", "Contests", "Eligibility", "Notifications", "Teams"],
        ["Review"] = ["Accounts", "Audit", "Contests", "Eligibility", "Notifications", "Registration"],
        // Judges: the pool, conflicts, who may read and score what; then who reviews which entry.
        ["Judging"] = ["Accounts", "Audit", "Contests", "Eligibility", "Notifications", "Registration", "Teams"],
        ["Assignment"] = ["Accounts", "Audit", "Contests", "Judging", "Notifications", "Registration"],
        ["Roadshow"] = ["Accounts", "Audit", "Contests", "Judging", "Notifications", "Registration"],
        // Scores, rankings from scores, and what follows from a ranking.
        ["Scoring"] = ["Accounts", "Assignment", "Audit", "Contests", "Judging", "Registration", "Roadshow"],
        ["Rankings"] = ["Accounts", "Audit", "Contests", "Registration", "Roadshow", "Scoring"],
        ["Publication"] = ["Accounts", "Audit", "Contests", "Notifications", "Rankings", "Registration", "Review", "Roadshow", "Scoring"],
        ["Advancement"] = ["Accounts", "Assignment", "Audit", "Contests", "Rankings", "Registration", "Review"],
        ["Awards"] = ["Accounts", "Audit", "Contests", "Rankings", "Registration"],
        // The activity week and what hangs off it.
        ["ActivityWeek"] = ["Accounts", "Audit", "Contests", "Notifications", "Registration"],
        ["Matchmaking"] = ["Accounts", "ActivityWeek", "Audit", "Contests", "Notifications", "Registration"],
        ["Api"] = ["ActivityWeek", "Contests"],
    };

    [Fact]
    public void FeatureGraph_HasNoCycle_WhenFeaturesNameEachOther()
    {
        var graph = FeatureGraph.Read(Features);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, $"{cycles.Count} feature cycle(s):\n" + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void FeatureGraph_HasOnlyAllowedEdges_WhenFeaturesNameEachOther()
    {
        var graph = FeatureGraph.Read(Features);
        var unexpected = graph.Edges
            .Where(e => !AllowedEdges.TryGetValue(e.Key.From, out var to) || !to.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To}: {string.Join(", ", e.Value)}")
            .ToList();
        // The list stays the map of the code: an edge that went away leaves it too, so it never allows more than is used.
        var gone = AllowedEdges.SelectMany(f => f.Value.Select(to => new Edge(f.Key, to)))
            .Where(e => !graph.Edges.ContainsKey(e))
            .Select(e => $"{e.From} -> {e.To}")
            .ToList();
        Assert.True(unexpected.Count == 0 && gone.Count == 0,
            "Edges not in the allowed list:\n" + string.Join("\n", unexpected) + "\nListed edges no longer in the code:\n" + string.Join("\n", gone));
    }

    [Fact]
    public void FeatureGraph_FindsTheCycleWithItsFiles_WhenThreeFeaturesNameEachOtherInARing()
    {
        var root = Directory.CreateTempSubdirectory("feature-graph-");
        try
        {
            Write(root, "A/UsesB.cs", "using CompetitionHub.Web.Features.B;\nnamespace CompetitionHub.Web.Features.A;\npublic class Thing;");
            Write(root, "B/Views/_ViewImports.cshtml", "@using CompetitionHub.Web.Features.C");
            Write(root, "C/UsesA.cs", "namespace CompetitionHub.Web.Features.C;\nclass User(A.Thing thing) { int Count => B.Count + db.A.Thing; }");
            Write(root, "D/UsesA.cs", "using CompetitionHub.Web.Features.A;");

            var graph = FeatureGraph.Read(root.FullName);
            var cycle = Assert.Single(graph.Cycles());

            Assert.Equal(["A", "B", "C"], cycle);
            Assert.Equal("A -> B (UsesB.cs) -> C (_ViewImports.cshtml) -> A (UsesA.cs)", graph.Describe(cycle));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Write(DirectoryInfo root, string path, string text)
    {
        var full = Path.Combine(root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("CompetitionHub.sln not found above the test binaries");
    }

    private sealed record Edge(string From, string To);

    private sealed partial class FeatureGraph(SortedDictionary<Edge, SortedSet<string>> edges)
    {
        public IReadOnlyDictionary<Edge, SortedSet<string>> Edges => edges;

        public static FeatureGraph Read(string featuresFolder)
        {
            var files = Directory.GetDirectories(featuresFolder).ToDictionary(
                d => Path.GetFileName(d),
                d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                    .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList());
            // Code inside CompetitionHub.Web.Features.X can name a neighbour's type as Other.Type without a using.
            var types = files.ToDictionary(f => f.Key, f => f.Value
                .SelectMany(x => TypeDeclaration().Matches(x.Text)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal));
            var edges = new SortedDictionary<Edge, SortedSet<string>>(Comparer<Edge>.Create(
                (a, b) => string.CompareOrdinal(a.From + "\0" + a.To, b.From + "\0" + b.To)));
            foreach (var (feature, sources) in files)
            {
                foreach (var (name, text) in sources)
                {
                    var named = FeatureNamespace().Matches(text).Select(m => m.Groups[1].Value)
                        .Concat(QualifiedType().Matches(text).Where(m => types.TryGetValue(m.Groups[1].Value, out var declared) && declared.Contains(m.Groups[2].Value))
                            .Select(m => m.Groups[1].Value));
                    foreach (var other in named.Where(o => o != feature && files.ContainsKey(o)))
                    {
                        var edge = new Edge(feature, other);
                        if (!edges.TryGetValue(edge, out var why)) edges[edge] = why = new SortedSet<string>(StringComparer.Ordinal);
                        why.Add(name);
                    }
                }
            }
            return new FeatureGraph(edges);
        }

        /// <summary>
        /// One shortest cycle through each edge that lies on a cycle, each listed once from its alphabetically first
        /// feature: every back edge shows up with the files that make it, without listing every possible loop.
        /// </summary>
        public List<List<string>> Cycles()
        {
            var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
            var found = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var edge in edges.Keys)
            {
                if (ShortestPath(next, edge.To, edge.From) is not { } path) continue;
                var cycle = new List<string> { edge.From };
                cycle.AddRange(path.Take(path.Count - 1));
                var start = cycle.IndexOf(cycle.Min(StringComparer.Ordinal)!);
                var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
                found.TryAdd(string.Join(">", rotated), rotated);
            }
            return [.. found.Values];
        }

        public string Describe(List<string> cycle)
        {
            var text = new StringBuilder(cycle[0]);
            for (var i = 0; i < cycle.Count; i++)
            {
                var edge = new Edge(cycle[i], cycle[(i + 1) % cycle.Count]);
                text.Append($" -> {edge.To} ({string.Join(", ", edges[edge])})");
            }
            return text.ToString();
        }

        private static List<string>? ShortestPath(Dictionary<string, List<string>> next, string from, string to)
        {
            var cameFrom = new Dictionary<string, string> { [from] = from };
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var at))
            {
                if (at == to)
                {
                    var path = new List<string> { to };
                    while (path[0] != from) path.Insert(0, cameFrom[path[0]]);
                    return path;
                }
                foreach (var n in next.GetValueOrDefault(at) ?? [])
                {
                    if (cameFrom.TryAdd(n, at)) queue.Enqueue(n);
                }
            }
            return null;
        }

        [GeneratedRegex(@"CompetitionHub\.Web\.Features\.(\w+)")]
        private static partial Regex FeatureNamespace();

        [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(\w+)")]
        private static partial Regex TypeDeclaration();

        [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)\b")]
        private static partial Regex QualifiedType();
    }
}
