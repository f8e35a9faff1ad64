using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// A change of a round's ranking rules after its scoring opened (规则变更公告): the rules before and after
/// (<see cref="RoundRules"/> as JSON), the stated reason, who and when. Shown publicly beside the round's results;
/// a result published before it can no longer be finalized and is replaced by a new version that goes through 公示 again.
/// Never edited or deleted.
/// </summary>
public class RoundRuleChange
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int RoundId { get; set; }
    public DateTime ChangedAt { get; set; }
    public required string ChangedByUserId { get; set; }

    /// <summary>The organizer's name at the time, as the public notice shows it.</summary>
    public required string ChangedByName { get; set; }

    public required string Reason { get; set; }
    public required string RulesBefore { get; set; }
    public required string RulesAfter { get; set; }
}

public static class RoundRuleChanges
{
    /// <summary>The changes that affect how <paramref name="round"/> ranks: its own and those of the earlier rounds it weighs in.</summary>
    public static IQueryable<RoundRuleChange> Affecting(this IQueryable<RoundRuleChange> changes, Round round)
    {
        List<int> ids = [round.Id, .. RankingRules.EarlierWeights(round).Select(w => w.RoundId)];
        return changes.Where(c => ids.Contains(c.RoundId));
    }
}

internal sealed class RoundRuleChangeConfiguration : IEntityTypeConfiguration<RoundRuleChange>
{
    public void Configure(EntityTypeBuilder<RoundRuleChange> b)
    {
        b.Property(c => c.ChangedByUserId).HasMaxLength(450);
        b.Property(c => c.ChangedByName).HasMaxLength(200);
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.HasIndex(c => c.RoundId);
        b.HasOne<Round>().WithMany().HasForeignKey(c => c.RoundId);
    }
}
