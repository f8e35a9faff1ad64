using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// An uploaded file of an entry. The bytes live outside wwwroot under a generated name (<see cref="StoredName"/>);
/// the person's file name is kept only for display and download.
/// </summary>
public class EntryMaterial
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public MaterialKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedByUserId { get; set; }
}

internal sealed class EntryMaterialConfiguration : IEntityTypeConfiguration<EntryMaterial>
{
    public void Configure(EntityTypeBuilder<EntryMaterial> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.FileName).HasMaxLength(255);
        b.Property(m => m.ContentType).HasMaxLength(100);
        b.Property(m => m.StoredName).HasMaxLength(100);
        b.Property(m => m.Sha256).HasMaxLength(64);
        b.Property(m => m.UploadedByUserId).HasMaxLength(450);
        b.HasIndex(m => m.StoredName).IsUnique();
    }
}
