using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// One published result of a round (公示 or final): an immutable snapshot of the ranking, numbered 1, 2, … per round.
/// A changed result is a new version, never an edit; only the stage moves, once, from 公示 to final
/// (<see cref="PublishedResultsGuard"/> refuses anything else).
/// </summary>
public class RankingVersion
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int RoundId { get; set; }
    public int Number { get; set; }
    public PublicationStage Stage { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedByUserId { get; set; }

    /// <summary>The end of the 公示 period (UTC); objections are accepted until then.</summary>
    public DateTime AnnouncementEndsAt { get; set; }
    public int AnnouncementDays { get; set; }

    /// <summary>Why this version replaces the one before (empty for the first).</summary>
    public string Note { get; set; } = "";

    public DateTime? FinalizedAt { get; set; }
    public string? FinalizedByUserId { get; set; }

    /// <summary>Changed on every save; finalizing from a stale page is a conflict, not an overwrite.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// The rules the version was computed under: <see cref="RoundRules"/> as JSON ("" for versions published
    /// before rules were stored).
    /// </summary>
    public string Rules { get; set; } = "";

    /// <summary>
    /// How many <see cref="Contests.RoundRuleChange"/>s the round had when this version was computed: a later change
    /// means the version no longer follows the round's rules, so it cannot be finalized.
    /// </summary>
    public int RuleChangeCount { get; set; }

    /// <summary>
    /// The recorded tie decisions the ranking used, as JSON (<see cref="PublishedDraw"/>): lot draws
    /// [{"entryIds":[…],"scoreHundredths":…,"seed":…,"kind":"LotDraw"}] and panel decisions
    /// {…,"kind":"PanelDecision","order":[…],"reason":"…"} (versions published before panel decisions have no kind: lot draws).
    /// </summary>
    public string Draws { get; set; } = "";

    /// <summary>
    /// The public jury votes the ranking used, as JSON (<see cref="PublishedVotes"/>): every entry with a vote in this round
    /// and in the earlier rounds it weighs, for rounds with a public jury ("" when none has one or nobody voted).
    /// </summary>
    public string Votes { get; set; } = "";

    public List<PublishedRank> Rows { get; set; } = [];

    public List<PublishedSheet> Sheets { get; set; } = [];

    /// <summary>The properties a save may change after publication; everything else is the snapshot.</summary>
    internal static readonly string[] Mutable = [nameof(Stage), nameof(FinalizedAt), nameof(FinalizedByUserId), nameof(Version)];
}

/// <summary>
/// One entry's line in a published version, copied at publication: what the public saw stays what it was, whatever
/// later happens to the entry's title, team or scores.
/// </summary>
public class PublishedRank
{
    public long Id { get; set; }
    public int VersionId { get; set; }
    public int TrackId { get; set; }
    public required string TrackName { get; set; }
    public required string TrackNameEn { get; set; }
    public int TrackOrder { get; set; }
    public int EntryId { get; set; }
    /// <summary>1, 2, …; 0 for an entry with sheets that has no score and no rank (<see cref="Unranked"/> says why).</summary>
    public int Rank { get; set; }
    public bool Tied { get; set; }
    public int ScoreHundredths { get; set; }
    /// <summary>Judges whose totals the score is computed from (after a trimmed mean dropped some); for an unranked row the
    /// judges who scored it.</summary>
    public int JudgeCount { get; set; }

    /// <summary>Judges on the entry's panel: assigned to it (online review) or on its session's panel (roadshow).</summary>
    public int PanelSize { get; set; }

    /// <summary>Totals a trimmed mean left out (k highest + k lowest); judges who submitted = JudgeCount + DroppedCount.</summary>
    public int DroppedCount { get; set; }

    /// <summary>Another entry of the group had the same official score, whether or not a tie-breaker then separated them.</summary>
    public bool ScoreTied { get; set; }

    /// <summary>
    /// The tie-breaker that decided this entry's place among equal scores (<see cref="Contests.TieBreakerRule.Token"/>), or "";
    /// for an unranked row (<see cref="Rank"/> 0) why it has no rank (<see cref="Contests.UnrankedReason"/> by name).
    /// </summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>
    /// The parts of the score as JSON (<see cref="PublishedPart"/>), or "": a weighted round's rounds
    /// [{"roundId":…,"weightPercent":…,"scoreHundredths":"4550.5"|null}], then, in a round with judge groups, each group's
    /// part of this round's own score {…,"group":1,"counted":3,"dropped":0}.
    /// </summary>
    public string Parts { get; set; } = "";

    /// <summary>When the entry was submitted (UTC), for the EarlierSubmission tie-breaker.</summary>
    public DateTime? EntrySubmittedAt { get; set; }

    public required string EntryTitle { get; set; }
    public required string TeamName { get; set; }
    public string CompanyName { get; set; } = "";

    public decimal Score => ScoreHundredths / 100m;

    /// <summary>Why the entry has no rank; null for a ranked row.</summary>
    public Contests.UnrankedReason? Unranked => Rank == 0 && Enum.TryParse<Contests.UnrankedReason>(DecidedBy, out var reason) ? reason : null;

    /// <summary>The tie-breaker that decided the rank ("" for an unranked row, whose <see cref="DecidedBy"/> holds its reason).</summary>
    public string DecidingBreaker => Rank == 0 ? "" : DecidedBy;

    /// <summary>The weighted rounds' parts (this round first); empty when the round weighs no earlier round.</summary>
    public IReadOnlyList<PublishedPart> PartsList() => [.. AllParts().Where(p => p.Group is null && p.Votes is null)];

