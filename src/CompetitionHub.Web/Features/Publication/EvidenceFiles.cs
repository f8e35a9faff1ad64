using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>The kept files objections name as evidence, for the sweep of files left by interrupted uploads.</summary>
public sealed class EvidenceFiles(AppDbContext db) : IUploadOwner
{
    public async Task<IReadOnlyCollection<string>> NamedAsync(IReadOnlyCollection<string> storedNames, CancellationToken ct) =>
        await db.Objections.AsNoTracking().Where(o => storedNames.Contains(o.EvidenceStoredName)).Select(o => o.EvidenceStoredName).ToListAsync(ct);
}
