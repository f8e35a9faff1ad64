using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>An entry's official score in a round, computed by the round's method when scoring closed (亮分).</summary>
public class EntryScore
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int ScoreHundredths { get; set; }
    public required string Method { get; set; }
    public int JudgeCount { get; set; }
    public int DroppedCount { get; set; }
    /// <summary>Each counted judge's total, in hundredths, in no particular order: shown anonymously.</summary>
    public List<int> JudgeTotalsHundredths { get; set; } = [];
    public DateTime RevealedAt { get; set; }
}

internal sealed class EntryScoreConfiguration : IEntityTypeConfiguration<EntryScore>
{
    public void Configure(EntityTypeBuilder<EntryScore> b)
    {
        b.Property(s => s.Method).HasMaxLength(30);
        b.HasIndex(s => new { s.RoundId, s.EntryId }).IsUnique();
    }
}
