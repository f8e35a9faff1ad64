using CompetitionHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.ActivityWeek;

public enum SignupStatus { Confirmed, Waitlisted, Cancelled }

/// <summary>
/// One person's place at one Activity Week event: a seat (confirmed), a place in the queue (waitlisted), or neither
/// (cancelled). Checked in is a confirmed sign-up with <see cref="CheckedInAt"/> set.
/// </summary>
/// <remarks>
/// The database, not the process, keeps the numbers right: whatever changes an event's seats queues on the event's row
/// (<see cref="SignUpForEvent.TakeEventAsync"/>), on any number of app instances and on every provider, and seats
/// 1..confirmed and waitlist positions 1..waiting are unique per event behind that, so two sign-ups racing for the last
/// seat cannot both get it.
/// </remarks>
public class EventSignup
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public ActivityEvent Event { get; set; } = null!;
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public SignupStatus Status { get; set; }

    /// <summary>1..number confirmed, while confirmed; kept gap-free on cancellation.</summary>
    public int? Seat { get; set; }

    /// <summary>1..number waiting, while waitlisted; kept gap-free on cancellation and promotion.</summary>
    public int? WaitlistPosition { get; set; }

    /// <summary>What the QR code carries: 256 random bits, base64url. Not an id, so a ticket cannot be guessed from another.</summary>
    public required string TicketToken { get; set; }

    /// <summary>Eight characters without 0/O/1/I/L, for staff to type when the camera will not read the code.</summary>
    public required string TicketCode { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public string? CheckedInBy { get; set; }
}

internal sealed class EventSignupConfiguration : IEntityTypeConfiguration<EventSignup>
{
    // [brackets] quote the column on SQL Server and, for compatibility, on SQLite too: one filter text for both.
    private const string Active = "[Status] <> 'Cancelled'";

    public void Configure(EntityTypeBuilder<EventSignup> b)
    {
        b.ToTable("EventSignups");
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.TicketToken).HasMaxLength(64);
        b.Property(s => s.TicketCode).HasMaxLength(8);
        b.Property(s => s.CheckedInBy).HasMaxLength(450);
        b.HasOne(s => s.Event).WithMany().HasForeignKey(s => s.EventId);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId);
        b.HasIndex(s => new { s.EventId, s.UserId }).IsUnique().HasFilter(Active).HasDatabaseName("IX_EventSignups_OnePerPerson");
        b.HasIndex(s => new { s.EventId, s.Seat }).IsUnique().HasFilter("[Seat] IS NOT NULL").HasDatabaseName("IX_EventSignups_Seat");
        b.HasIndex(s => new { s.EventId, s.WaitlistPosition }).IsUnique().HasFilter("[WaitlistPosition] IS NOT NULL")
            .HasDatabaseName("IX_EventSignups_WaitlistPosition");
        b.HasIndex(s => s.TicketToken).IsUnique();
        b.HasIndex(s => s.TicketCode).IsUnique();
        b.HasIndex(s => new { s.UserId, s.Status });
    }
}
