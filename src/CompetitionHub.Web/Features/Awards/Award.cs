using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Awards;

/// <summary>Prize grades in order, best first: 一等奖, 二等奖, 三等奖, 优秀奖.</summary>
public enum PrizeGrade { First, Second, Third, Excellence }

public enum AwardKind { Prize, Honour }

/// <summary>
/// How many prizes of each grade a track gives in the contest's final round, and whether the organizer has confirmed
/// the winners. Confirmation is claimed with a conditional update on <see cref="ConfirmedAt"/> and <see cref="Version"/>.
/// </summary>
public class AwardPlan
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int RoundId { get; set; }
    public int TrackId { get; set; }
    public int FirstPrizes { get; set; }
    public int SecondPrizes { get; set; }
    public int ThirdPrizes { get; set; }
    public int ExcellencePrizes { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public GradeCounts Counts => new(FirstPrizes, SecondPrizes, ThirdPrizes, ExcellencePrizes);
}

/// <summary>A prize or an honour given to an entry; the certificate is printed from it.</summary>
public class Award
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int TrackId { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public AwardKind Kind { get; set; }
    /// <summary>Set for a prize.</summary>
    public PrizeGrade? Grade { get; set; }
    /// <summary>The honour's title (创业新锐, 创新尖兵 …); "" for a prize, so one prize per entry is a unique index.</summary>
    public string Honour { get; set; } = "";
    public int? Rank { get; set; }
    public string? Reason { get; set; }
    public DateTime AwardedAt { get; set; }
}

/// <summary>An honour a contest gives besides its prizes (创业新锐, 创新尖兵 …), kept per contest.</summary>
public class HonourTitle
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int Sequence { get; set; }
    public required string Name { get; set; }
}

internal sealed class AwardPlanConfiguration : IEntityTypeConfiguration<AwardPlan>
{
    public void Configure(EntityTypeBuilder<AwardPlan> b)
    {
        b.HasIndex(p => new { p.RoundId, p.TrackId }).IsUnique();
        b.HasIndex(p => p.ContestId);
        b.Property(p => p.ConfirmedByUserId).HasMaxLength(450);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Counts);
    }
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Grade).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Honour).HasMaxLength(50);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.HasIndex(a => new { a.EntryId, a.Honour }).IsUnique();
        b.HasIndex(a => new { a.ContestId, a.TrackId });
        b.HasOne(a => a.Entry).WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HonourTitleConfiguration : IEntityTypeConfiguration<HonourTitle>
{
    public void Configure(EntityTypeBuilder<HonourTitle> b)
    {
        b.Property(h => h.Name).HasMaxLength(50);
        b.HasIndex(h => new { h.ContestId, h.Name }).IsUnique();
    }
}
