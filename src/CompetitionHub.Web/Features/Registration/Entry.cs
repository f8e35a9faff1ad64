using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Registration;

public enum EntryStatus { Draft, Submitted, ChangesRequested, Approved, Rejected, Withdrawn, Advanced, Eliminated, Awarded }

/// <summary>A team's project in one contest and track (参赛项目), with its company facts and materials.</summary>
public class Entry
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public int TrackId { get; set; }
    public ContestTrack Track { get; set; } = null!;
    public int TeamId { get; set; }
    public Team Team { get; set; } = null!;

    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string Industry { get; set; } = "";

    public ApplicantType ApplicantType { get; set; }
    public string? CompanyName { get; set; }
    /// <summary>统一社会信用代码, 18 characters, upper case.</summary>
    public string? CreditCode { get; set; }
    public DateOnly? FoundedOn { get; set; }
    /// <summary>注册地 as the applicant states it: a province code (<see cref="Provinces"/>), checked against the licence.</summary>
    public string? RegistrationProvince { get; set; }
    /// <summary>The city and district of the registration (e.g. 长春市南关区), as typed.</summary>
    public string? RegistrationDistrict { get; set; }
    /// <summary>The organizer's check of a credit code that fails the check character or disagrees with the stated place.</summary>
    public CreditCodeVerification CreditCodeVerification { get; set; }
    /// <summary>The organizer's reason for confirming or rejecting the credit code, shown with the eligibility outcome.</summary>
    public string? CreditCodeVerificationReason { get; set; }
    public DateTime? CreditCodeVerifiedAt { get; set; }
    /// <summary>Last year's revenue in yuan (whole yuan: no decimal arithmetic in SQL).</summary>
    public long? AnnualRevenueYuan { get; set; }

    public Gender? LeaderGender { get; set; }
    public bool LeaderIsStudent { get; set; }
    public int? LeaderGraduationYear { get; set; }
    public bool RuralAttestation { get; set; }

    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    public EntryStatus Status { get; set; }
    /// <summary>The organizer's reason for the last decision (approve, reject, request changes), shown to the team.</summary>
    public string? DecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Outcome of the last eligibility check: null until checked.</summary>
    public bool? Eligible { get; set; }
    /// <summary>The rule outcomes of the last check, as JSON, so organizers can filter and read the reasons.</summary>
    public string? EligibilityReport { get; set; }
    /// <summary>Why the entry was placed in its track, when the contest places automatically.</summary>
    public string? PlacementNote { get; set; }

    /// <summary>Changed on every save; two members editing at once cannot overwrite each other unnoticed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<EntryMaterial> Materials { get; set; } = [];
}

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> b)
    {
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Summary).HasMaxLength(4000);
        b.Property(e => e.Industry).HasMaxLength(50);
        b.Property(e => e.ApplicantType).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.CompanyName).HasMaxLength(200);
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.Property(e => e.RegistrationProvince).HasMaxLength(2);
        b.Property(e => e.RegistrationDistrict).HasMaxLength(100);
        b.Property(e => e.CreditCodeVerification).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(CreditCodeVerification.NotNeeded);
        b.Property(e => e.CreditCodeVerificationReason).HasMaxLength(1000);
        b.Property(e => e.LeaderGender).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.ContactName).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(30);
        b.Property(e => e.ContactEmail).HasMaxLength(256);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.DecisionReason).HasMaxLength(2000);
        b.Property(e => e.PlacementNote).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.Contest).WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Track).WithMany().HasForeignKey(e => e.TrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Team).WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        // One entry per team and contest: settled by the database, not by a check that two requests could both pass.
        b.HasIndex(e => new { e.ContestId, e.TeamId }).IsUnique();
        b.HasIndex(e => new { e.ContestId, e.Status });
        // The organizer's entry list, in the order entries were handed in, read a page at a time.
        b.HasIndex(e => new { e.ContestId, e.SubmittedAt, e.Id });
        // The conflict map reads a contest's entries by the credit codes its judges are tied to, not the whole contest.
        b.HasIndex(e => new { e.ContestId, e.CreditCode });
        // Lists of a contest's entries by title (the round progress page) read this in order and stop at the page.
        b.HasIndex(e => new { e.ContestId, e.Title });
        b.HasMany(e => e.Materials).WithOne().HasForeignKey(m => m.EntryId);
    }
}
