using System.Diagnostics;
using CompetitionHub.Web.Features.Scoring;

namespace CompetitionHub.Benchmarks.LiveLoad;

/// <summary>
/// Score-to-screen bookkeeping shared by the bare baseline and the app: a submission (entry, judge) is on every screen
/// once each spectator has received a stage, no older than the one it shows, whose panel marks that judge submitted for
/// that entry. A submission does not raise the stage version (only organizer steps do), so the panel flag is the mark.
/// </summary>
public sealed class ScreenTracker
{
    private readonly Dictionary<int, int> entryIndex;
    private readonly Dictionary<int, int> judgeIndex;
    private readonly long[] submittedAt;
    private readonly long[] lastSeenAt;
    private readonly int[] seenBy;
    private readonly long[] firstSeenAt;
    private readonly long[] acknowledgedAt;
    private int received;

    public ScreenTracker(IReadOnlyList<int> entryIds, IReadOnlyList<string> judgeNames, int spectators)
    {
        entryIndex = entryIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        // The stage names no judge: seats follow the judges' names in ordinal order (评委01, 评委02, …), so seat s is the
        // judge whose name is s-th in that order.
        judgeIndex = judgeNames.Select((name, i) => (name, i)).OrderBy(p => p.name, StringComparer.Ordinal)
            .Select((p, seat) => (seat: seat + 1, p.i)).ToDictionary(p => p.seat, p => p.i);
        Judges = judgeNames.Count;
        Spectators = spectators;
        submittedAt = new long[entryIds.Count * Judges];
        lastSeenAt = new long[submittedAt.Length];
        seenBy = new int[submittedAt.Length];
        firstSeenAt = new long[submittedAt.Length];
        acknowledgedAt = new long[submittedAt.Length];
    }

    public int Judges { get; }
    public int Spectators { get; }

    public Screen NewScreen()
    {
        var screen = new Screen(this, submittedAt.Length, Interlocked.Increment(ref screens) == 1);
        lock (all) all.Add(screen);
        return screen;
    }

    private int screens;
    private readonly List<Screen> all = [];

    /// <summary>
    /// Waits until every screen shows the entry open for scoring, and throws when one does not within the timeout: the
    /// judges score what their tablets show, so no sheet is sent before the step that opens scoring has reached the hall.
    /// </summary>
    public async Task WaitOpenForScoringAsync(int entryId, TimeSpan timeout, CancellationToken ct)
    {
        Screen[] screensNow;
        lock (all) screensNow = [.. all];
        if (!await UntilAsync(() => screensNow.All(s => s.ShowsOpenForScoring(entryId)), timeout, TimeSpan.FromMilliseconds(1), ct))
            throw new TimeoutException($"Not every screen showed entry {entryId} open for scoring within {timeout}.");
    }

    public void MarkSubmitted(int entry, int judge) => submittedAt[entry * Judges + judge] = Stopwatch.GetTimestamp();

    public void MarkAcknowledged(int entry, int judge) => acknowledgedAt[entry * Judges + judge] = Stopwatch.GetTimestamp();

    /// <summary>Stage messages the first screen received: how many broadcasts went out.</summary>
    public int ReceivedByFirstScreen => Volatile.Read(ref received);

    /// <summary>Milliseconds from submit to the judge's answer, for each judge of the entry.</summary>
    public IEnumerable<double> AcknowledgedMs(int entry) => Since(entry, acknowledgedAt);

    /// <summary>Milliseconds from submit to the first screen showing it, for each judge of the entry.</summary>
    public IEnumerable<double> FirstScreenMs(int entry) => Since(entry, firstSeenAt);

    private IEnumerable<double> Since(int entry, long[] at)
    {
        for (var j = 0; j < Judges; j++)
        {
            var k = entry * Judges + j;
            var t = Volatile.Read(ref at[k]);
            if (t != 0 && submittedAt[k] != 0) yield return (t - submittedAt[k]) * 1000.0 / Stopwatch.Frequency;
        }
    }

    /// <summary>Waits (polling, bounded) until every screen shows every judge's submission for the entry.</summary>
    public Task<bool> WaitAllShownAsync(int entry, TimeSpan timeout, CancellationToken ct) =>
        UntilAsync(() => Enumerable.Range(0, Judges).All(j => Volatile.Read(ref seenBy[entry * Judges + j]) >= Spectators),
            timeout, TimeSpan.FromMilliseconds(2), ct);

