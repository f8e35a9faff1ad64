using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>A track or group of a contest (赛道/组别), such as 初创组 or 成长组.</summary>
public class ContestTrack
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The description for English pages; empty means they show the Chinese one.</summary>
    public string? DescriptionEn { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Materials an entry of this track must upload before it can be submitted.</summary>
    public List<MaterialKind> RequiredMaterials { get; set; } = [];

    public EligibilityRules Eligibility { get; set; } = new();

    public string LocalizedName => Localized.Pick(Name, NameEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);
}

internal sealed class ContestTrackConfiguration : IEntityTypeConfiguration<ContestTrack>
{
    public void Configure(EntityTypeBuilder<ContestTrack> b)
    {
        b.Property(t => t.Code).HasMaxLength(40);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.NameEn).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(2000);
        b.Property(t => t.DescriptionEn).HasMaxLength(2000);
        b.HasIndex(t => new { t.ContestId, t.Code }).IsUnique();
        b.OwnsOne(t => t.Eligibility, r => r.ToJson());
    }
}