    /// <summary>The public jury part of this round's own score; null when the round has no public jury.</summary>
    public PublishedPart? JuryPart() => AllParts().FirstOrDefault(p => p.Votes is not null);

    /// <summary>The judge groups' parts of this round's own score, in group order; empty without judge groups.</summary>
    public IReadOnlyList<PublishedPart> GroupParts() => [.. AllParts().Where(p => p.Group is not null)];

    private List<PublishedPart> AllParts() => Parts.Length == 0 ? []
        : System.Text.Json.JsonSerializer.Deserialize<List<PublishedPart>>(Parts, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? [];
}

/// <summary>
/// One judge's sheet as a published version used it, anonymised: the judge is a seat number (评委1, 评委2 …) that is the
/// same for every sheet of the same judge in the same round, so the whole ranking can be recomputed from public data.
/// Copied at publication, like <see cref="PublishedRank"/>; earlier rounds a weighted round uses are copied too.
/// </summary>
public class PublishedSheet
{
    public long Id { get; set; }
    public int VersionId { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int Seat { get; set; }

    /// <summary>The total that counted (after approved corrections), in hundredths.</summary>
    public int TotalHundredths { get; set; }

    /// <summary>Points per criterion as the sheet holds them, "criterionId:hundredths" separated by ','.</summary>
    public required string Points { get; set; }

    public static string FormatPoints(IReadOnlyDictionary<int, int> points) =>
        string.Join(",", points.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value}")));

    public IReadOnlyDictionary<int, int> PointsByCriterion() =>
        Points.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':'))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
}

/// <summary>
/// A recorded tie decision a version used, as stored in <see cref="RankingVersion.Draws"/>: a lot draw (the order is
/// LotDraw.Draw(entry ids, seed)) or a panel decision (its order, first place first, and the panel's reason; seed 0).
/// </summary>
public sealed record PublishedDraw(IReadOnlyList<int> EntryIds, int ScoreHundredths, int Seed)
{
    public const string LotDraw = nameof(Contests.TieBreakerKind.LotDraw);
    public const string PanelDecision = nameof(Contests.TieBreakerKind.PanelDecision);

    /// <summary><see cref="LotDraw"/> or <see cref="PanelDecision"/>; absent (null) in versions that held lot draws only.</summary>
    public string? Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Order { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

/// <summary>How many public jury votes an entry got in a round (<see cref="RankingVersion.Votes"/>).</summary>
public sealed record PublishedVotes(int RoundId, int EntryId, int Votes);

/// <summary>
/// One part of a score, as stored in <see cref="PublishedRank.Parts"/>; the score is unrounded hundredths as exact text,
/// null = none. Without <see cref="Group"/> and <see cref="Votes"/>: one round of a weighted score. With
/// <see cref="Group"/>: judge group number <see cref="Group"/> of this round (<see cref="RoundId"/>), its weight, its score
/// by the round's method over its judges, and how many of its judges' totals were counted and dropped. With
/// <see cref="Votes"/>: the public jury part of this round's own score.
/// </summary>
public sealed record PublishedPart(int RoundId, int WeightPercent, string? ScoreHundredths)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Group { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Counted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Dropped { get; init; }

    /// <summary>Set on the public jury part only: the votes the entry got (its score is the public jury score, null when the
    /// round got no vote at all, and its weight the jury's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Votes { get; init; }

    /// <summary>On the public jury part: the judges' score it was mixed with, unrounded hundredths as exact text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Judges { get; init; }
}

internal sealed class RankingVersionConfiguration : IEntityTypeConfiguration<RankingVersion>
{
    public void Configure(EntityTypeBuilder<RankingVersion> b)
    {
        b.Property(v => v.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.PublishedByUserId).HasMaxLength(450);
        b.Property(v => v.FinalizedByUserId).HasMaxLength(450);
        b.Property(v => v.Note).HasMaxLength(1000);
        b.Property(v => v.Version).IsConcurrencyToken();
        // Two organizers publishing at once: the database lets only one of them take the next number.
        b.HasIndex(v => new { v.RoundId, v.Number }).IsUnique();
        b.HasIndex(v => v.ContestId);
        b.HasMany(v => v.Rows).WithOne().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Sheets).WithOne().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublishedRankConfiguration : IEntityTypeConfiguration<PublishedRank>
{
    public void Configure(EntityTypeBuilder<PublishedRank> b)
    {
        b.Property(r => r.TrackName).HasMaxLength(100);
        b.Property(r => r.TrackNameEn).HasMaxLength(200);
        b.Property(r => r.EntryTitle).HasMaxLength(200);
        b.Property(r => r.TeamName).HasMaxLength(100);
        b.Property(r => r.CompanyName).HasMaxLength(200);
        b.Property(r => r.DecidedBy).HasMaxLength(100);
        b.Property(r => r.Parts).HasMaxLength(2000);
        b.Ignore(r => r.Score);
        b.Ignore(r => r.Unranked);
        b.Ignore(r => r.DecidingBreaker);
        b.HasIndex(r => new { r.VersionId, r.TrackId, r.Rank });
    }
}

internal sealed class PublishedSheetConfiguration : IEntityTypeConfiguration<PublishedSheet>
{
    public void Configure(EntityTypeBuilder<PublishedSheet> b)
    {
        b.Property(s => s.Points).HasMaxLength(4000);
        b.HasIndex(s => new { s.VersionId, s.RoundId, s.EntryId, s.Seat }).IsUnique();
    }
}
