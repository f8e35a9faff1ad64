using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>One thing that must not happen, found in one exchange (or hub call); <see cref="Cause"/> groups them.</summary>
public sealed record Finding(string Cause, string Detail, Exchange? Exchange, string? Call = null);

/// <summary>
/// The state of one fuzz run: its seed (every random choice derives from it and from the target, so a run repeats
/// exactly and one changed form does not reshuffle the others), the numbered exchanges and what was found.
/// </summary>
public sealed partial class FuzzRun(FuzzHost host, int seed)
{
    public const string SeedVariable = "FUZZ_SEED";
    private readonly ConcurrentQueue<Exchange> exchanges = new();
    private readonly ConcurrentQueue<Finding> findings = new();
    private int counter;

    public FuzzHost Host => host;
    public int Seed => seed;
    public int Requests => Volatile.Read(ref counter);
    public IReadOnlyList<Finding> Findings => [.. findings];
    public IReadOnlyList<Exchange> Exchanges => [.. exchanges];

    /// <summary>The suite's own seed, so every CI run sends the same requests; <see cref="SeedVariable"/> explores others.</summary>
    public const int DefaultSeed = 20261204;

    /// <summary>The seed from <see cref="SeedVariable"/>, or <see cref="DefaultSeed"/> (printed either way).</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s : DefaultSeed;

    public int NextNumber() => Interlocked.Increment(ref counter);

    /// <summary>A generator for one target alone: the same seed and target give the same choices, whatever ran before.</summary>
    public Random RandomFor(string target)
    {
        var hash = 2166136261u;
        foreach (var c in target) hash = (hash ^ c) * 16777619u;
        return new Random(seed ^ (int)hash);
    }

    public void Record(Exchange exchange)
    {
        exchanges.Enqueue(exchange);
        if (Dump is { Length: > 0 })
        {
            Directory.CreateDirectory(Dump);
            File.AppendAllText(Path.Combine(Dump, "exchanges.txt"),
                $"#{exchange.Number} {(int)exchange.Status} {exchange.Location} as {exchange.Role}: {exchange.Request.Label} | {exchange.Request.Describe()}{Environment.NewLine}");
        }
    }

    /// <summary>A folder to write each failing answer's body to (<c>FUZZ_DUMP</c>), to read what the page said.</summary>
    private static readonly string? Dump = Environment.GetEnvironmentVariable("FUZZ_DUMP");

    public void Fail(string cause, string detail, Exchange? exchange, string? call = null)
    {
        findings.Enqueue(new Finding(cause, detail, exchange, call));
        if (Dump is { Length: > 0 } && exchange is { Body.Length: > 0 })
        {
            Directory.CreateDirectory(Dump);
            File.WriteAllText(Path.Combine(Dump, $"{exchange.Number}.html"), exchange.Body);
        }
    }

    /// <summary>
    /// The findings since <paramref name="from"/>, grouped by cause, with a few examples each (different targets first):
    /// every example can be sent again as printed, and the seed repeats the whole run.
    /// </summary>
    public string Report(string phase, int from, int requests, TimeSpan elapsed)
    {
        var found = Findings.Skip(from).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Fuzz {phase}: seed {seed} ({SeedVariable}={seed} repeats it), {requests} requests/calls in {elapsed.TotalSeconds:0.0} s, " +
            $"{found.Count} findings in {found.Select(f => f.Cause).Distinct().Count()} causes.");
        foreach (var group in found.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"== {group.Key}  ({group.Count()}×)");
            // Different targets first, then different kinds of input on the same target.
            var examples = group.DistinctBy(f => f.Exchange?.Request.Target ?? f.Call ?? "")
                .Concat(group.DistinctBy(f => (f.Exchange?.Request.Target ?? f.Call, f.Exchange?.Request.What))).Distinct().Take(6).ToList();
            foreach (var f in examples)
            {
                if (f.Exchange is { } e)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"   #{e.Number} as {e.Role}: {e.Request.Label}");
                    text.AppendLine(CultureInfo.InvariantCulture, $"      {e.Request.Describe()}");
                    text.AppendLine(CultureInfo.InvariantCulture, $"      -> {(e.NotSent is null ? ((int)e.Status).ToString(CultureInfo.InvariantCulture) : "not answered")} {e.Location ?? ""} {e.ContentType ?? ""}");
                }
                else text.AppendLine(CultureInfo.InvariantCulture, $"   {f.Call}");
                text.AppendLine(CultureInfo.InvariantCulture, $"      {f.Detail}");
            }
            if (group.Count() > examples.Count) text.AppendLine(CultureInfo.InvariantCulture, $"   … and {group.Count() - examples.Count} more");
        }
        return text.ToString();
    }

    /// <summary>A path with its ids and tokens replaced, so that one route is one shape.</summary>
    public static string Shape(string url)
    {
        var path = url.Split('?')[0];
        path = GuidSegment().Replace(path, "{guid}");
        return NumberSegment().Replace(path, "/{n}");
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidSegment();

    [GeneratedRegex(@"/[-+]?\d+(?=/|$|\.)")]
    private static partial Regex NumberSegment();
}
