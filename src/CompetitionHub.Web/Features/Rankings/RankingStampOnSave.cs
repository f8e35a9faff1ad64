using System.Collections.Concurrent;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// Replaces the <see cref="RankingStamp"/> of every contest whose ranking inputs a save adds, changes or deletes, as part
/// of that same save, so the new stamp commits (or rolls back) with the change and every instance's
/// <see cref="RankingCache"/> stops using what it computed before.
/// </summary>
/// <remarks>
/// Inputs are what <see cref="RoundRanking"/> reads. Draft sheets are left out: judges save drafts all day and no ranking
/// counts them; a sheet counts once it is or was submitted. Writes that bypass SaveChanges call
/// <see cref="RankingStamps.BumpAsync"/> themselves.
/// </remarks>
internal sealed class RankingStampOnSave : BeforeSave
{
    private static readonly HashSet<Type> ByContest = [typeof(Contest), typeof(ContestTrack), typeof(Round), typeof(Entry)];

    private static readonly HashSet<Type> ByRound =
        [typeof(RubricCriterion), typeof(JudgeGroup), typeof(JudgeGroupMember), typeof(TieDraw), typeof(PanelDecision), typeof(PublicVote)];

    // Both per instance (this is a singleton of one app on one database): a round never moves to another contest, and a
    // stamp row, once seen, lives as long as its contest.
    private readonly ConcurrentDictionary<int, int> contestOfRound = new();
    private readonly ConcurrentDictionary<int, bool> stampExists = new();

    protected override async Task WorkAsync(AppDbContext db, bool sync, CancellationToken ct)
    {
        var contests = new HashSet<int>();
        var rounds = new HashSet<int>();
        var added = new List<Contest>();
        var deleted = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (entry.Entity is Contest contest)
            {
                if (entry.State == EntityState.Added) added.Add(contest);
                else if (entry.State == EntityState.Deleted) deleted.Add(contest.Id);
                else contests.Add(contest.Id);
            }
            else if (ByContest.Contains(type)) Both(entry, "ContestId", contests);
            else if (ByRound.Contains(type) || entry.Entity is ScoreSheet && Counts(entry)) Both(entry, "RoundId", rounds);
            if (entry.Entity is Round round && entry.State != EntityState.Added) contestOfRound.TryAdd(round.Id, round.ContestId);
        }
        if (contests.Count == 0 && rounds.Count == 0 && added.Count == 0) return;

        var unknown = rounds.Where(r => r > 0 && !contestOfRound.ContainsKey(r)).ToList();
        if (unknown.Count > 0)
        {
            var query = db.Rounds.AsNoTracking().Where(r => unknown.Contains(r.Id)).Select(r => new { r.Id, r.ContestId });
            foreach (var r in sync ? query.ToList() : await query.ToListAsync(ct)) contestOfRound.TryAdd(r.Id, r.ContestId);
        }
        // A round added in this save has no id yet; the round itself is among the changes and names its contest.
        foreach (var roundId in rounds)
            if (contestOfRound.TryGetValue(roundId, out var contestId)) contests.Add(contestId);

        foreach (var contest in added)
            db.RankingStamps.Add(new RankingStamp { Contest = contest, Stamp = Guid.NewGuid() });
        // A contest being deleted takes its stamp with it (cascade); updating that row in the same save could only fail.
        foreach (var contestId in contests.Where(c => c > 0 && !deleted.Contains(c)))
            await ReplaceAsync(db, contestId, sync, ct);
    }

    private async Task ReplaceAsync(AppDbContext db, int contestId, bool sync, CancellationToken ct)
    {
        var stamp = Guid.NewGuid();
        if (db.RankingStamps.Local.FirstOrDefault(s => s.ContestId == contestId) is { } tracked)
        {
            db.Entry(tracked).Property(s => s.Stamp).CurrentValue = stamp;
            return;
        }
        if (!stampExists.ContainsKey(contestId))
        {
            var query = db.RankingStamps.Where(s => s.ContestId == contestId);
            if (!(sync ? query.Any() : await query.AnyAsync(ct)))
            {
                // A contest written by other means than this app's saves (an old import); from now on it has one.
                db.RankingStamps.Add(new RankingStamp { ContestId = contestId, Stamp = stamp });
                return;
            }
            stampExists.TryAdd(contestId, true);
        }
        // Written without reading it: only the new value matters.
        var row = db.RankingStamps.Attach(new RankingStamp { ContestId = contestId, Stamp = stamp });
        row.Property(s => s.Stamp).IsModified = true;
    }

    /// <summary>A sheet counts in a ranking when it is submitted, or was before this change.</summary>
    private static bool Counts(EntityEntry entry)
    {
        var status = entry.Property(nameof(ScoreSheet.Status));
        return entry.State == EntityState.Added ? Equals(status.CurrentValue, SheetStatus.Submitted)
            : Equals(status.OriginalValue, SheetStatus.Submitted) || entry.State == EntityState.Modified && Equals(status.CurrentValue, SheetStatus.Submitted);
    }

    /// <summary>The value before and after the change: a row moved to another contest or round changes both rankings.</summary>
    private static void Both(EntityEntry entry, string property, HashSet<int> into)
    {
        var value = entry.Property(property);
        if (entry.State != EntityState.Added && value.OriginalValue is int before) into.Add(before);
        if (entry.State != EntityState.Deleted && value.CurrentValue is int after) into.Add(after);
    }
}
