using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>A judge of the round's pool as the page shows them.</summary>
public sealed record PoolJudge(string UserId, string Name, string Email, string Culture, int? MaxLoad, IReadOnlyList<string> Expertise);

/// <summary>An entry waiting for judges in this round.</summary>
public sealed record RoundEntry(int Id, string Title, string Industry);

/// <summary>A judge-entry pair stored for the round (committed, pinned or not).</summary>
public sealed record StoredPair(string JudgeUserId, int EntryId, AssignmentSource Source, DateTime? NotifiedAt);

/// <summary>An organizer's removal that keeps a judge off an entry.</summary>
public sealed record BlockedPair(string JudgeUserId, int EntryId, DateTime CreatedAt);

/// <summary>
/// Everything the assignment page and its use cases need about one online round, read once: the pool, the entries, what
/// is stored, the organizer's pins and removals, and the active conflicts. <see cref="Stamp"/> is the round's
/// <see cref="AssignmentStamp"/> as read before its stored pairs (null while it has none).
/// </summary>
public sealed record AssignmentState(
    Round Round,
    Contest Contest,
    IReadOnlyList<PoolJudge> Judges,
    IReadOnlyList<RoundEntry> Entries,
    IReadOnlyList<StoredPair> Stored,
    IReadOnlyList<BlockedPair> Blocks,
    IReadOnlySet<(string Judge, int Entry)> Conflicts,
    Guid? Stamp)
{
    public const int MinPerEntry = 1;
    public const int MaxPerEntry = 15;
    public const int DefaultPerEntry = 3;

    /// <summary>Pins the solver is given: those of pool judges on round entries, never a pair in conflict.</summary>
    public IReadOnlySet<(string Judge, int Entry)> UsablePins
    {
        get
        {
            var judges = Judges.Select(j => j.UserId).ToHashSet();
            var entries = Entries.Select(e => e.Id).ToHashSet();
            return Stored.Where(s => s.Source == AssignmentSource.Pinned && judges.Contains(s.JudgeUserId) && entries.Contains(s.EntryId)
                                     && !Conflicts.Contains((s.JudgeUserId, s.EntryId)))
                .Select(s => (s.JudgeUserId, s.EntryId)).ToHashSet();
        }
    }

    /// <summary>Pins that conflict with a conflict found after pinning: never given to the solver, dropped at commit.</summary>
    public IReadOnlyList<StoredPair> ConflictedPins =>
        Stored.Where(s => s.Source == AssignmentSource.Pinned && Conflicts.Contains((s.JudgeUserId, s.EntryId))).ToList();

    /// <summary>
    /// Stored assignments the judge rule no longer allows (the judge left the pool, or a conflict appeared): the judge has
    /// already lost access to the entry, and the organizer has to give it to someone else.
    /// </summary>
    public IReadOnlyList<(StoredPair Pair, bool Removed)> Revoked
    {
        get
        {
            var judges = Judges.Select(j => j.UserId).ToHashSet();
            return Stored.Where(s => !judges.Contains(s.JudgeUserId) || Conflicts.Contains((s.JudgeUserId, s.EntryId)))
                .Select(s => (s, !judges.Contains(s.JudgeUserId))).ToList();
        }
    }

    /// <summary>The seed used when the organizer gives none: the round's own id, so a re-run gives the same plan.</summary>
    public int DefaultSeed => Round.Id;

    /// <summary>The solver's question; conflicts and blocks are cut down to this round's judges and entries.</summary>
    public AssignmentProblem Problem(int perEntry)
    {
        var judges = Judges.Select(j => j.UserId).ToHashSet();
        var entries = Entries.Select(e => e.Id).ToHashSet();
        bool InRound((string Judge, int Entry) p) => judges.Contains(p.Judge) && entries.Contains(p.Entry);
        return new(
            perEntry,
            Entries.Select(e => new AssignmentEntry(e.Id, e.Industry)).ToList(),
            Judges.Select(j => new AssignmentJudge(j.UserId, j.MaxLoad, j.Expertise.ToHashSet(StringComparer.Ordinal))).ToList(),
            Conflicts.Where(InRound).ToHashSet(),
            UsablePins,
            Blocks.Select(b => (b.JudgeUserId, b.EntryId)).Where(InRound).ToHashSet());
    }

    /// <summary>
    /// A fingerprint of the solver's whole input and seed. The solver is pure, so equal fingerprints mean the commit
    /// re-creates exactly the plan the organizer previewed; a different one means something changed in between.
    /// </summary>
    public static string Fingerprint(AssignmentProblem problem, int seed)
    {
        // The text is hashed a line at a time: at 10,000 entries × 5 judges it would otherwise be one string of megabytes.
        using var hash = new FingerprintHash();
        hash.Line("k=", problem.PerEntry.ToString(CultureInfo.InvariantCulture), ";seed=", seed.ToString(CultureInfo.InvariantCulture));
        foreach (var e in problem.Entries.OrderBy(e => e.Id))
            hash.Line("e:", e.Id.ToString(CultureInfo.InvariantCulture), "|", e.Industry);
        foreach (var j in problem.Judges.OrderBy(j => j.Id, StringComparer.Ordinal))
            hash.Line("j:", j.Id, "|", j.MaxLoad?.ToString(CultureInfo.InvariantCulture) ?? "-", "|",
                string.Join(',', j.Expertise.Order(StringComparer.Ordinal)));
        Pairs("c", problem.Conflicts);
        Pairs("p", problem.Pinned);
        Pairs("b", problem.Blocked);
        return hash.Hex();

        void Pairs(string tag, IEnumerable<(string Judge, int Entry)> pairs)
        {
            foreach (var (judge, entry) in pairs.OrderBy(p => p.Judge, StringComparer.Ordinal).ThenBy(p => p.Entry))
                hash.Line(tag, ":", judge, "|", entry.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>SHA-256 of UTF-8 lines, fed through a small buffer; the hash is the same as of the lines joined.</summary>
    private sealed class FingerprintHash : IDisposable
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] buffer = new byte[8192];
        private int used;

        public void Line(params ReadOnlySpan<string> parts)
        {
            foreach (var part in parts) Write(part);
            Write("\n");
        }

        public string Hex()
        {
            Flush();
            return Convert.ToHexString(hash.GetHashAndReset());
        }

        public void Dispose() => hash.Dispose();

        private void Write(string text)
        {
            // Parts are whole strings, so no surrogate pair is ever split between two writes.
            if (Encoding.UTF8.GetMaxByteCount(text.Length) > buffer.Length - used)
            {
                Flush();
                if (Encoding.UTF8.GetMaxByteCount(text.Length) > buffer.Length)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(text));
                    return;
                }
            }
            used += Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
        }

        private void Flush()
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }
    }

    /// <summary>Entry statuses that take part in an online round.</summary>
    public static readonly EntryStatus[] AssignableStatuses = [EntryStatus.Approved, EntryStatus.Advanced];
}

