using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// A team's consent that investors may find one of its entries (opt-in: an entry without this row, or with
/// <see cref="VisibleToInvestors"/> off, is hidden). Kept beside the entry rather than on it, so matchmaking never
/// touches the registration's own row and its version.
/// </summary>
public class EntryVisibility
{
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public bool VisibleToInvestors { get; set; }
    /// <summary>The round the team is raising, if it says; investors can filter on it.</summary>
    public InvestmentStage? Stage { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
}

internal sealed class EntryVisibilityConfiguration : IEntityTypeConfiguration<EntryVisibility>
{
    public void Configure(EntityTypeBuilder<EntryVisibility> b)
    {
        b.HasKey(v => v.EntryId);
        b.HasOne(v => v.Entry).WithOne().HasForeignKey<EntryVisibility>(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(v => v.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.ChangedByUserId).HasMaxLength(450);
    }
}
