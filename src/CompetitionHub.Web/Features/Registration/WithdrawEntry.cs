using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// An entry that advanced to a later round is about to be withdrawn. Registration knows nothing of rounds; the feature
/// that advanced the entry says whether it may still go, and what it tracks is stored by the withdrawal's own save.
/// </summary>
public interface IAdvancedEntryWithdrawing
{
    /// <summary>Null when the advanced entry may be withdrawn now; otherwise a message the person can act on.</summary>
    Task<string?> WhyNotAsync(int entryId, CancellationToken ct);
}

/// <summary>
/// The leader takes the entry back, before or after submitting, until the deadline. The pending deadline reminders go
/// with it. A withdrawn entry can be edited again (it becomes a draft) while registration is open. An entry that advanced
/// to the next round may also withdraw, until that round starts, so the organizer can backfill its seat.
/// </summary>
public sealed class WithdrawEntry(AppDbContext db, RegistrationWindow window, DeadlineReminders reminders, AuditLog audit,
    IEnumerable<IAdvancedEntryWithdrawing> advanced, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<WithdrawEntry> logger)
{
    public async Task<SetupResult> HandleAsync(int entryId, string userId, Guid version, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null) return SetupResult.Fail(t["报名不存在。"]);
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == entry.TeamId && m.UserId == userId && m.IsLeader, ct))
            return SetupResult.Fail(t["只有队长可以提交或撤回报名。"]);
        if (entry.Status == EntryStatus.Advanced)
        {
            if (await WhyNotAdvancedAsync(entry.Id, ct) is { } started) return SetupResult.Fail(started);
        }
        else
        {
            if (window.WhyClosed(entry.Contest) is { } closed) return SetupResult.Fail(closed);
            if (entry.Status is not (EntryStatus.Draft or EntryStatus.Submitted or EntryStatus.ChangesRequested))
                return SetupResult.Fail(t["该报名当前状态不能撤回。"]);
        }

        var before = SaveEntry.Snapshot(entry);
        db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        entry.Status = EntryStatus.Withdrawn;
        entry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await reminders.CancelAsync(entry.Id, ct);
        audit.Record(entry.ContestId, nameof(Entry), entry.Id, "Withdrawn", before, SaveEntry.Snapshot(entry));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail(t["该报名已被团队其他成员修改，请刷新后再操作。"]);
        }
        logger.LogInformation("Entry {EntryId} withdrawn by {UserId}", entry.Id, userId);
        return SetupResult.Done(entry.Id, t["报名已撤回。截止前可以修改后重新提交。"]);
    }

    /// <summary>Why an advanced entry may not be withdrawn now, as the features that advanced it say; null if it may.</summary>
    public async Task<string?> WhyNotAdvancedAsync(int entryId, CancellationToken ct)
    {
        foreach (var handler in advanced)
        {
            if (await handler.WhyNotAsync(entryId, ct) is { } refused) return refused;
        }
        return null;
    }
}
