using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>
/// An organizer's permission for one person to be both a judge and a competitor in one contest (or, for an account
/// holding only staff roles, to compete there at all). Without it <see cref="CompetingRules"/> keeps the two apart.
/// Revoking deletes the row; the audit keeps who recorded and revoked it, when and why.
/// </summary>
public class JudgeCompetitorException
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string UserId { get; set; }
    public required string Reason { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
}

internal sealed class JudgeCompetitorExceptionConfiguration : IEntityTypeConfiguration<JudgeCompetitorException>
{
    public void Configure(EntityTypeBuilder<JudgeCompetitorException> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.RecordedByUserId).HasMaxLength(450);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => new { x.ContestId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}
