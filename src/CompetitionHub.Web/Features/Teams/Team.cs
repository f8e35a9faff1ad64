using CompetitionHub.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Teams;

/// <summary>A team of contestants (团队): one leader and members; one person can be in several teams.</summary>
public class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Changed on every save; two members editing at once cannot overwrite each other unnoticed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<TeamMember> Members { get; set; } = [];
    public List<TeamInvitation> Invitations { get; set; } = [];
}

public class TeamMember
{
    public int TeamId { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public bool IsLeader { get; set; }
    public DateTime JoinedAt { get; set; }
}

public enum InvitationStatus { Pending, Accepted, Declined, Revoked }

/// <summary>An invitation by email; the link in the mail carries <see cref="Token"/>.</summary>
public class TeamInvitation
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public Team Team { get; set; } = null!;
    public required string Email { get; set; }
    public Guid Token { get; set; } = Guid.NewGuid();
    public required string InvitedByUserId { get; set; }
    public InvitationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AcceptedByUserId { get; set; }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId);
        b.HasMany(t => t.Invitations).WithOne(i => i.Team).HasForeignKey(i => i.TeamId);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasKey(m => new { m.TeamId, m.UserId });
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.UserId);
    }
}

internal sealed class TeamInvitationConfiguration : IEntityTypeConfiguration<TeamInvitation>
{
    public void Configure(EntityTypeBuilder<TeamInvitation> b)
    {
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.InvitedByUserId).HasMaxLength(450);
        b.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(i => i.Token).IsUnique();
        b.HasIndex(i => new { i.TeamId, i.Email });
    }
}
