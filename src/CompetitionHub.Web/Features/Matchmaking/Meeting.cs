using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Matchmaking;

public enum MeetingStatus { Pending, Accepted, Declined, Cancelled }

/// <summary>
/// An investor's request to meet the team of one entry at one matchmaking event (投资对接). The investor picks the event;
/// the time and table are never chosen by hand at request time: on acceptance the first free slot is booked
/// (<see cref="MeetingSlot"/>), and organizers may move or cancel it afterwards.
/// </summary>
public class MeetingRequest
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public ActivityEvent Event { get; set; } = null!;
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public required string InvestorUserId { get; set; }
    public AppUser Investor { get; set; } = null!;
    public string Message { get; set; } = "";
    public MeetingStatus Status { get; set; }
    /// <summary>The team's note on accepting or declining, or the organizer's reason for cancelling.</summary>
    public string? ResponseNote { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredByUserId { get; set; }
    public MeetingSlot? Slot { get; set; }

    /// <summary>Changed on every save, so two members answering at once cannot both succeed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// The booked time and table of an accepted meeting. Investor and entry are copied here from the request so that the
/// database itself refuses a second booking of either side at the same start in the same event (unique indexes), and
/// a second meeting on the same table; two acceptances racing for one slot cannot both be stored.
/// </summary>
public class MeetingSlot
{
    public int MeetingRequestId { get; set; }
    public int EventId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public int TableNumber { get; set; }
    public required string InvestorUserId { get; set; }
    public int EntryId { get; set; }
}

internal sealed class MeetingRequestConfiguration : IEntityTypeConfiguration<MeetingRequest>
{
    public void Configure(EntityTypeBuilder<MeetingRequest> b)
    {
        b.Property(m => m.InvestorUserId).HasMaxLength(450);
        b.Property(m => m.Message).HasMaxLength(1000);
        b.Property(m => m.ResponseNote).HasMaxLength(1000);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.AnsweredByUserId).HasMaxLength(450);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Event).WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Entry).WithMany().HasForeignKey(m => m.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Investor).WithMany().HasForeignKey(m => m.InvestorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Slot).WithOne().HasForeignKey<MeetingSlot>(s => s.MeetingRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.EventId, m.Status });
        b.HasIndex(m => new { m.InvestorUserId, m.EntryId });
    }
}

internal sealed class MeetingSlotConfiguration : IEntityTypeConfiguration<MeetingSlot>
{
    public void Configure(EntityTypeBuilder<MeetingSlot> b)
    {
        b.HasKey(s => s.MeetingRequestId);
        b.Property(s => s.InvestorUserId).HasMaxLength(450);
        b.HasOne<ActivityEvent>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Restrict);
        // No double booking, settled by the database: one meeting per investor, per entry and per table at any slot.
        b.HasIndex(s => new { s.EventId, s.StartsAt, s.InvestorUserId }).IsUnique();
        b.HasIndex(s => new { s.EventId, s.StartsAt, s.EntryId }).IsUnique();
        b.HasIndex(s => new { s.EventId, s.StartsAt, s.TableNumber }).IsUnique();
    }
}
