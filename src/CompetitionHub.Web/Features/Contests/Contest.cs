using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

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
    /// <summary>The published rules (参赛条件、评审规则) as prose, shown on the public page.</summary>
    public string RulesText { get; set; } = "";
    public string RulesTextEn { get; set; } = "";
    public int LeadDepartmentId { get; set; }
    public Department LeadDepartment { get; set; } = null!;
    public List<Department> CoOrganizers { get; set; } = [];
    public List<string> IndustryFields { get; set; } = [];
    /// <summary>English names of <see cref="IndustryFields"/> by position; a missing or blank one shows the Chinese.</summary>
    public List<string> IndustryFieldsEn { get; set; } = [];
    public bool IsPublished { get; set; }
    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }
    public int MinTeamSize { get; set; } = 1;
    public int MaxTeamSize { get; set; } = 10;
    public List<ContestTrack> Tracks { get; set; } = [];
    public List<Round> Rounds { get; set; } = [];
    public List<ContestOrganizer> Organizers { get; set; } = [];

    /// <summary>Where set, entries are placed in a track by founding date instead of by the contestant's choice.</summary>
    public AutoPlacement? Placement { get; set; }

    public DateTime? UpdatedAt { get; set; }

    /// <summary>Changed on every save; two organizers editing at once cannot overwrite each other unnoticed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string LocalizedName => Localized.Pick(Name, NameEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);
    public string LocalizedRules => Localized.Pick(RulesText, RulesTextEn);

    /// <summary>How an industry field (stored as its Chinese name) reads on a page or in an export.</summary>
    public TranslatedNames IndustryNames() => new(IndustryFields, IndustryFieldsEn);
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
        b.Property(c => c.RulesText).HasMaxLength(8000);
        b.Property(c => c.RulesTextEn).HasMaxLength(8000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.OwnsOne(c => c.Placement, p =>
        {
            p.ToJson();
            p.Property(x => x.YoungerTrackCode).HasMaxLength(40);
            p.Property(x => x.OlderTrackCode).HasMaxLength(40);
        });
        b.HasMany(c => c.Organizers).WithOne().HasForeignKey(o => o.ContestId);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => new { c.Slug, c.EditionYear }).IsUnique();
        b.HasOne(c => c.LeadDepartment).WithMany().HasForeignKey(c => c.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.CoOrganizers).WithMany().UsingEntity("ContestCoOrganizers");
        b.HasMany(c => c.Tracks).WithOne().HasForeignKey(t => t.ContestId);
        b.HasMany(c => c.Rounds).WithOne().HasForeignKey(r => r.ContestId);
    }
}

/// <summary>An Organizer assigned to a contest by an Admin: only they (and Admins) may change it.</summary>
public class ContestOrganizer
{
    public int ContestId { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public DateTime AssignedAt { get; set; }
}

internal sealed class ContestOrganizerConfiguration : IEntityTypeConfiguration<ContestOrganizer>
{
    public void Configure(EntityTypeBuilder<ContestOrganizer> b)
    {
        b.HasKey(o => new { o.ContestId, o.UserId });
        b.HasOne(o => o.User).WithMany().HasForeignKey(o => o.UserId);
        b.HasIndex(o => o.UserId);
    }
}

/// <summary>
/// An enterprise that won an earlier edition of a contest brand (by slug), kept by organizers or imported,
/// so a track that bars previous winners can check a credit code against it.
/// </summary>
public class PreviousWinner
{
    public int Id { get; set; }
    public required string ContestSlug { get; set; }
    public required string CreditCode { get; set; }
    public required string CompanyName { get; set; }
    public int Year { get; set; }
    public string Award { get; set; } = "";
}

internal sealed class PreviousWinnerConfiguration : IEntityTypeConfiguration<PreviousWinner>
{
    public void Configure(EntityTypeBuilder<PreviousWinner> b)
    {
        b.Property(w => w.ContestSlug).HasMaxLength(80);
        b.Property(w => w.CreditCode).HasMaxLength(18);
        b.Property(w => w.CompanyName).HasMaxLength(200);
        b.Property(w => w.Award).HasMaxLength(50);
        b.HasIndex(w => new { w.ContestSlug, w.CreditCode }).IsUnique();
    }
}
