using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// An organizer's hand on the assignment, kept across re-runs of the solver: pin a judge to an entry (never a pair in
/// conflict), unpin, remove a judge from an entry (the removal is remembered as a block), and lift a block.
/// Each change is stored with its audit row by one SaveChanges.
/// </summary>
public sealed class AdjustAssignment(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<AdjustAssignment> logger)
{
    public async Task<SetupResult> PinAsync(AssignmentState state, string? judgeUserId, int entryId, CancellationToken ct)
    {
        if (Check(state, judgeUserId, entryId) is { } refused) return refused;
        var (judge, entry) = (state.Judges.Single(j => j.UserId == judgeUserId), state.Entries.Single(e => e.Id == entryId));
        if (state.Conflicts.Contains((judge.UserId, entry.Id)))
            return SetupResult.Fail(t["评委“{0}”与项目“{1}”存在利益冲突，不能固定分配。", judge.Name, entry.Title]);

        var row = await db.ReviewAssignments.SingleOrDefaultAsync(a => a.RoundId == state.Round.Id && a.EntryId == entryId
                                                                       && a.JudgeUserId == judge.UserId, ct);
        if (row?.Source == AssignmentSource.Pinned)
            return SetupResult.Fail(t["评委“{0}”已固定分配到项目“{1}”。", judge.Name, entry.Title]);
        if (row is null)
            db.ReviewAssignments.Add(new ReviewAssignment
            {
                RoundId = state.Round.Id, EntryId = entryId, JudgeUserId = judge.UserId, Source = AssignmentSource.Pinned,
                AssignedAt = clock.GetUtcNow().UtcDateTime,
            });
        else
            row.Source = AssignmentSource.Pinned;
        // Pinning is the organizer's later word on a pair they once removed: the removal goes.
        var block = await db.AssignmentBlocks.SingleOrDefaultAsync(b => b.RoundId == state.Round.Id && b.EntryId == entryId
                                                                       && b.JudgeUserId == judge.UserId, ct);
        if (block is not null) db.AssignmentBlocks.Remove(block);
        audit.Record(state.Round.ContestId, CommitAssignment.AuditEntityType, state.Round.Id, "assignment-pinned",
            row is null ? null : new { judge = judge.UserId, entry = entryId, source = AssignmentSource.Auto.ToString(), blocked = block is not null },
            new { judge = judge.UserId, entry = entryId, source = AssignmentSource.Pinned.ToString() });
        return await SaveAsync(state, "pinned", judge.UserId, entryId,
            t["已将评委“{0}”固定分配到项目“{1}”。", judge.Name, entry.Title], ct);
    }

    public async Task<SetupResult> UnpinAsync(AssignmentState state, string? judgeUserId, int entryId, CancellationToken ct)
    {
        if (AssignmentRules.Refusal(state.Round, t) is { } refusal) return SetupResult.Fail(refusal);
        var row = await db.ReviewAssignments.SingleOrDefaultAsync(a => a.RoundId == state.Round.Id && a.EntryId == entryId
                                                                       && a.JudgeUserId == judgeUserId && a.Source == AssignmentSource.Pinned, ct);
        if (row is null) return SetupResult.Fail(t["未找到该固定分配。"]);
        // The pair stays assigned until the next commit, which may keep or replace it like any other.
        row.Source = AssignmentSource.Auto;
        audit.Record(state.Round.ContestId, CommitAssignment.AuditEntityType, state.Round.Id, "assignment-unpinned",
            new { judge = row.JudgeUserId, entry = entryId, source = AssignmentSource.Pinned.ToString() },
            new { judge = row.JudgeUserId, entry = entryId, source = AssignmentSource.Auto.ToString() });
        return await SaveAsync(state, "unpinned", row.JudgeUserId, entryId,
            t["已取消评委“{0}”在项目“{1}”上的固定分配。", NameOf(state, row.JudgeUserId), TitleOf(state, entryId)], ct);
    }

