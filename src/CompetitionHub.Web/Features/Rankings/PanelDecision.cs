using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// The order a round's panel decided (评审会决定) for entries still tied after the round's other tie-breakers, as an
/// organizer recorded it with the panel's reason. Like a <see cref="TieDraw"/> it holds for exactly this set of entries
/// at exactly this official score: if a correction changes either, the tie is a new one and needs a new decision.
/// </summary>
public class PanelDecision
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ScoreHundredths { get; set; }

    /// <summary>The tied entries' ids, ascending, separated by ','.</summary>
    public required string EntryIds { get; set; }

    /// <summary>The decided order, first place first, separated by ','.</summary>
    public required string DecidedOrder { get; set; }

    public required string Reason { get; set; }
    public DateTime DecidedAt { get; set; }
    public required string DecidedByUserId { get; set; }

    public IReadOnlyList<int> EntryIdList => Ids(EntryIds);
    public IReadOnlyList<int> DecidedOrderList => Ids(DecidedOrder);

    private static List<int> Ids(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}

internal sealed class PanelDecisionConfiguration : IEntityTypeConfiguration<PanelDecision>
{
    public void Configure(EntityTypeBuilder<PanelDecision> b)
    {
        b.Property(d => d.EntryIds).HasMaxLength(2000);
        b.Property(d => d.DecidedOrder).HasMaxLength(2000);
        b.Property(d => d.Reason).HasMaxLength(1000);
        b.Property(d => d.DecidedByUserId).HasMaxLength(450);
        b.HasIndex(d => d.RoundId);
        b.HasOne<Round>().WithMany().HasForeignKey(d => d.RoundId);
    }
}
