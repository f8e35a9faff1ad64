using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Contests;

public enum ContestKind { Competition, ActivityWeek, HonorSelection }

/// <summary>One edition of a contest or programme (赛事), e.g. 中国创新创业大赛（吉林赛区）2026.</summary>
public class Contest
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public ContestKind Kind { get; set; }
    public int EditionYear { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public int LeadDepartmentId { get; set; }
    public Department LeadDepartment { get; set; } = null!;
    public List<Department> CoOrganizers { get; set; } = [];
    public List<string> IndustryFields { get; set; } = [];
    public bool IsPublished { get; set; }
    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public int MinTeamSize { get; set; } = 1;
    public int MaxTeamSize { get; set; } = 10;
    public List<ContestTrack> Tracks { get; set; } = [];
    public List<Round> Rounds { get; set; } = [];

    public string LocalizedName => Localized.Pick(Name, NameEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> b)
    {
        b.Property(c => c.Slug).HasMaxLength(80);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.NameEn).HasMaxLength(300);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.DescriptionEn).HasMaxLength(4000);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => new { c.Slug, c.EditionYear }).IsUnique();
        b.HasOne(c => c.LeadDepartment).WithMany().HasForeignKey(c => c.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.CoOrganizers).WithMany().UsingEntity("ContestCoOrganizers");
        b.HasMany(c => c.Tracks).WithOne().HasForeignKey(t => t.ContestId);
        b.HasMany(c => c.Rounds).WithOne().HasForeignKey(r => r.ContestId);
    }
}
