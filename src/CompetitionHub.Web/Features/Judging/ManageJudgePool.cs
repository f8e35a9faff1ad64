using CompetitionHub.Web.Infrastructure;
using System.Globalization;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

public sealed record PoolRound(int Id, string Name);

public sealed record PoolConflict(string EntryTitle, ConflictType Type, ConflictSource Source);

public sealed record PoolJudge(int Id, string Email, string? Name, string? UserId, JudgeStatus Status, int? MaxLoad,
    DateTime InvitedAt, JudgeProfile? Profile, IReadOnlyDictionary<int, int> LoadByRound, IReadOnlyList<PoolConflict> Conflicts,
    int ConflictCount);

public sealed record JudgePoolPage(int ContestId, string ContestName, IReadOnlyList<PoolRound> OnlineRounds,
    Paged<PoolJudge> Judges, JudgePoolQuery Query, InviteJudgeForm Form, IReadOnlyList<PoolException> Exceptions,
    CompetitorExceptionForm ExceptionForm)
{
    /// <summary>Judges' expertise is stored as the contest's Chinese industry names; shown in the reader's language.</summary>
    public TranslatedNames IndustryNames { get; init; } = TranslatedNames.None;
}

/// <summary>Which judges of the pool the page lists: by name or email, by answer, and which page.</summary>
public sealed record JudgePoolQuery(string? Q = null, JudgeStatus? Status = null, int Page = 1);

