using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>The kept files entry materials name, for the sweep of files left by interrupted uploads.</summary>
public sealed class MaterialFiles(AppDbContext db) : IUploadOwner
{
    public async Task<IReadOnlyCollection<string>> NamedAsync(IReadOnlyCollection<string> storedNames, CancellationToken ct) =>
        await db.EntryMaterials.AsNoTracking().Where(m => storedNames.Contains(m.StoredName)).Select(m => m.StoredName).ToListAsync(ct);
}
