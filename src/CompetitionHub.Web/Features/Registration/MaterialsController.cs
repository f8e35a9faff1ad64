using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>Serves an uploaded material to those <see cref="MaterialAccess"/> allows, always as a download.</summary>
[Authorize]
public sealed class MaterialsController(AppDbContext db, DataPaths paths, MaterialAccess access) : Controller
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
        var path = Path.Combine(paths.Uploads, material.StoredName);
        if (!System.IO.File.Exists(path)) return NotFound();
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // FileDownloadName makes it "attachment; filename=...; filename*=UTF-8''..." (RFC 5987), so Chinese names survive.
        return PhysicalFile(path, material.ContentType, material.FileName);
    }
}
