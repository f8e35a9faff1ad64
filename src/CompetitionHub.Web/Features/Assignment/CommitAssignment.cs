using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>
/// Stores the previewed plan. The plan itself is not posted back: the round is read as it is now, and the commit goes
/// ahead only when the solver's input with the previewed seed has the fingerprint the preview showed; the plan is then
/// the one solved for that fingerprint (<see cref="SolvedPlans"/>, the preview's own or solved again), so the stored
/// pairs are exactly the previewed ones (and nothing posted by hand can add a pair). Auto rows are replaced,
/// pins stay; the audit row and one email per judge whose list changed are saved by the same SaveChanges.
/// </summary>
public sealed class CommitAssignment(AppDbContext db, SolvedPlans plans, AuditLog audit, Outbox outbox, ReviewReminders reminders,
    TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<CommitAssignment> logger)
{
    public const string Template = "judge-assignments";
    public const string AuditEntityType = "Round";

    public async Task<SetupResult> HandleAsync(AssignmentState state, int perEntry, int seed, string? fingerprint,
        string judgingLink, CancellationToken ct)
    {
        if (AssignmentRules.Refusal(state.Round, t) is { } refusal) return SetupResult.Fail(refusal);
        var problem = state.Problem(perEntry);
        var current = AssignmentState.Fingerprint(problem, seed);
        if (!string.Equals(fingerprint, current, StringComparison.OrdinalIgnoreCase))
            return SetupResult.Fail(t["预览之后评委、项目、利益冲突、固定或移除已有变化，请重新预览后再确认。"]);

        var plan = plans.Solve(state.Round.Id, problem, seed, current);
        // The solver promises this; a broken promise must never reach a judge.
        if (plan.Pairs.FirstOrDefault(p => problem.Conflicts.Contains(p) || problem.Blocked.Contains(p)) is { Judge: not null } bad)
        {
            logger.LogError("Solver proposed excluded pair {JudgeId}/{EntryId} in round {RoundId}", bad.Judge, bad.Entry, state.Round.Id);
            return SetupResult.Fail(t["分配方案包含存在利益冲突或已移除的评委，未保存。"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (added, removed) = PreviewAssignment.Changes(state, plan);
        var rows = await db.ReviewAssignments.Where(a => a.RoundId == state.Round.Id).ToListAsync(ct);
        var before = Counts(rows);
        var removedSet = removed.ToHashSet();
        db.ReviewAssignments.RemoveRange(rows.Where(r => removedSet.Contains((r.JudgeUserId, r.EntryId))));
        var final = rows.Where(r => !removedSet.Contains((r.JudgeUserId, r.EntryId))).ToList();
        foreach (var (judge, entry) in added)
        {
            var row = new ReviewAssignment
            {
                RoundId = state.Round.Id, EntryId = entry, JudgeUserId = judge, Source = AssignmentSource.Auto, AssignedAt = now,
            };
            db.ReviewAssignments.Add(row);
            final.Add(row);
        }

        // Judges whose list changed now, and those pinned since their last email, hear about their whole current list.
        var notify = added.Select(p => p.Judge).Concat(removed.Select(p => p.Judge))
            .Concat(final.Where(r => r.NotifiedAt is null).Select(r => r.JudgeUserId))
            .ToHashSet(StringComparer.Ordinal);
        await QueueEmailsAsync(state, notify, final, judgingLink, now, ct);
        await reminders.ScheduleAsync(state.Round, state.Contest, final, judgingLink, ct);

        var after = Counts(final);
        audit.Record(state.Round.ContestId, AuditEntityType, state.Round.Id, "assignment-committed", before, new
        {
            total = after.Total, auto = after.Auto, pinned = after.Pinned, added = added.Count, removed = removed.Count, k = perEntry, seed,
            shortfalls = plan.Shortfalls.Count, notified = notify.Count,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.UniqueViolation or DatabaseError.VersionConflict)
        {
            // Another organizer committed or pinned between our read and our write; nothing of ours was stored.
            db.ChangeTracker.Clear();
            return SetupResult.Fail(t["评审分配刚被其他组织者修改，请重新预览后再确认。"]);
        }
        logger.LogInformation("Round {RoundId} assignment committed: {Added} added, {Removed} removed, {Shortfalls} short, seed {Seed}",
            state.Round.Id, added.Count, removed.Count, plan.Shortfalls.Count, seed);
        return SetupResult.Done(plan.Complete
            ? t["已保存评审分配：新增 {0} 条，移除 {1} 条，已通知 {2} 位评委。", added.Count, removed.Count, notify.Count]
            : t["已保存评审分配：新增 {0} 条，移除 {1} 条，已通知 {2} 位评委。仍有 {3} 个项目评委不足。",
                added.Count, removed.Count, notify.Count, plan.Shortfalls.Count]);
    }

    /// <summary>The audit's before/after summary (a record, so it serializes with its names).</summary>
    private sealed record RowCounts(int Total, int Auto, int Pinned);

    private static RowCounts Counts(IReadOnlyCollection<ReviewAssignment> rows) =>
        new(rows.Count, rows.Count(r => r.Source == AssignmentSource.Auto), rows.Count(r => r.Source == AssignmentSource.Pinned));

    private async Task QueueEmailsAsync(AssignmentState state, IReadOnlySet<string> judgeIds, List<ReviewAssignment> final,
        string link, DateTime now, CancellationToken ct)
    {
        if (judgeIds.Count == 0) return;
        var ids = judgeIds.ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture }).ToListAsync(ct);
        var titles = await TitlesAsync(final.Select(r => r.EntryId), ct);
        foreach (var person in people.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(person.Email)) continue;
            var mine = final.Where(r => r.JudgeUserId == person.Id).OrderBy(r => r.EntryId).ToList();
            var culture = string.IsNullOrWhiteSpace(person.PreferredCulture) ? EmailTemplates.DefaultCulture : person.PreferredCulture;
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            outbox.Queue(person.Email, person.DisplayName, Template, culture, new
            {
                displayName = person.DisplayName,
                contestName = english && state.Contest.NameEn.Length > 0 ? state.Contest.NameEn : state.Contest.Name,
                roundName = english && state.Round.NameEn.Length > 0 ? state.Round.NameEn : state.Round.Name,
                deadline = state.Round.EndsAt is null ? "" : ChinaTime.Format(state.Round.EndsAt),
                entries = mine.Select(r => titles.GetValueOrDefault(r.EntryId) ?? $"#{r.EntryId}").ToList(),
                link,
            });
            foreach (var row in mine) row.NotifiedAt = now;
        }
    }

    private async Task<Dictionary<int, string>> TitlesAsync(IEnumerable<int> entryIds, CancellationToken ct)
    {
        var ids = entryIds.Distinct().ToList();
        // The title alone: a commit can name thousands of entries, and a whole entry row is wide.
        return await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title })
            .ToDictionaryAsync(e => e.Id, e => e.Title, ct);
    }
}

/// <summary>The rules every assignment change shares.</summary>
public static class AssignmentRules
{
    /// <summary>Why nothing about this round's assignment may change, or null when it may.</summary>
    public static string? Refusal(Round round, IStringLocalizer<SharedResource> t)
    {
        if (round.Kind != RoundKind.OnlineReview)
            return t["评审分配仅适用于网络评审赛段；路演赛段请安排场次和评委组。"];
        if (round.Status is RoundStatus.Closed or RoundStatus.Published)
            return t["赛段已结束，评审分配不能再修改。"];
        return null;
    }
}
