using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

public sealed record PoolException(int Id, string Email, string Name, string Reason, string RecordedBy, DateTime RecordedAt);

/// <summary>
/// An organizer records, on the judge pool page, that one person may be both a judge and a competitor in the contest
/// (see <see cref="CompetingRules"/>), or revokes that. Both are audited with the change. Callers check
/// <see cref="ContestAccess"/> first.
/// </summary>
public sealed class ManageCompetitorExceptions(AppDbContext db, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ManageCompetitorExceptions> logger)
{
    public async Task<IReadOnlyList<PoolException>> ListAsync(int contestId, CancellationToken ct) =>
        await db.JudgeCompetitorExceptions.AsNoTracking().Where(x => x.ContestId == contestId).OrderBy(x => x.Id)
            .Select(x => new PoolException(x.Id,
                db.Users.Where(u => u.Id == x.UserId).Select(u => u.Email).FirstOrDefault() ?? "",
                db.Users.Where(u => u.Id == x.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                x.Reason,
                db.Users.Where(u => u.Id == x.RecordedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                x.RecordedAt))
            .ToListAsync(ct);

    public async Task<SetupResult> RecordAsync(int contestId, string organizerId, CompetitorExceptionForm form, CancellationToken ct)
    {
        var email = form.Email.Trim();
        var reason = form.Reason.Trim();
        if (reason.Length == 0) return SetupResult.Fail(nameof(form.Reason), t["请说明允许其既当评委又参赛的理由。"]);
        var normalized = email.ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null) return SetupResult.Fail(nameof(form.Email), t["没有使用邮箱 {0} 的账号；请对方先注册。", email]);
        var taken = t["已为 {0} 登记过例外；如需修改理由，请先撤销。", email];
        if (await db.JudgeCompetitorExceptions.AnyAsync(x => x.ContestId == contestId && x.UserId == userId, ct))
            return SetupResult.Fail(nameof(form.Email), taken);
        try
        {
            var id = await db.SaveAtomicallyAsync(async ct =>
            {
                var exception = new JudgeCompetitorException
                {
                    ContestId = contestId, UserId = userId, Reason = reason, RecordedByUserId = organizerId,
                    RecordedAt = clock.GetUtcNow().UtcDateTime,
                };
                db.JudgeCompetitorExceptions.Add(exception);
                await db.SaveChangesAsync(ct);
                // The id exists only after the insert; the record follows in a second save of the same unit.
                audit.Record(exception.ContestId, nameof(JudgeCompetitorException), exception.Id, "Recorded",
                    after: new { exception.ContestId, exception.UserId, Email = email }, reason: reason);
                await db.SaveChangesAsync(ct);
                return exception.Id;
            }, ct);
            logger.LogInformation("Organizer {OrganizerId} let user {UserId} judge and compete in contest {ContestId}", organizerId, userId, contestId);
            return SetupResult.Done(id, t["已登记 {0} 的例外：可在本赛事既当评委又参赛。", email]);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Two organizers recording the same person at once: the unique index (contest, user) has the last word.
            return SetupResult.Fail(nameof(form.Email), taken);
        }
    }

    public async Task<SetupResult> RevokeAsync(int contestId, int exceptionId, CancellationToken ct)
    {
        var exception = await db.JudgeCompetitorExceptions.SingleOrDefaultAsync(x => x.Id == exceptionId && x.ContestId == contestId, ct);
        if (exception is null) return SetupResult.Fail("", t["该例外不存在或已撤销。"]);
        var email = await db.Users.Where(u => u.Id == exception.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "";
        db.JudgeCompetitorExceptions.Remove(exception);
        audit.Record(exception.ContestId, nameof(JudgeCompetitorException), exception.Id, "Revoked",
            before: new { exception.ContestId, exception.UserId, Email = email, exception.Reason, exception.RecordedByUserId, exception.RecordedAt });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            // Revoked by someone else in between: the outcome the organizer asked for already holds.
            return SetupResult.Fail("", t["该例外不存在或已撤销。"]);
        }
        logger.LogInformation("Exception {ExceptionId} in contest {ContestId} revoked", exceptionId, contestId);
        return SetupResult.Done(exceptionId, t["已撤销 {0} 的例外。", email]);
    }
}
