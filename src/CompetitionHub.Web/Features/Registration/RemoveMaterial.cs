using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>Deletes a material of an editable entry: the row and its audit record first, the file once that is saved.</summary>
public sealed class RemoveMaterial(AppDbContext db, FileUploads uploads, RegistrationWindow window, AuditLog audit,
    TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public async Task<SetupResult> HandleAsync(int entryId, int materialId, string userId, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Materials).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null || !await db.TeamMembers.AnyAsync(m => m.TeamId == entry.TeamId && m.UserId == userId, ct))
            return SetupResult.Fail(t["报名不存在，或您不是该团队的成员。"]);
        if (window.WhyClosed(entry.Contest, entry) is { } closed) return SetupResult.Fail(closed);
        if (!SaveEntry.IsEditable(entry.Status)) return SetupResult.Fail(t["报名已提交，不能再修改材料；如需修改，请队长先撤回。"]);
        var material = entry.Materials.SingleOrDefault(m => m.Id == materialId);
        if (material is null) return SetupResult.Fail(t["该材料已被删除。"]);

        db.EntryMaterials.Remove(material);
        entry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(entry.ContestId, nameof(Entry), entry.Id, "MaterialRemoved",
            before: new { material.Kind, material.FileName, material.SizeBytes, material.Sha256, material.StoredName });
        await db.SaveChangesAsync(ct);
        uploads.Delete(material.StoredName);
        return SetupResult.Done(entry.Id, t["材料已删除。"]);
    }
}
