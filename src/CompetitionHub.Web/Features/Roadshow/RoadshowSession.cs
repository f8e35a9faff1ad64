using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>A roadshow session (路演场次) of a round: a venue, a start, fixed pitch + Q&amp;A slots, a panel, entries.</summary>
public class RoadshowSession
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Name { get; set; }
    public string Venue { get; set; } = "";
    /// <summary>The venue for English pages; empty means they show the Chinese one.</summary>
    public string? VenueEn { get; set; }
    public DateTime StartsAt { get; set; }
    public int PitchMinutes { get; set; } = 8;
    public int QaMinutes { get; set; } = 7;
    /// <summary>The seed of the running-order draw, kept so anyone can repeat the draw and get the same order.</summary>
    public int? DrawSeed { get; set; }
    public DateTime? DrawnAt { get; set; }
    public string? DrawnByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<SessionJudge> Panel { get; set; } = [];
    public List<SessionSlot> Slots { get; set; } = [];

    public int SlotMinutes => PitchMinutes + QaMinutes;
    public string LocalizedVenue => Localized.Pick(Venue, VenueEn);
}

public class SessionJudge
{
    public int SessionId { get; set; }
    public required string JudgeUserId { get; set; }
}

/// <summary>An entry's place in a session; <see cref="Position"/> (1-based) comes from the draw.</summary>
public class SessionSlot
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    /// <summary>Repeated from the session so one index keeps an entry to one session per round.</summary>
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int? Position { get; set; }
    public DateTime? StartsAt { get; set; }
}

internal sealed class RoadshowSessionConfiguration : IEntityTypeConfiguration<RoadshowSession>
{
    public void Configure(EntityTypeBuilder<RoadshowSession> b)
    {
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Venue).HasMaxLength(200);
        b.Property(s => s.VenueEn).HasMaxLength(200);
        b.Property(s => s.DrawnByUserId).HasMaxLength(450);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.RoundId);
        b.HasMany(s => s.Panel).WithOne().HasForeignKey(j => j.SessionId);
        b.HasMany(s => s.Slots).WithOne().HasForeignKey(x => x.SessionId);
    }
}

internal sealed class SessionJudgeConfiguration : IEntityTypeConfiguration<SessionJudge>
{
    public void Configure(EntityTypeBuilder<SessionJudge> b)
    {
        b.HasKey(j => new { j.SessionId, j.JudgeUserId });
        b.Property(j => j.JudgeUserId).HasMaxLength(450);
    }
}

internal sealed class SessionSlotConfiguration : IEntityTypeConfiguration<SessionSlot>
{
    public void Configure(EntityTypeBuilder<SessionSlot> b)
    {
        b.HasIndex(x => new { x.RoundId, x.EntryId }).IsUnique();
        b.HasIndex(x => x.SessionId);
    }
}