    /// <summary>Waits (polling, bounded) until every screen shows one judge's submission for the entry.</summary>
    public Task<bool> WaitShownAsync(int entry, int judge, TimeSpan timeout, CancellationToken ct) =>
        UntilAsync(() => Volatile.Read(ref seenBy[entry * Judges + judge]) >= Spectators, timeout, TimeSpan.FromMilliseconds(1), ct);

    /// <summary>Polls <paramref name="done"/> every <paramref name="every"/> until it holds (true) or the timeout passes (false).</summary>
    private static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout, TimeSpan every, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(every, ct);
        }
        return true;
    }

    /// <summary>Milliseconds from submit to the last screen for each judge's submission of the entry.</summary>
    public IEnumerable<double> LatenciesMs(int entry)
    {
        for (var j = 0; j < Judges; j++)
        {
            var k = entry * Judges + j;
            if (Volatile.Read(ref seenBy[k]) >= Spectators && submittedAt[k] != 0)
                yield return (Volatile.Read(ref lastSeenAt[k]) - submittedAt[k]) * 1000.0 / Stopwatch.Frequency;
        }
    }

    /// <summary>Submissions that some screen never showed.</summary>
    public int NotShown(int entry) => Enumerable.Range(0, Judges).Count(j => Volatile.Read(ref seenBy[entry * Judges + j]) < Spectators);

    /// <summary>Times a screen read the stage whole because a message left out a revealed list and ranking it did not hold.</summary>
    public int WholeReads => Volatile.Read(ref wholeReads);

    private int wholeReads;

    /// <summary>
    /// One spectator's screen. SignalR runs a connection's handlers one at a time; the lock is for the answer of a whole
    /// read, which arrives beside them.
    /// </summary>
    public sealed class Screen(ScreenTracker tracker, int size, bool counts)
    {
        private readonly bool[] seen = new bool[size];
        private readonly Lock gate = new();
        private long shownVersion = -1;
        private string? boardKey;
        private volatile LiveStage? shown;

        public bool ShowsOpenForScoring(int entryId) =>
            shown is { } stage && stage.Entry?.EntryId == entryId && stage.Phase == nameof(StagePhase.Scoring);

        /// <summary>Reads the stage whole (JoinStage), as the live page does for a board it does not hold; unset on the bare side.</summary>
        public Func<Task<LiveStage?>>? ReadWhole { get; set; }

        public void Show(LiveStage stage)
        {
            var now = Stopwatch.GetTimestamp();
            if (counts) Interlocked.Increment(ref tracker.received);
            lock (gate) Show(stage, now);
        }

        private void Show(LiveStage stage, long now)
        {
            // As the live page does: an older state is dropped, an equal version replaces (a submission keeps the version).
            if (stage.Version < shownVersion) return;
            if (stage.BoardLeftOut && stage.BoardKey != boardKey && ReadWhole is { } read)
            {
                Interlocked.Increment(ref tracker.wholeReads);
                _ = ReadAndShowAsync(read);
                return;
            }
            if (!stage.BoardLeftOut) boardKey = stage.BoardKey;
            shownVersion = stage.Version;
            shown = stage;
            if (stage.Entry is null || !tracker.entryIndex.TryGetValue(stage.Entry.EntryId, out var entry)) return;
            foreach (var judge in stage.Panel)
            {
                if (!judge.Submitted || !tracker.judgeIndex.TryGetValue(judge.Seat, out var j)) continue;
                var k = entry * tracker.Judges + j;
                if (seen[k]) continue;
                seen[k] = true;
                var last = Volatile.Read(ref tracker.lastSeenAt[k]);
                while (now > last)
                {
                    var was = Interlocked.CompareExchange(ref tracker.lastSeenAt[k], now, last);
                    if (was == last) break;
                    last = was;
                }
                Interlocked.CompareExchange(ref tracker.firstSeenAt[k], now, 0);
                Interlocked.Increment(ref tracker.seenBy[k]);
            }
        }

        private async Task ReadAndShowAsync(Func<Task<LiveStage?>> read)
        {
            try
            {
                if (await read() is { } whole) lock (gate) Show(whole, Stopwatch.GetTimestamp());
            }
            catch (Exception)
            {
                // The connection went away; the screen then simply misses what the read would have shown, and counts as not shown.
            }
        }
    }
}
