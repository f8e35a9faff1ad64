using CompetitionHub.Web.Data;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

/// <param name="EmailMatches">Null when nobody is signed in.</param>
public sealed record JudgeInvitationPage(Guid Token, string ContestName, string InvitedBy, string Email, JudgeStatus Status,
    bool? EmailMatches);

/// <summary>
/// The invited judge's side of the pool: only the account with the invited email may accept or decline, and only while
/// the invitation is open. Accepting links the account to the pool entry and gives it the Judge role.
/// </summary>
public sealed class AnswerJudgeInvitation(AppDbContext db, AuditLog audit, CompetingRules competing, TimeProvider clock, UserManager<AppUser> users,
    IStringLocalizer<SharedResource> t, ILogger<AnswerJudgeInvitation> logger)
{
    public async Task<JudgeInvitationPage?> ShowAsync(Guid token, AppUser? user, CancellationToken ct)
    {
        var row = await db.ContestJudges.AsNoTracking().Where(j => j.Token == token)
            .Select(j => new
            {
                j.Email, j.Status,
                Contest = db.Contests.Where(c => c.Id == j.ContestId).Select(c => new { c.Name, c.NameEn }).First(),
                InvitedBy = db.Users.Where(u => u.Id == j.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        return new JudgeInvitationPage(token, Localized.Pick(row.Contest.Name, row.Contest.NameEn), row.InvitedBy ?? "",
            row.Email, row.Status, user is null ? null : Matches(row.Email, user));
    }

    /// <summary>Accepts: done with the contest's id, or the reason it cannot be.</summary>
    public async Task<SetupResult> AcceptAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var (judge, error) = await FindAnswerableAsync(token, user, ct);
        if (judge is null) return SetupResult.Fail("", error!);
        if (await competing.WhyNotJudgeAsync(judge.ContestId, judge.Email, ct) is { } refused) return SetupResult.Fail("", refused);
        judge.Status = JudgeStatus.Accepted;
        judge.UserId = user.Id;
        judge.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(judge.ContestId, nameof(ContestJudge), judge.Id, "Accepted", after: new { UserId = user.Id, judge.Email });
        await db.SaveChangesAsync(ct);
        // After the pool row is stored: UserManager saves through the same DbContext.
        if (!await users.IsInRoleAsync(user, Roles.Judge))
            await users.AddToRoleAsync(user, Roles.Judge);
        logger.LogInformation("User {UserId} joined the judge pool of contest {ContestId}", user.Id, judge.ContestId);
        return SetupResult.Done(judge.ContestId);
    }

    public async Task<SetupResult> DeclineAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var (judge, error) = await FindAnswerableAsync(token, user, ct);
        if (judge is null) return SetupResult.Fail("", error!);
        judge.Status = JudgeStatus.Declined;
        judge.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(judge.ContestId, nameof(ContestJudge), judge.Id, "Declined", after: new { UserId = user.Id, judge.Email });
        await db.SaveChangesAsync(ct);
        return SetupResult.Done(judge.ContestId);
    }

    private async Task<(ContestJudge?, string?)> FindAnswerableAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var judge = await db.ContestJudges.SingleOrDefaultAsync(j => j.Token == token, ct);
        if (judge is null) return (null, t["邀请链接无效。"]);
        if (!Matches(judge.Email, user))
            return (null, t["此邀请是发给 {0} 的，而您当前登录的账号是 {1}。请用受邀的邮箱登录后再打开链接。", judge.Email, user.Email ?? ""]);
        if (judge.Status != JudgeStatus.Invited) return (null, t["此评审邀请已答复或已撤销。"]);
        return (judge, null);
    }

    private static bool Matches(string invitedEmail, AppUser user) =>
        string.Equals(invitedEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase);
}
