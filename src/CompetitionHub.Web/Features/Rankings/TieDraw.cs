using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>
/// A lot draw (抽签) an organizer recorded for entries still tied after a round's other tie-breakers. It holds for
/// exactly this set of entries at exactly this official score: if a correction changes either, the tie is a new one and
/// needs a new draw. The order is <see cref="Roadshow.LotDraw.Draw"/>(entry ids, seed), so anyone can repeat it.
/// </summary>
public class TieDraw
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ScoreHundredths { get; set; }

    /// <summary>The tied entries' ids, ascending, separated by ','.</summary>
    public required string EntryIds { get; set; }

    public int Seed { get; set; }

    /// <summary>The drawn order, first place first, separated by ','; kept so the record reads without recomputing.</summary>
    public required string DrawnOrder { get; set; }

    public DateTime DrawnAt { get; set; }
    public required string DrawnByUserId { get; set; }

    public IReadOnlyList<int> EntryIdList => Ids(EntryIds);
    public IReadOnlyList<int> DrawnOrderList => Ids(DrawnOrder);

    public static string Join(IEnumerable<int> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static List<int> Ids(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}

internal sealed class TieDrawConfiguration : IEntityTypeConfiguration<TieDraw>
{
    public void Configure(EntityTypeBuilder<TieDraw> b)
    {
        b.Property(d => d.EntryIds).HasMaxLength(2000);
        b.Property(d => d.DrawnOrder).HasMaxLength(2000);
        b.Property(d => d.DrawnByUserId).HasMaxLength(450);
        b.HasIndex(d => d.RoundId);
        b.HasOne<Contests.Round>().WithMany().HasForeignKey(d => d.RoundId);
    }
}
