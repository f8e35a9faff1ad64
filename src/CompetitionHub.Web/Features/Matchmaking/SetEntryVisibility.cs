using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record VisibilityPage(int EntryId, string Title, string ContestName, VisibilityForm Form, bool Listable);

/// <summary>
/// A team member opening (or closing) one entry to investors. Hidden unless the team says otherwise; closing it again
/// hides it from the list and its page at once, while meetings already agreed stay as they are.
/// </summary>
public sealed class SetEntryVisibility(AppDbContext db, AuditLog audit, TimeProvider clock, ILogger<SetEntryVisibility> logger)
{
    /// <summary>Entries in these states are never listed, whatever the team chose: they are not a project on offer.</summary>
    public static readonly EntryStatus[] Unlisted = [EntryStatus.Draft, EntryStatus.Withdrawn, EntryStatus.Rejected];

    /// <summary>Null (404) unless <paramref name="userId"/> is a member of the entry's team.</summary>
    public async Task<VisibilityPage?> PageAsync(int entryId, string userId, VisibilityForm? form, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking()
            .Where(e => e.Id == entryId && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == userId))
            .Select(e => new { e.Id, e.Title, e.Contest.Name, e.Contest.NameEn, e.Status })
            .SingleOrDefaultAsync(ct);
        if (entry is null) return null;
        var stored = await db.EntryVisibilities.AsNoTracking().SingleOrDefaultAsync(v => v.EntryId == entryId, ct);
        form ??= new VisibilityForm { VisibleToInvestors = stored?.VisibleToInvestors ?? false, Stage = stored?.Stage };
        return new VisibilityPage(entry.Id, entry.Title, Localized.Pick(entry.Name, entry.NameEn), form,
            !Unlisted.Contains(entry.Status));
    }

    /// <summary>False when the user is not a member of the entry's team (the caller answers 404).</summary>
    public async Task<bool> SaveAsync(int entryId, string userId, VisibilityForm form, CancellationToken ct)
    {
        var member = await db.Entries.AnyAsync(e => e.Id == entryId && db.TeamMembers.Any(m => m.TeamId == e.TeamId && m.UserId == userId), ct);
        if (!member) return false;
        var row = await db.EntryVisibilities.SingleOrDefaultAsync(v => v.EntryId == entryId, ct);
        var before = row is null ? null : new { row.VisibleToInvestors, Stage = row.Stage?.ToString() };
        if (row is null)
        {
            row = new EntryVisibility { EntryId = entryId };
            db.EntryVisibilities.Add(row);
        }
        row.VisibleToInvestors = form.VisibleToInvestors;
        row.Stage = form.Stage is { } s && Enum.IsDefined(s) ? s : null;
        row.ChangedAt = clock.GetUtcNow().UtcDateTime;
        row.ChangedByUserId = userId;
        var contestId = await db.Entries.Where(e => e.Id == entryId).Select(e => e.ContestId).SingleAsync(ct);
        audit.Record(contestId, nameof(EntryVisibility), entryId, "Updated", before, new { row.VisibleToInvestors, Stage = row.Stage?.ToString() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (before is null && e.Classify() == DatabaseError.UniqueViolation)
        {
            // Two members saved the first choice at once; the other one's row is there now, so save onto it.
            db.ChangeTracker.Clear();
            return await SaveAsync(entryId, userId, form, ct);
        }
        logger.LogInformation("Entry {EntryId} visible to investors: {Visible}", entryId, row.VisibleToInvestors);
        return true;
    }
}
