using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Contests;

public enum RoundKind { OnlineReview, Roadshow }

public enum RoundStatus { Draft, Open, Scoring, Closed, Published }

/// <summary>How a round turns its judges' totals into an entry's score.</summary>
public enum AggregationMethod { Mean, TrimmedMean }

/// <summary>A stage of a contest (赛段): 初赛 online review, 复赛 or 决赛 roadshow.</summary>
public class Round
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int Sequence { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public RoundKind Kind { get; set; }
    public RoundStatus Status { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public string Description { get; set; } = "";
    public AggregationMethod Aggregation { get; set; } = AggregationMethod.TrimmedMean;
    /// <summary>Trimmed mean drops the highest and the lowest total only when at least this many judges scored.</summary>
    public int TrimMinJudges { get; set; } = 5;
    public List<RubricCriterion> Criteria { get; set; } = [];

    public string LocalizedName => Localized.Pick(Name, NameEn);
}

/// <summary>One line of a round's rubric. Points are kept in hundredths so every provider sums them exactly.</summary>
public class RubricCriterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Sequence { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string Description { get; set; } = "";
    public int MaxPointsHundredths { get; set; }

    /// <summary>Points go in steps of this many hundredths (50 = half points).</summary>
    public int StepHundredths { get; set; } = 50;

    /// <summary>Optional weight in percent; null means the points count as they are.</summary>
    public int? WeightPercent { get; set; }

    public decimal MaxPoints => MaxPointsHundredths / 100m;
    public string LocalizedName => Localized.Pick(Name, NameEn);
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.NameEn).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Aggregation).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(r => new { r.ContestId, r.Sequence }).IsUnique();
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RoundId);
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(1000);
        b.HasIndex(c => new { c.RoundId, c.Sequence }).IsUnique();
    }
}
