using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Notifications;

public enum NotificationStatus { Pending, Sent, Failed }

/// <summary>
/// An outbox row: one email to one person, written in the same SaveChanges as the change that causes it,
/// so a change is never saved without its mail nor a mail sent for a change that rolled back.
/// </summary>
public class Notification
{
    public long Id { get; set; }

    /// <summary>Fixed at creation; it makes the Message-Id, so a resend is recognisable as the same message.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();

    public required string Recipient { get; set; }
    public string? RecipientName { get; set; }
    public required string Template { get; set; }
    public required string Culture { get; set; }
    public string PayloadJson { get; set; } = "{}";

    /// <summary>Lets a use case find its reminder again to move or cancel it (e.g. "slot-reminder:42").</summary>
    public string? Reference { get; set; }

    public NotificationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the mail is meant to go: now for most, later for reminders.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Not tried before this time: the due time at first, then pushed back after each failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Tries since the row was queued, or since an Admin last resent it.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// When the first of those tries was made: the retry horizon runs from here, so a reminder queued weeks ahead gets
    /// the whole horizon from its due time, and a resent row gets a fresh one.
    /// </summary>
    public DateTime? FirstAttemptAt { get; set; }

    /// <summary>Why the last try failed, as the mail server or the renderer put it.</summary>
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>A sender claims rows with a conditional update before sending, so two senders never send one row.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    public string MessageId => $"{Key:N}@competitionhub";
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Recipient).HasMaxLength(256);
        b.Property(n => n.RecipientName).HasMaxLength(100);
        b.Property(n => n.Template).HasMaxLength(64);
        b.Property(n => n.Culture).HasMaxLength(10);
        b.Property(n => n.Reference).HasMaxLength(128);
        b.Property(n => n.LastError).HasMaxLength(1000);
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(n => n.Key).IsUnique();
        b.HasIndex(n => new { n.Status, n.NextAttemptAt });
        b.HasIndex(n => n.Reference);
    }
}
