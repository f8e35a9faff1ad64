using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>The financing rounds an investor backs and a project may be raising (融资阶段).</summary>
public enum InvestmentStage { Seed, Angel, SeriesA, SeriesBPlus }

/// <summary>What an investor (role Investor) tells teams about themselves: fund, focus, stages and ticket size.</summary>
public class InvestorProfile
{
    public required string UserId { get; set; }
    public required string FundName { get; set; }
    /// <summary>Industry fields, from the contests' lists, that the fund invests in.</summary>
    public List<string> Industries { get; set; } = [];
    public List<InvestmentStage> Stages { get; set; } = [];
    /// <summary>Ticket size range in 万元 (10,000 yuan), whole numbers.</summary>
    public int TicketMinWan { get; set; }
    public int TicketMaxWan { get; set; }
    public string Intro { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class InvestorProfileConfiguration : IEntityTypeConfiguration<InvestorProfile>
{
    public void Configure(EntityTypeBuilder<InvestorProfile> b)
    {
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.FundName).HasMaxLength(200);
        b.Property(p => p.Intro).HasMaxLength(1000);
        b.PrimitiveCollection(p => p.Stages).ElementType().HasConversion<string>();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
