using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.ActivityWeek;

public enum ActivityEventType { Forum, Roadshow, Exhibition, Training, Matchmaking }

/// <summary>One event of an Activity Week (双创活动周) programme: a forum, roadshow, exhibition, training or matchmaking.</summary>
public class ActivityEvent
{
    public int Id { get; set; }
    /// <summary>The ActivityWeek contest whose programme this event belongs to.</summary>
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public ActivityEventType Type { get; set; }
    public required string Title { get; set; }
    public string TitleEn { get; set; } = "";
    public string Description { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    /// <summary>The organizing department (承办单位); null when the contest's lead department runs it.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Venue { get; set; }
    /// <summary>The venue for English pages; empty means they show the Chinese one.</summary>
    public string? VenueEn { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>Seats for confirmed sign-ups; null means no limit.</summary>
    public int? Capacity { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>English names of <see cref="Tags"/> by position; a missing or blank one shows the Chinese tag.</summary>
    public List<string> TagsEn { get; set; } = [];
    public bool RequiresSignup { get; set; } = true;
    public bool IsPublished { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Changed on every save; two organizers editing at once cannot overwrite each other unnoticed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string LocalizedTitle => Localized.Pick(Title, TitleEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);
    public string LocalizedVenue => Localized.Pick(Venue, VenueEn);

    /// <summary>How a tag (kept, filtered and linked by its Chinese name) reads on a page.</summary>
    public TranslatedNames TagNames() => new(Tags, TagsEn);
}

internal sealed class ActivityEventConfiguration : IEntityTypeConfiguration<ActivityEvent>
{
    public void Configure(EntityTypeBuilder<ActivityEvent> b)
    {
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.TitleEn).HasMaxLength(300);
        b.Property(e => e.Description).HasMaxLength(4000);
        b.Property(e => e.DescriptionEn).HasMaxLength(4000);
        b.Property(e => e.Venue).HasMaxLength(200);
        b.Property(e => e.VenueEn).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.Contest).WithMany().HasForeignKey(e => e.ContestId);
        b.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ContestId, e.StartsAt });
    }
}
