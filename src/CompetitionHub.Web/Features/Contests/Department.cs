using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>A provincial department that leads or co-organizes contests (省发展改革委, 省科技厅, ...).</summary>
public class Department
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }

    public string LocalizedName => Localized.Pick(Name, NameEn);
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(d => d.Code).HasMaxLength(40);
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.NameEn).HasMaxLength(200);
        b.HasIndex(d => d.Code).IsUnique();
    }
}
