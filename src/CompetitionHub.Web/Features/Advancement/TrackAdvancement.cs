using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Advancement;

/// <summary>
/// How many entries of one ranking group (a track, or a track × industry field) go from a round to the next (晋级名额),
/// and whether the organizer has confirmed it. Once confirmed the outcome rows are the record; the quota stays as it was
/// decided.
/// </summary>
public class TrackAdvancement
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int TrackId { get; set; }

    /// <summary>The industry field of the group when the round ranks by field (<see cref="Contests.Round.RankByIndustry"/>); "" = the whole track.</summary>
    public string Industry { get; set; } = "";
    public int Quota { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Changed by every write; confirm and backfill only go through for the version the organizer saw.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>What a confirmed advancement decided for one entry: advanced or not, with the rank and score it was decided on.</summary>
public class AdvancementOutcome
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int TrackId { get; set; }

    /// <summary>The industry field of the group the entry was ranked in; "" = the whole track.</summary>
    public string Industry { get; set; } = "";
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    /// <summary>Null for an entry that had no submitted score in the round.</summary>
    public int? Rank { get; set; }
    public int? ScoreHundredths { get; set; }
    public bool Advanced { get; set; }
    /// <summary>Advanced later, in place of an advanced entry that withdrew.</summary>
    public bool Backfilled { get; set; }
    /// <summary>Why this entry was picked among entries tied at the cut line, when it was.</summary>
    public string? Reason { get; set; }
    public DateTime DecidedAt { get; set; }
}

internal sealed class TrackAdvancementConfiguration : IEntityTypeConfiguration<TrackAdvancement>
{
    public void Configure(EntityTypeBuilder<TrackAdvancement> b)
    {
        b.HasIndex(a => new { a.RoundId, a.TrackId, a.Industry }).IsUnique();
        b.Property(a => a.Industry).HasMaxLength(50);
        b.Property(a => a.ConfirmedByUserId).HasMaxLength(450);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class AdvancementOutcomeConfiguration : IEntityTypeConfiguration<AdvancementOutcome>
{
    public void Configure(EntityTypeBuilder<AdvancementOutcome> b)
    {
        // One decision per entry and round: a second confirm racing the first fails here even if it got past the checks.
        b.HasIndex(o => new { o.RoundId, o.EntryId }).IsUnique();
        b.HasIndex(o => new { o.RoundId, o.TrackId });
        b.Property(o => o.Reason).HasMaxLength(1000);
        b.Property(o => o.Industry).HasMaxLength(50);
        b.HasOne(o => o.Entry).WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
