using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Judging;

public enum JudgeStatus { Invited, Accepted, Declined, Removed }

/// <summary>A judge in a contest's pool (评委库): invited by email, then accepted or declined by the judge.</summary>
public class ContestJudge
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>Set when the invitation is accepted by a signed-in account with this email.</summary>
    public string? UserId { get; set; }
    public JudgeStatus Status { get; set; }
    /// <summary>The invitation link carries this token.</summary>
    public Guid Token { get; set; } = Guid.NewGuid();
    public DateTime InvitedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public required string InvitedByUserId { get; set; }
    /// <summary>At most this many entries per online round; null means no cap.</summary>
    public int? MaxLoad { get; set; }
}

internal sealed class ContestJudgeConfiguration : IEntityTypeConfiguration<ContestJudge>
{
    public void Configure(EntityTypeBuilder<ContestJudge> b)
    {
        b.Property(j => j.Email).HasMaxLength(256);
        b.Property(j => j.Name).HasMaxLength(50);
        b.Property(j => j.UserId).HasMaxLength(450);
        b.Property(j => j.InvitedByUserId).HasMaxLength(450);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(j => new { j.ContestId, j.Email }).IsUnique();
        b.HasIndex(j => j.Token).IsUnique();
        b.HasIndex(j => j.UserId);
    }
}
