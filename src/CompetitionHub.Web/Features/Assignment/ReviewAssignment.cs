using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Assignment;

public enum AssignmentSource { Auto, Pinned }

/// <summary>A judge assigned to review an entry in an online round.</summary>
public class ReviewAssignment
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public required string JudgeUserId { get; set; }
    public AssignmentSource Source { get; set; }
    public DateTime AssignedAt { get; set; }
    public DateTime? NotifiedAt { get; set; }
}

/// <summary>An organizer's "never this judge for this entry": kept apart so a re-run of the solver respects it.</summary>
public class AssignmentBlock
{
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public required string JudgeUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
}

internal sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> b)
    {
        b.Property(a => a.JudgeUserId).HasMaxLength(450);
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(a => new { a.RoundId, a.EntryId, a.JudgeUserId }).IsUnique();
        b.HasIndex(a => new { a.RoundId, a.JudgeUserId });
        // The assignment page counts a round's pins on every GET; a round has few among its thousands of pairs.
        b.HasIndex(a => new { a.RoundId, a.Source });
    }
}

internal sealed class AssignmentBlockConfiguration : IEntityTypeConfiguration<AssignmentBlock>
{
    public void Configure(EntityTypeBuilder<AssignmentBlock> b)
    {
        b.HasKey(x => new { x.RoundId, x.EntryId, x.JudgeUserId });
        b.Property(x => x.JudgeUserId).HasMaxLength(450);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
    }
}