/// <summary>
/// An organizer's judge pool (评委库) for one contest: invite by email (again to resend), remove, and the overview of
/// each judge's answer, profile, conflicts and load per online round. Callers check <see cref="ContestAccess"/> first.
/// The pool is listed a page at a time; what a row shows is read for that page's judges only.
/// </summary>
public sealed class ManageJudgePool(AppDbContext db, AuditLog audit, Outbox outbox, ConflictMap conflicts, JudgeAccess judges,
    CompetingRules competing, ManageCompetitorExceptions exceptions, IRoundLoads roundLoads, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ManageJudgePool> logger)
{
    public const string InvitationTemplate = "judge-invitation";
    public const int PageSize = 50;

    /// <summary>A judge's conflicts listed by name in the row; the rest are counted.</summary>
    public const int ConflictsShown = 5;

    public async Task<JudgePoolPage?> PageAsync(int contestId, InviteJudgeForm form, CancellationToken ct,
        CompetitorExceptionForm? exceptionForm = null, JudgePoolQuery? query = null)
    {
        query ??= new JudgePoolQuery();
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId)
            .Select(c => new
            {
                c.Name, c.NameEn, c.IndustryFields, c.IndustryFieldsEn,
                Rounds = c.Rounds.Where(r => r.Kind == RoundKind.OnlineReview).OrderBy(r => r.Sequence)
                    .Select(r => new PoolRound(r.Id, Localized.Pick(r.Name, r.NameEn))).ToList(),
            }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;
        var rounds = contest.Rounds;
        var roundIds = rounds.Select(r => r.Id).ToList();

        var poolQuery = db.ContestJudges.AsNoTracking().Where(j => j.ContestId == contestId);
        if (query.Status is { } status) poolQuery = poolQuery.Where(j => j.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            poolQuery = poolQuery.Where(j => j.Email.Contains(q) || (j.Name != null && j.Name.Contains(q))
                                             || db.Users.Any(u => u.Id == j.UserId && u.DisplayName.Contains(q)));
        }
        var pool = await poolQuery.OrderBy(j => j.Status).ThenBy(j => j.Email).ThenBy(j => j.Id).ToPageAsync(query.Page, PageSize, ct);

        var userIds = pool.Rows.Where(j => j.UserId != null).Select(j => j.UserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var profiles = await db.JudgeProfiles.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        // Kept by Assignment while the rounds' pairs are unchanged: counted here, they were most of the page's time.
        var loads = await roundLoads.ByJudgeAsync(roundIds, ct);
        var map = userIds.Count == 0 ? [] : await conflicts.ActiveForJudgesAsync(contestId, userIds, profiles.Values, ct);
        var shown = map.GroupBy(p => p.JudgeUserId).ToDictionary(g => g.Key, g => g.Take(ConflictsShown).ToList());
        var entryIds = shown.Values.SelectMany(p => p).Select(p => p.EntryId).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Title })
            .ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        var conflictCounts = map.GroupBy(p => p.JudgeUserId).ToDictionary(g => g.Key, g => g.Count());

        var rows = pool.Rows.Select(j => new PoolJudge(j.Id, j.Email,
            j.UserId is not null && names.TryGetValue(j.UserId, out var n) ? n : j.Name, j.UserId, j.Status, j.MaxLoad, j.InvitedAt,
            j.UserId is not null ? profiles.GetValueOrDefault(j.UserId) : null,
            LoadsOf(j.UserId, loads),
            (j.UserId is null ? [] : shown.GetValueOrDefault(j.UserId) ?? [])
                .Select(p => new PoolConflict(titles.GetValueOrDefault(p.EntryId, "#" + p.EntryId), p.Type, p.Source)).ToList(),
            j.UserId is null ? 0 : conflictCounts.GetValueOrDefault(j.UserId))).ToList();
        return new JudgePoolPage(contestId, Localized.Pick(contest.Name, contest.NameEn),
            rounds, new Paged<PoolJudge>(rows, pool.Total, pool.Page, pool.Size), query with { Page = pool.Page },
            form, await exceptions.ListAsync(contestId, ct), exceptionForm ?? new CompetitorExceptionForm())
        {
            IndustryNames = new TranslatedNames(contest.IndustryFields, contest.IndustryFieldsEn),
        };
    }

    /// <summary>A judge's load in each round where they have one; a judge yet to accept has none.</summary>
    private static Dictionary<int, int> LoadsOf(string? userId, IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> loads) =>
        userId is null ? []
            : loads.Where(r => r.Value.ContainsKey(userId)).ToDictionary(r => r.Key, r => r.Value[userId]);

    /// <summary>Invites, or re-sends the invitation to an email already in the pool (a declined or removed judge is invited anew).</summary>
    public Task<SetupResult> InviteAsync(int contestId, string inviterId, InviteJudgeForm form,
        Func<Guid, string> acceptLink, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId)
                .Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
            if (contest is null) return SetupResult.Fail("", t["赛事不存在。"]);
            if (await competing.WhyNotJudgeAsync(contestId, form.Email, ct) is { } refused) return SetupResult.Fail(nameof(form.Email), refused);
            var email = form.Email.Trim();
            var normalized = email.ToUpperInvariant();
            var now = clock.GetUtcNow().UtcDateTime;
            var judge = await db.ContestJudges.SingleOrDefaultAsync(j => j.ContestId == contestId && j.Email.ToUpper() == normalized, ct);
            var name = string.IsNullOrWhiteSpace(form.Name) ? null : form.Name.Trim();
            if (judge is { Status: JudgeStatus.Accepted })
            {
                judge.MaxLoad = form.MaxLoad;
                judge.Name = name ?? judge.Name;
                audit.Record(contestId, nameof(ContestJudge), judge.Id, "Updated", after: new { judge.Email, judge.MaxLoad });
                await db.SaveChangesAsync(ct);
                return SetupResult.Done(judge.Id, t["{0} 已接受邀请，已更新其评审上限。", email]);
            }
            var resend = judge is not null;
            if (judge is null)
            {
                judge = new ContestJudge { ContestId = contestId, Email = email, InvitedByUserId = inviterId };
                db.ContestJudges.Add(judge);
            }
            judge.Name = name ?? judge.Name;
            judge.MaxLoad = form.MaxLoad;
            judge.Status = JudgeStatus.Invited;
            judge.InvitedAt = now;
            judge.AnsweredAt = null;
            judge.InvitedByUserId = inviterId;

            var inviter = await db.Users.Where(u => u.Id == inviterId).Select(u => u.DisplayName).SingleAsync(ct);
            var invitee = await db.Users.Where(u => u.NormalizedEmail == normalized)
                .Select(u => new { u.DisplayName, u.PreferredCulture }).FirstOrDefaultAsync(ct);
            var culture = invitee?.PreferredCulture ?? CultureInfo.CurrentUICulture.Name;
            outbox.Queue(email, invitee?.DisplayName ?? judge.Name, InvitationTemplate, culture, new
            {
                displayName = invitee?.DisplayName ?? judge.Name ?? email,
                inviterName = inviter,
                contestName = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? contest.NameEn : contest.Name,
                link = acceptLink(judge.Token),
            });
            await db.SaveChangesAsync(ct);
            audit.Record(contestId, nameof(ContestJudge), judge.Id, resend ? "Reinvited" : "Invited", after: new { judge.Email, judge.MaxLoad });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Judge {Email} invited to contest {ContestId} (resend: {Resend})", LogMask.Email(email), contestId, resend);
            return SetupResult.Done(judge.Id, resend ? t["已重新向 {0} 发送邀请。", email] : t["已向 {0} 发送邀请。", email]);
        }, ct);

    public async Task<SetupResult> RemoveAsync(int contestId, int judgeId, string siteBase, CancellationToken ct)
    {
        // Access ends with this save (JudgeAccess reads the pool on every request); the judge is told, and the
        // assignments left behind show as flagged on the round's assignment page until they are reassigned.
        var (found, email, revoked) = await db.SaveAtomicallyAsync(async ct =>
        {
            var judge = await db.ContestJudges.SingleOrDefaultAsync(j => j.Id == judgeId && j.ContestId == contestId, ct);
            if (judge is null) return (false, "", 0);
            if (judge.Status == JudgeStatus.Removed) return (true, judge.Email, 0);
            var before = judge.Status;
            judge.Status = JudgeStatus.Removed;
            audit.Record(contestId, nameof(ContestJudge), judge.Id, "Removed", before: new { Status = before.ToString() }, after: new { judge.Email });
            await db.SaveChangesAsync(ct);
            if (judge.UserId is null) return (true, judge.Email, 0);
            var entries = await judges.RevokedEntriesAsync(contestId, judge.UserId, ct);
            await judges.QueueRevokedNoticeAsync(contestId, judge.UserId, removed: true, entries.Count, siteBase, ct);
            await db.SaveChangesAsync(ct);
            return (true, judge.Email, entries.Count);
        }, ct);
        if (!found) return SetupResult.Fail("", t["评委不在该赛事的评委库中。"]);
        logger.LogInformation("Judge {JudgeId} removed from contest {ContestId}; {Revoked} entries to reassign", judgeId, contestId, revoked);
        return SetupResult.Done(judgeId, revoked == 0 ? t["{0} 已移出评委库。", email] : t["{0} 已移出评委库，其 {1} 个评审任务需重新分配。", email, revoked]);
    }
}
