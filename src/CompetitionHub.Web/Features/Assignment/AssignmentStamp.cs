using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// Replaced whenever a round's stored pairs change, in the same save (<see cref="AssignmentStampOnSave"/>): what a kept
/// preview compared them with is still what is stored exactly while the stamp is the one it was kept under. A round with
/// no row has had no pair saved since stamps began, which is a state like any other.
/// </summary>
public class AssignmentStamp
{
    public int RoundId { get; set; }
    public Guid Stamp { get; set; }

    /// <summary>The round's stamp now, null when it has none yet. Whatever is kept under it must read it before the pairs.</summary>
    public static Task<Guid?> ReadAsync(AppDbContext db, int roundId, CancellationToken ct) =>
        db.AssignmentStamps.Where(s => s.RoundId == roundId).Select(s => (Guid?)s.Stamp).SingleOrDefaultAsync(ct);
}

internal sealed class AssignmentStampConfiguration : IEntityTypeConfiguration<AssignmentStamp>
{
    public void Configure(EntityTypeBuilder<AssignmentStamp> b)
    {
        b.HasKey(s => s.RoundId);
        b.Property(s => s.RoundId).ValueGeneratedNever();
    }
}

/// <summary>
/// Replaces the <see cref="AssignmentStamp"/> of every round whose stored pairs a save adds, changes or deletes, inside that
/// save, so the new stamp commits or rolls back with the pairs. Pairs are written only through SaveChanges (they have no
/// foreign keys to cascade from), so no other write can change them behind the stamp.
/// </summary>
internal sealed class AssignmentStampOnSave : BeforeSave
{
    protected override async Task WorkAsync(AppDbContext db, bool sync, CancellationToken ct)
    {
        var rounds = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries<ReviewAssignment>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var roundId = entry.Property(a => a.RoundId);
            if (entry.State != EntityState.Added) rounds.Add(roundId.OriginalValue);
            if (entry.State != EntityState.Deleted) rounds.Add(roundId.CurrentValue);
        }
        foreach (var roundId in rounds)
        {
            var stamp = Guid.NewGuid();
            if (db.AssignmentStamps.Local.FirstOrDefault(s => s.RoundId == roundId) is { } tracked)
            {
                db.Entry(tracked).Property(s => s.Stamp).CurrentValue = stamp;
                continue;
            }
            var query = db.AssignmentStamps.Where(s => s.RoundId == roundId);
            if (sync ? query.Any() : await query.AnyAsync(ct))
                db.AssignmentStamps.Attach(new AssignmentStamp { RoundId = roundId, Stamp = stamp }).Property(s => s.Stamp).IsModified = true;
            else
                db.AssignmentStamps.Add(new AssignmentStamp { RoundId = roundId, Stamp = stamp });
        }
    }
}
