using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Keeps published versions as they were published, whatever code path tries otherwise: a save that changes or deletes
/// a snapshot row, deletes a version, changes a version's snapshot fields, or moves a final version back fails before
/// anything is written. A correction is a new version.
/// </summary>
public sealed class PublishedResultsGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<PublishedRank>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"Published ranking row {entry.Entity.Id} is immutable.");
        }
        foreach (var entry in context.ChangeTracker.Entries<PublishedSheet>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"Published sheet {entry.Entity.Id} is immutable.");
        }
        foreach (var entry in context.ChangeTracker.Entries<RankingVersion>())
        {
            if (entry.State == EntityState.Deleted)
                throw new InvalidOperationException($"Published version {entry.Entity.Id} cannot be deleted.");
            if (entry.State != EntityState.Modified) continue;
            var changed = entry.Properties.Where(p => p.IsModified && !RankingVersion.Mutable.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
            if (changed.Count > 0)
                throw new InvalidOperationException($"Published version {entry.Entity.Id} is immutable ({string.Join(", ", changed)}).");
            var stage = entry.Property(v => v.Stage);
            if (stage.IsModified && !((PublicationStage)stage.OriginalValue! == PublicationStage.Announcement && entry.Entity.Stage == PublicationStage.Final))
                throw new InvalidOperationException($"Published version {entry.Entity.Id} can only move from announcement to final.");
        }
    }
}
