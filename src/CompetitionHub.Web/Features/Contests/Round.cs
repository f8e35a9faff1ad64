using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Contests;

public enum RoundKind { OnlineReview, Roadshow }

public enum RoundStatus { Draft, Open, Scoring, Closed, Published }

/// <summary>
/// How a round turns its judges' totals into an entry's score. New values go at the end: the column stores the name,
/// but forms and tests read the order. <see cref="ZScore"/> is for online review, where judges see different entries
/// (see RankingCalculator in the Rankings feature for its exact definition).
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

/// <summary>What a trimmed-mean round does with an entry scored by fewer judges than trimming needs.</summary>
public enum TrimFallback
{
    /// <summary>The entry's score is the plain mean of all its judges' totals, nothing dropped.</summary>
    Mean,
    /// <summary>The entry gets no score and is not ranked; the organizer's pages flag it (评委人数不足).</summary>
    Refuse,
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

    /// <summary>
    /// When the round moved Open → Scoring (UTC). From then on its ranking rules are frozen: a change needs a reason and
    /// is announced beside the results (<see cref="RoundRuleChange"/>).
    /// </summary>
    public DateTime? ScoringOpenedAt { get; set; }

    public string Description { get; set; } = "";
    /// <summary>The description for English pages; empty means they show the Chinese one.</summary>
    public string? DescriptionEn { get; set; }
    public AggregationMethod Aggregation { get; set; } = AggregationMethod.TrimmedMean;
    /// <summary>Trimmed mean drops the highest and the lowest total only when at least this many judges scored.</summary>
    public int TrimMinJudges { get; set; } = 5;

    /// <summary>How many highest and how many lowest totals a trimmed mean drops (k); at least 2k + 1 judges are needed.</summary>
    public int TrimCount { get; set; } = 1;

    /// <summary>
    /// TrimmedMean with fewer than max(<see cref="TrimMinJudges"/>, 2·<see cref="TrimCount"/> + 1) judges' totals:
    /// <see cref="TrimFallback.Mean"/> takes the plain mean of them all; <see cref="TrimFallback.Refuse"/> leaves the entry
    /// unranked (with judge groups: when any group that scored it has too few). Other methods never trim, so never refuse.
    /// </summary>
    public TrimFallback TrimFallback { get; set; } = TrimFallback.Mean;

    /// <summary>
    /// Earlier rounds whose scores count in this round's ranking, as "roundId:percent" pairs separated by ';' (e.g.
    /// "12:30" = 30 % of round 12, so this round's own score weighs 70 %). Empty = this round alone. Read it through
    /// <see cref="RankingRules"/>. Each earlier round counts with its own score as its own rules compute it
    /// today, unrounded (not its published, rounded score); the weighted sum is rounded once, in this round.
    /// </summary>
    public string EarlierRoundWeights { get; set; } = "";

    public MissingEarlierScore MissingEarlierScore { get; set; } = MissingEarlierScore.Reweight;

    /// <summary>
    /// The ordered tie-breakers, as tokens separated by ',': "Criterion:{id}", "TopScores", "UntrimmedTotal",
    /// "EarlierSubmission", "PanelDecision", "LotDraw". Empty = entries with equal scores share the rank. Read it through <see cref="RankingRules"/>.
    /// </summary>
    public string TieBreakers { get; set; } = "";

    /// <summary>
    /// Weight w in percent (0–50) of the public jury score (人气分) in this round's own score; 0 = no public jury (every
    /// round before this setting). Roadshow rounds only. Signed-in spectators vote on the live page while the stage is
    /// in its scoring phase for the entry on stage: one vote per account per entry, never by a judge of the session's
    /// panel nor by a member of the entry's team. An entry's public jury score = its votes ÷ the most votes any entry of
    /// the round got × the rubric's full marks, unrounded; own score = ((100 − w) × judges' score + w × public jury
    /// score) ÷ 100, unrounded, before any weighting of earlier rounds and before the one rounding. When no entry of the
    /// round got a vote the public jury part is left out and the judges' score counts alone. See
    /// <c>PublicJury</c> in Rankings.
    /// </summary>
    public int PublicJuryWeightPercent { get; set; }

    public const int MaxPublicJuryWeightPercent = 50;

    /// <summary>
    /// Minimum score to advance or to be awarded (最低晋级/获奖分数), in hundredths; null = none. Compared with the official
    /// score the ranking is built on (rounded once, after weighting and any public jury part): an entry below it keeps
    /// its rank but takes no advancement seat, no backfill seat and no prize, even inside the quota; its seat stays
    /// empty rather than passing to the next entry, which scores lower still.
    /// </summary>
    public int? MinScoreHundredths { get; set; }

    /// <summary>
    /// Rank per track × industry field (Entry.Industry) instead of per track: each group is ranked on its own and gets
    /// its own advancement quota. False (every round before this setting) = one group per track. Awards stay per track.
    /// </summary>
    public bool RankByIndustry { get; set; }

    public List<RubricCriterion> Criteria { get; set; } = [];

    /// <summary>Judge groups with weights (e.g. experts 70 %, media 30 %); empty = every judge counts alike, as a single panel.</summary>
    public List<JudgeGroup> JudgeGroups { get; set; } = [];

    /// <summary>Which group each judge of the round is in (one group per judge).</summary>
    public List<JudgeGroupMember> JudgeGroupMembers { get; set; } = [];

    public string LocalizedName => Localized.Pick(Name, NameEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);

    /// <summary>
    /// Scoring has opened (rounds moved past Open before <see cref="ScoringOpenedAt"/> existed count too): judges'
    /// sheets exist, so the ranking rules change only with a stated reason.
    /// </summary>
    public bool RulesFrozen => ScoringOpenedAt is not null || Status >= RoundStatus.Scoring;
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
    /// <summary>The scoring guidance for English pages; empty means they show the Chinese one.</summary>
    public string? DescriptionEn { get; set; }
    public int MaxPointsHundredths { get; set; }

    /// <summary>Points go in steps of this many hundredths: one of <see cref="Rubric.Steps"/> (10 = 0.1, 50 = 0.5, 100 = 1).</summary>
    public int StepHundredths { get; set; } = 50;

    /// <summary>Weight in percent; null on every line of an unweighted rubric, set on every line of a weighted one.</summary>
    public int? WeightPercent { get; set; }

    public decimal MaxPoints => MaxPointsHundredths / 100m;
    public string LocalizedName => Localized.Pick(Name, NameEn);
    public string LocalizedDescription => Localized.Pick(Description, DescriptionEn);
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.NameEn).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.DescriptionEn).HasMaxLength(2000);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Aggregation).HasConversion<string>().HasMaxLength(20);
        // Defaults for the rounds that existed before these settings: trim one of each end, no weighting, no breakers.
        b.Property(r => r.TrimCount).HasDefaultValue(1);
        b.Property(r => r.EarlierRoundWeights).HasMaxLength(500);
        b.Property(r => r.MissingEarlierScore).HasConversion<string>().HasMaxLength(20).HasDefaultValue(MissingEarlierScore.Reweight);
        b.Property(r => r.TieBreakers).HasMaxLength(500);
        b.Property(r => r.TrimFallback).HasConversion<string>().HasMaxLength(20).HasDefaultValue(TrimFallback.Mean);
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
        b.Property(c => c.DescriptionEn).HasMaxLength(1000);
        b.HasIndex(c => new { c.RoundId, c.Sequence }).IsUnique();
        // No cascade from the track: a second cascade path to the lines (the round's is the first) is refused by SQL
        // Server; removing a track removes its lines itself.
        b.HasOne<ContestTrack>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.NoAction);
    }
}
