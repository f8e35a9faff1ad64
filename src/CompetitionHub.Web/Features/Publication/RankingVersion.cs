using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>Where a published version stands: open to objections (公示) until its end date, or final.</summary>
public enum PublicationStage { Announcement, Final }

/// <summary>
/// One published result of a round (公示 or final): an immutable snapshot of the ranking, numbered 1, 2, … per round.
/// A changed result is a new version, never an edit; only the stage moves, once, from 公示 to final
/// (<see cref="PublishedResultsGuard"/> refuses anything else).
/// </summary>
public class RankingVersion
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int RoundId { get; set; }
    public int Number { get; set; }
    public PublicationStage Stage { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedByUserId { get; set; }

    /// <summary>The end of the 公示 period (UTC); objections are accepted until then.</summary>
    public DateTime AnnouncementEndsAt { get; set; }
    public int AnnouncementDays { get; set; }

    /// <summary>Why this version replaces the one before (empty for the first).</summary>
    public string Note { get; set; } = "";

    public DateTime? FinalizedAt { get; set; }
    public string? FinalizedByUserId { get; set; }

    /// <summary>Changed on every save; finalizing from a stale page is a conflict, not an overwrite.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<PublishedRank> Rows { get; set; } = [];

    /// <summary>The properties a save may change after publication; everything else is the snapshot.</summary>
    internal static readonly string[] Mutable = [nameof(Stage), nameof(FinalizedAt), nameof(FinalizedByUserId), nameof(Version)];
}

/// <summary>
/// One entry's line in a published version, copied at publication: what the public saw stays what it was, whatever
/// later happens to the entry's title, team or scores.
/// </summary>
public class PublishedRank
{
    public long Id { get; set; }
    public int VersionId { get; set; }
    public int TrackId { get; set; }
    public required string TrackName { get; set; }
    public required string TrackNameEn { get; set; }
    public int TrackOrder { get; set; }
    public int EntryId { get; set; }
    public int Rank { get; set; }
    public bool Tied { get; set; }
    public int ScoreHundredths { get; set; }
    public int JudgeCount { get; set; }
    public required string EntryTitle { get; set; }
    public required string TeamName { get; set; }
    public string CompanyName { get; set; } = "";

    public decimal Score => ScoreHundredths / 100m;
}

internal sealed class RankingVersionConfiguration : IEntityTypeConfiguration<RankingVersion>
{
    public void Configure(EntityTypeBuilder<RankingVersion> b)
    {
        b.Property(v => v.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.PublishedByUserId).HasMaxLength(450);
        b.Property(v => v.FinalizedByUserId).HasMaxLength(450);
        b.Property(v => v.Note).HasMaxLength(1000);
        b.Property(v => v.Version).IsConcurrencyToken();
        // Two organizers publishing at once: the database lets only one of them take the next number.
        b.HasIndex(v => new { v.RoundId, v.Number }).IsUnique();
        b.HasIndex(v => v.ContestId);
        b.HasMany(v => v.Rows).WithOne().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublishedRankConfiguration : IEntityTypeConfiguration<PublishedRank>
{
    public void Configure(EntityTypeBuilder<PublishedRank> b)
    {
        b.Property(r => r.TrackName).HasMaxLength(100);
        b.Property(r => r.TrackNameEn).HasMaxLength(200);
        b.Property(r => r.EntryTitle).HasMaxLength(200);
        b.Property(r => r.TeamName).HasMaxLength(100);
        b.Property(r => r.CompanyName).HasMaxLength(200);
        b.Ignore(r => r.Score);
        b.HasIndex(r => new { r.VersionId, r.TrackId, r.Rank });
    }
}