/// <summary>Reads an <see cref="AssignmentState"/> from the database.</summary>
public sealed class LoadAssignmentState(AppDbContext db, ConflictMap conflicts)
{
    public Task<AssignmentState?> HandleAsync(int roundId, CancellationToken ct) => ReadAsync(roundId, pinsOnly: false, ct);

    /// <summary>
    /// The round with only the pins of its stored pairs: all the solver's input, and all a preview kept under
    /// <see cref="AssignmentState.Stamp"/> needs, without the round's thousands of other pairs. Only for that.
    /// </summary>
    public Task<AssignmentState?> WithPinsOnlyAsync(int roundId, CancellationToken ct) => ReadAsync(roundId, pinsOnly: true, ct);

    private async Task<AssignmentState?> ReadAsync(int roundId, bool pinsOnly, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        // Read before the pairs: a change saved in between leaves this read newer than its stamp, never older.
        var stamp = await AssignmentStamp.ReadAsync(db, roundId, ct);
        var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == round.ContestId, ct);

        var judges = await PoolAsync(db, contest.Id, ct);

        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && AssignmentState.AssignableStatuses.Contains(e.Status))
            .OrderBy(e => e.Id).Select(e => new RoundEntry(e.Id, e.Title, e.Industry)).ToListAsync(ct);
        var pairs = db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == roundId);
        if (pinsOnly) pairs = pairs.Where(a => a.Source == AssignmentSource.Pinned);
        var stored = await pairs.OrderBy(a => a.Id)
            .Select(a => new StoredPair(a.JudgeUserId, a.EntryId, a.Source, a.NotifiedAt)).ToListAsync(ct);
        var blocks = await db.AssignmentBlocks.AsNoTracking().Where(b => b.RoundId == roundId)
            .Select(b => new BlockedPair(b.JudgeUserId, b.EntryId, b.CreatedAt)).ToListAsync(ct);
        var conflictPairs = await conflicts.ActivePairsAsync(contest.Id, ct);
        return new AssignmentState(round, contest, judges, entries, stored, blocks, conflictPairs, stamp);
    }

    /// <summary>The round's pool: the contest's accepted judges with an account, by name.</summary>
    internal static async Task<List<PoolJudge>> PoolAsync(AppDbContext db, int contestId, CancellationToken ct)
    {
        var pool = await db.ContestJudges.AsNoTracking()
            .Where(j => j.ContestId == contestId && j.Status == JudgeStatus.Accepted && j.UserId != null)
            .Join(db.Users, j => j.UserId, u => u.Id, (j, u) => new
            {
                UserId = u.Id, j.Name, u.DisplayName, j.Email, u.PreferredCulture, j.MaxLoad,
            })
            .ToListAsync(ct);
        var userIds = pool.Select(p => p.UserId).Distinct().ToList();
        var expertise = await db.JudgeProfiles.AsNoTracking().Where(p => userIds.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Expertise }).ToDictionaryAsync(p => p.UserId, p => p.Expertise, ct);
        // One person could in theory appear twice in a pool (two invitation emails); they are one judge to the solver.
        return pool.GroupBy(p => p.UserId).Select(g => g.First())
            .Select(p => new PoolJudge(p.UserId, string.IsNullOrWhiteSpace(p.Name) ? p.DisplayName : p.Name!, p.Email,
                p.PreferredCulture, p.MaxLoad,
                (expertise.GetValueOrDefault(p.UserId) ?? []).Where(x => x.Length > 0).Distinct().ToList()))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ThenBy(j => j.UserId, StringComparer.Ordinal)
            .ToList();
    }
}
