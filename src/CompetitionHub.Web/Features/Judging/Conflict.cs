using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Judging;

public enum ConflictType { Employer, Investment, Family, Advisor, TeamMember, Other }

public enum ConflictSource { Declared, Detected, Organizer }

/// <summary>
/// A conflict of interest (利益冲突/回避) of a judge in a contest: with one entry, or with an organization (every entry of
/// the company with that credit code). Declared by the judge, detected from profiles and teams, or added by an
/// organizer. Lifting keeps the row (with who, when and why), so the history stays.
/// </summary>
public class Conflict
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string JudgeUserId { get; set; }
    public int? EntryId { get; set; }
    public string? OrganizationCreditCode { get; set; }
    public string? OrganizationName { get; set; }
    public ConflictType Type { get; set; }
    public ConflictSource Source { get; set; }
    public string Reason { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime? LiftedAt { get; set; }
    public string? LiftedByUserId { get; set; }
    public string? LiftReason { get; set; }
}

internal sealed class ConflictConfiguration : IEntityTypeConfiguration<Conflict>
{
    public void Configure(EntityTypeBuilder<Conflict> b)
    {
        b.Property(c => c.JudgeUserId).HasMaxLength(450);
        b.Property(c => c.OrganizationCreditCode).HasMaxLength(18);
        b.Property(c => c.OrganizationName).HasMaxLength(200);
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.Property(c => c.CreatedByUserId).HasMaxLength(450);
        b.Property(c => c.LiftedByUserId).HasMaxLength(450);
        b.Property(c => c.LiftReason).HasMaxLength(1000);
        b.HasIndex(c => new { c.ContestId, c.JudgeUserId });
        b.HasIndex(c => new { c.ContestId, c.EntryId });
    }
}
