using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Replaced whenever something a ranking of the contest is computed from changes (sheets, entries, tracks, rounds and
/// their rules, tie draws, panel decisions, votes), in the transaction that changes it, so every instance on the
/// database knows whether a ranking it keeps in memory is still the one the rows give (Rankings' RankingCache).
/// </summary>
/// <remarks>
/// A new Guid rather than a counter: writing it needs no read, and a stamp written by a transaction that rolls back is
/// never seen again, so nothing kept under it can be mistaken for the committed state.
/// </remarks>
public class RankingStamp
{
    public int ContestId { get; set; }
    public Guid Stamp { get; set; }
    public Contest? Contest { get; set; }
}

internal sealed class RankingStampConfiguration : IEntityTypeConfiguration<RankingStamp>
{
    public void Configure(EntityTypeBuilder<RankingStamp> b)
    {
        b.HasKey(s => s.ContestId);
        b.Property(s => s.ContestId).ValueGeneratedNever();
        b.HasOne(s => s.Contest).WithOne().HasForeignKey<RankingStamp>(s => s.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class RankingStamps
{
    /// <summary>
    /// For writes that bypass SaveChanges (ExecuteUpdate, ExecuteDelete, raw SQL) on a ranking's inputs, which the save
    /// interceptor never sees: run it in the same transaction as the write.
    /// </summary>
    public static async Task BumpAsync(AppDbContext db, int contestId, CancellationToken ct)
    {
        var stamp = Guid.NewGuid();
        if (await db.RankingStamps.Where(s => s.ContestId == contestId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Stamp, stamp), ct) == 0)
        {
            // A contest written by other means than this app's saves (an old import): from now on it has one.
            await db.InsertAsync([new RankingStamp { ContestId = contestId, Stamp = stamp }], ct);
        }
    }
}
