using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>Serves an uploaded material to those <see cref="MaterialAccess"/> allows: PDFs and pictures open in the browser.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MaterialsController(AppDbContext db, FileUploads uploads, MaterialAccess access) : Controller
{
    [HttpGet("/materials/{id:int}")]
    public async Task<IActionResult> Download(int id, CancellationToken ct)
    {
        var material = await db.EntryMaterials.AsNoTracking().Where(m => m.Id == id)
            .Join(db.Entries, m => m.EntryId, e => e.Id, (m, e) => new { m.StoredName, m.FileName, m.ContentType, m.EntryId, e.TeamId, e.ContestId })
            .SingleOrDefaultAsync(ct);
        // An unknown id and a forbidden one look the same, so ids cannot be probed.
        if (material is null || !await access.CanReadAsync(User, material.EntryId, material.TeamId, material.ContestId, ct))
            return StatusCode(StatusCodes.Status403Forbidden);
        return uploads.Download(material.StoredName, material.ContentType, material.FileName);
    }
}
