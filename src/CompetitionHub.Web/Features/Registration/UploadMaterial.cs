using System.Security.Cryptography;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Stores one material of an editable entry: checked by content against its kind, size-limited, written under a
/// generated name outside wwwroot with its SHA-256, and recorded (with its audit row) in one SaveChanges.
/// </summary>
public sealed class UploadMaterial(AppDbContext db, DataPaths paths, RegistrationWindow window, AuditLog audit,
    IOptions<UploadOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<UploadMaterial> logger)
{
    public async Task<string?> HandleAsync(int entryId, string userId, MaterialKind kind, IFormFile? file, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null || !await db.TeamMembers.AnyAsync(m => m.TeamId == entry.TeamId && m.UserId == userId, ct))
            return t["报名不存在，或您不是该团队的成员。"];
        if (window.WhyClosed(entry.Contest, entry) is { } closed) return closed;
        if (!SaveEntry.IsEditable(entry.Status)) return t["报名已提交，不能再修改材料；如需修改，请队长先撤回。"];
        if (!Enum.IsDefined(kind)) return t["请选择材料类型。"];
        if (file is null || file.Length == 0) return t["请选择一个非空的文件。"];
        var max = options.Value.MaxBytes;
        if (file.Length > max) return t["文件过大：每个文件最大 {0} MB。", FormatMegabytes(max)];

        Directory.CreateDirectory(paths.Uploads);
        var storedName = Guid.NewGuid().ToString("N");
        var path = Path.Combine(paths.Uploads, storedName);
        string sha256;
        DetectedFormat format;
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await using (var source = file.OpenReadStream())
                    await source.CopyToAsync(target, ct);
                format = MaterialContent.Detect(target);
                target.Position = 0;
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, ct));
            }
            if (!MaterialContent.Accepts(kind, format))
            {
                File.Delete(path);
                return t["文件内容不是{0}要求的格式（{1}）。系统按文件内容判断格式，而不是按文件名。",
                    MaterialNames.Of(kind, t), MaterialNames.Accepts(kind, t)];
            }

            var material = new EntryMaterial
            {
                EntryId = entry.Id, Kind = kind, FileName = MaterialContent.DisplayName(file.FileName, format),
                ContentType = MaterialContent.ContentType(format), SizeBytes = file.Length, StoredName = storedName,
                Sha256 = sha256, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedByUserId = userId,
            };
            db.EntryMaterials.Add(material);
            entry.UpdatedAt = material.UploadedAt;
            audit.Record(nameof(Entry), entry.Id, "MaterialAdded",
                after: new { material.Kind, material.FileName, material.SizeBytes, material.Sha256, material.StoredName });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Material {StoredName} ({Kind}, {Bytes} bytes) added to entry {EntryId}", storedName, kind, file.Length, entryId);
            return null;
        }
        catch
        {
            // Nothing recorded, nothing kept: no file without its row.
            File.Delete(path);
            throw;
        }
    }

    internal static string FormatMegabytes(long bytes) =>
        (bytes / (1024m * 1024m)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
