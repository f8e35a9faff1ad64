using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Judging;

public enum HoldingKind { Position, Shareholding }

/// <summary>A position or shareholding of a judge in a company, by its 统一社会信用代码, for conflict detection.</summary>
public sealed class JudgeHolding
{
    public string CompanyName { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public HoldingKind Kind { get; set; }
}

/// <summary>What a judge tells about themselves once, for every contest: expertise, employer, holdings.</summary>
public class JudgeProfile
{
    public required string UserId { get; set; }
    /// <summary>Industry fields the judge knows (matched against entries' industries).</summary>
    public List<string> Expertise { get; set; } = [];
    public string Affiliation { get; set; } = "";
    public string? AffiliationCreditCode { get; set; }
    public string Title { get; set; } = "";
    public List<JudgeHolding> Holdings { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class JudgeProfileConfiguration : IEntityTypeConfiguration<JudgeProfile>
{
    public void Configure(EntityTypeBuilder<JudgeProfile> b)
    {
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Affiliation).HasMaxLength(200);
        b.Property(p => p.AffiliationCreditCode).HasMaxLength(18);
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.OwnsMany(p => p.Holdings, h =>
        {
            h.ToJson();
            h.Property(x => x.Kind).HasConversion<string>();
        });
    }
}
