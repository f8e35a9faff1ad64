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
    /// <summary>
    /// Judges whose totals count in the score: after a trimmed mean left out the highest and lowest, for online review and
    /// roadshow alike (as <c>RankedEntry.JudgeCount</c>). Judges who scored = <see cref="JudgeCount"/> + <see cref="DroppedCount"/>.
    /// </summary>
    public int JudgeCount { get; set; }

    /// <summary>Totals a trimmed mean left out (k highest + k lowest).</summary>
    public int DroppedCount { get; set; }

    /// <summary>Every submitted total (counted and dropped), in hundredths, sorted so the order hints at no judge: shown anonymously.</summary>
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