    public async Task<SetupResult> RemoveAsync(AssignmentState state, string? judgeUserId, int entryId, string? byUserId,
        CancellationToken ct)
    {
        if (AssignmentRules.Refusal(state.Round, t) is { } refusal) return SetupResult.Fail(refusal);
        if (string.IsNullOrEmpty(judgeUserId)) return SetupResult.Fail(t["请选择评委。"]);
        var row = await db.ReviewAssignments.SingleOrDefaultAsync(a => a.RoundId == state.Round.Id && a.EntryId == entryId
                                                                       && a.JudgeUserId == judgeUserId, ct);
        var inRound = state.Judges.Any(j => j.UserId == judgeUserId) && state.Entries.Any(e => e.Id == entryId);
        // A pair that is neither stored nor possible in this round has nothing to remove.
        if (row is null && !inRound) return SetupResult.Fail(t["未找到该评委或项目。"]);
        if (row is not null) db.ReviewAssignments.Remove(row);
        var blocked = await db.AssignmentBlocks.AnyAsync(b => b.RoundId == state.Round.Id && b.EntryId == entryId
                                                              && b.JudgeUserId == judgeUserId, ct);
        if (!blocked)
            db.AssignmentBlocks.Add(new AssignmentBlock
            {
                RoundId = state.Round.Id, EntryId = entryId, JudgeUserId = judgeUserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedByUserId = byUserId,
            });
        audit.Record(state.Round.ContestId, CommitAssignment.AuditEntityType, state.Round.Id, "assignment-removed",
            row is null ? null : new { judge = judgeUserId, entry = entryId, source = row.Source.ToString() },
            new { judge = judgeUserId, entry = entryId, blocked = true });
        return await SaveAsync(state, "removed", judgeUserId, entryId,
            t["已将评委“{0}”从项目“{1}”移除，重新分配时也不会再分配给该项目。", NameOf(state, judgeUserId), TitleOf(state, entryId)], ct);
    }

    public async Task<SetupResult> UnblockAsync(AssignmentState state, string? judgeUserId, int entryId, CancellationToken ct)
    {
        if (AssignmentRules.Refusal(state.Round, t) is { } refusal) return SetupResult.Fail(refusal);
        var block = await db.AssignmentBlocks.SingleOrDefaultAsync(b => b.RoundId == state.Round.Id && b.EntryId == entryId
                                                                       && b.JudgeUserId == judgeUserId, ct);
        if (block is null) return SetupResult.Fail(t["未找到该移除记录。"]);
        db.AssignmentBlocks.Remove(block);
        audit.Record(state.Round.ContestId, CommitAssignment.AuditEntityType, state.Round.Id, "assignment-unblocked",
            new { judge = block.JudgeUserId, entry = entryId, blocked = true }, new { judge = block.JudgeUserId, entry = entryId, blocked = false });
        return await SaveAsync(state, "unblocked", block.JudgeUserId, entryId,
            t["已允许评委“{0}”重新分配到项目“{1}”。", NameOf(state, block.JudgeUserId), TitleOf(state, entryId)], ct);
    }

    private SetupResult? Check(AssignmentState state, string? judgeUserId, int entryId)
    {
        if (AssignmentRules.Refusal(state.Round, t) is { } refusal) return SetupResult.Fail(refusal);
        if (string.IsNullOrEmpty(judgeUserId) || state.Judges.All(j => j.UserId != judgeUserId))
            return SetupResult.Fail(t["该评委不在本赛事已接受邀请的评委库中。"]);
        if (state.Entries.All(e => e.Id != entryId))
            return SetupResult.Fail(t["该项目不在本赛段的待评审项目中。"]);
        return null;
    }

    private async Task<SetupResult> SaveAsync(AssignmentState state, string what, string judgeUserId, int entryId, string message,
        CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.UniqueViolation or DatabaseError.VersionConflict)
        {
            // The same pair changed by someone else at the same moment; their change stands.
            db.ChangeTracker.Clear();
            return SetupResult.Fail(t["评审分配刚被其他组织者修改，请刷新后重试。"]);
        }
        logger.LogInformation("Round {RoundId}: judge {JudgeId} {Change} on entry {EntryId}", state.Round.Id, judgeUserId, what, entryId);
        return SetupResult.Done(message);
    }

    private static string NameOf(AssignmentState state, string judgeUserId) =>
        state.Judges.FirstOrDefault(j => j.UserId == judgeUserId)?.Name ?? judgeUserId;

    private static string TitleOf(AssignmentState state, int entryId) =>
        state.Entries.FirstOrDefault(e => e.Id == entryId)?.Title ?? $"#{entryId}";
}
