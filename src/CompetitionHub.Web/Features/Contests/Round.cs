using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Contests;

public enum RoundKind { OnlineReview, Roadshow }

public enum RoundStatus { Draft, Open, Scoring, Closed, Published }

/// <summary>
/// How a round turns its judges' totals into an entry's score. New values go at the end: the column stores the name,
/// but forms and tests read the order. <see cref="ZScore"/> is for online review, where judges see different entries
/// (see <c>Features/Rankings/RankingCalculator.cs</c> for its exact definition).
/// </summary>
public enum AggregationMethod { Mean, TrimmedMean, Median, ZScore }

/// <summary>What a weighted round does with an entry that has no score in one of the earlier rounds it weighs in.</summary>
public enum MissingEarlierScore
{
    /// <summary>The weights of the rounds the entry does have are scaled up to 100 %.</summary>
    Reweight,
    /// <summary>The missing round counts as 0 points with its full weight.</summary>
    CountAsZero,
}

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

    /// <summary>How many highest and how many lowest totals a trimmed mean drops (k); at least 2k + 1 judges are needed.</summary>
    public int TrimCount { get; set; } = 1;

    /// <summary>
    /// Earlier rounds whose scores count in this round's ranking, as "roundId:percent" pairs separated by ';' (e.g.
    /// "12:30" = 30 % of round 12, so this round's own score weighs 70 %). Empty = this round alone. Read it through
    /// <see cref="Rankings.RankingRules"/>.
    /// </summary>
    public string EarlierRoundWeights { get; set; } = "";

    public MissingEarlierScore MissingEarlierScore { get; set; } = MissingEarlierScore.Reweight;

    /// <summary>
    /// The ordered tie-breakers, as tokens separated by ',': "Criterion:{id}", "TopScores", "EarlierSubmission",
    /// "LotDraw". Empty = entries with equal scores share the rank. Read it through <see cref="Rankings.RankingRules"/>.
    /// </summary>
    public string TieBreakers { get; set; } = "";
    public List<RubricCriterion> Criteria { get; set; } = [];

    public string LocalizedName => Localized.Pick(Name, NameEn);
}

/// <summary>
/// One line of a round's rubric (see <see cref="Rubric"/> for how lines make a sheet's total). Points are kept in
/// hundredths so every provider sums them exactly.
/// </summary>
public class RubricCriterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }

    /// <summary>Null: a line of the round's shared rubric. A track id: a line of that track's own rubric, which then
    /// replaces the shared one for the track's entries.</summary>
    public int? TrackId { get; set; }

    public int Sequence { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string Description { get; set; } = "";
    public int MaxPointsHundredths { get; set; }

    /// <summary>Points go in steps of this many hundredths: one of <see cref="Rubric.Steps"/> (10 = 0.1, 50 = 0.5, 100 = 1).</summary>
    public int StepHundredths { get; set; } = 50;

    /// <summary>Weight in percent; null on every line of an unweighted rubric, set on every line of a weighted one.</summary>
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
        // Defaults for the rounds that existed before these settings: trim one of each end, no weighting, no breakers.
        b.Property(r => r.TrimCount).HasDefaultValue(1);
        b.Property(r => r.EarlierRoundWeights).HasMaxLength(500);
        b.Property(r => r.MissingEarlierScore).HasConversion<string>().HasMaxLength(20).HasDefaultValue(MissingEarlierScore.Reweight);
        b.Property(r => r.TieBreakers).HasMaxLength(500);
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
        // No cascade from the track: a second cascade path to the lines (the round's is the first) is refused by SQL
        // Server; removing a track removes its lines itself.
        b.HasOne<ContestTrack>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.NoAction);
    }
}
