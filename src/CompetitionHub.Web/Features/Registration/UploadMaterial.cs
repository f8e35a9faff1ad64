using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Stores one material of an editable entry: a kind the form offers, a file that <see cref="FileUploads"/> accepts for
/// that kind, recorded (with its audit row) in one SaveChanges.
/// </summary>
public sealed class UploadMaterial(AppDbContext db, RegistrationWindow window, AuditLog audit, FileUploads uploads,
    TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<UploadMaterial> logger)
{
    /// <param name="kind">As posted: anything but one of the form's option values is refused, never taken for a business plan.</param>
    public async Task<SetupResult> HandleAsync(int entryId, string userId, string? kind, IFormFile? file, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null || !await db.TeamMembers.AnyAsync(m => m.TeamId == entry.TeamId && m.UserId == userId, ct))
            return SetupResult.Fail(t["报名不存在，或您不是该团队的成员。"]);
        if (window.WhyClosed(entry.Contest, entry) is { } closed) return SetupResult.Fail(closed);
        if (!SaveEntry.IsEditable(entry.Status)) return SetupResult.Fail(t["报名已提交，不能再修改材料；如需修改，请队长先撤回。"]);
        if (!MaterialKinds.TryParse(kind, out var materialKind)) return SetupResult.Fail(nameof(kind), t["请选择材料类型。"]);

        var upload = await uploads.StoreAsync(file, new UploadRule(MaterialKinds.Of(materialKind, t), MaterialKinds.Formats(materialKind)), ct);
        if (!upload.Succeeded) return SetupResult.Fail(nameof(file), upload.Error);
        var stored = upload.File;
        try
        {
            var material = new EntryMaterial
            {
                EntryId = entry.Id, Kind = materialKind, FileName = stored.FileName, ContentType = stored.ContentType,
                SizeBytes = stored.SizeBytes, StoredName = stored.StoredName, Sha256 = stored.Sha256,
                UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedByUserId = userId,
            };
            db.EntryMaterials.Add(material);
            entry.UpdatedAt = material.UploadedAt;
            audit.Record(entry.ContestId, nameof(Entry), entry.Id, "MaterialAdded",
                after: new { material.Kind, material.FileName, material.SizeBytes, material.Sha256, material.StoredName });
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Nothing recorded, nothing kept: no file without its row.
            uploads.Delete(stored.StoredName);
            throw;
        }
        logger.LogInformation("Material {StoredName} ({Kind}, {Bytes} bytes) added to entry {EntryId}", stored.StoredName, materialKind, stored.SizeBytes, entryId);
        return SetupResult.Done(entry.Id, t["材料已上传。"]);
    }
}
