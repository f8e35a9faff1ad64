using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Audit;

/// <summary>Who changed what, when, from what to what, and why. Written in the same SaveChanges as the change.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The contest the change belongs to; null for what belongs to no contest (a profile, a team, a mail).</summary>
    public int? ContestId { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.EntityId).HasMaxLength(50);
        b.Property(a => a.Action).HasMaxLength(50);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        // The contest's audit page: one range of this index, newest first, whatever the contest's size.
        b.HasIndex(a => new { a.ContestId, a.At, a.Id });
    }
}
