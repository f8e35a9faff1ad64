using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Accounts;

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>Culture the person chose at sign-up; their emails are written in it.</summary>
    public string PreferredCulture { get; set; } = "zh-CN";

    public DateTime CreatedAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Property(u => u.PreferredCulture).HasMaxLength(10);
    }
}
