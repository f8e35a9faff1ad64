using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Publication;

public enum ObjectionStatus { Pending, Upheld, Dismissed }

/// <summary>
/// A named objection (异议) to a version during its 公示 period, with an evidence file kept outside wwwroot. An organizer
/// decides it with a written answer, which the objector gets by email and the public sees in summary (without the name).
/// </summary>
public class Objection
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int RoundId { get; set; }
    public int VersionId { get; set; }
    /// <summary>The entry the objection is about, when it names one.</summary>
    public int? EntryId { get; set; }

    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Email { get; set; }
    public string Culture { get; set; } = "zh-CN";
    public required string Text { get; set; }
    public DateTime FiledAt { get; set; }

    public required string EvidenceFileName { get; set; }
    public required string EvidenceStoredName { get; set; }
    public required string EvidenceContentType { get; set; }
    public long EvidenceSizeBytes { get; set; }
    public required string EvidenceSha256 { get; set; }

    public ObjectionStatus Status { get; set; }
    public string? Answer { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }

    /// <summary>Changed on every save; two organizers deciding at once cannot overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.Property(o => o.UserId).HasMaxLength(450);
        b.Property(o => o.UserName).HasMaxLength(256);
        b.Property(o => o.Email).HasMaxLength(256);
        b.Property(o => o.Culture).HasMaxLength(10);
        b.Property(o => o.Text).HasMaxLength(ObjectionRules.MaxTextLength);
        b.Property(o => o.EvidenceFileName).HasMaxLength(200);
        b.Property(o => o.EvidenceStoredName).HasMaxLength(64);
        b.Property(o => o.EvidenceContentType).HasMaxLength(100);
        b.Property(o => o.EvidenceSha256).HasMaxLength(64);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Answer).HasMaxLength(ObjectionRules.MaxAnswerLength);
        b.Property(o => o.DecidedByUserId).HasMaxLength(450);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => new { o.RoundId, o.Status });
        b.HasIndex(o => o.VersionId);
        b.HasIndex(o => o.UserId);
    }
}
