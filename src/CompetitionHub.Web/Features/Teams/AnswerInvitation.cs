using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Teams;

/// <summary>
/// The invited person's side: only the account whose email the invitation was sent to may accept or decline it,
/// and only while it is pending and not expired. Accepting makes them a member and a Contestant.
/// </summary>
public sealed class AnswerInvitation(AppDbContext db, AuditLog audit, ICompetingRules competing, TimeProvider clock,
    UserManager<AppUser> users, IStringLocalizer<SharedResource> t, ILogger<AnswerInvitation> logger)
{
    public async Task<InvitationPage?> ShowAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var row = await db.TeamInvitations.AsNoTracking().Where(i => i.Token == token)
            .Select(i => new
            {
                i.Token, Team = i.Team.Name, i.TeamId, i.Email, i.Status, i.ExpiresAt,
                InvitedBy = db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var member = await db.TeamMembers.AnyAsync(m => m.TeamId == row.TeamId && m.UserId == user.Id, ct);
        return new InvitationPage(row.Token, row.Team, row.InvitedBy ?? "", row.Email, row.Status,
            row.ExpiresAt <= clock.GetUtcNow().UtcDateTime, Matches(row.Email, user), member);
    }

    /// <summary>Accepts: done with the team's id, or the reason it cannot be.</summary>
    public async Task<SetupResult> AcceptAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var (invitation, error) = await FindAnswerableAsync(token, user, ct);
        if (invitation is null) return SetupResult.Fail("", error!);
        if (await competing.WhyNotJoinAsync(invitation.TeamId, user.Id, ct) is { } refused) return SetupResult.Fail("", refused);
        var team = await db.Teams.Include(x => x.Members).SingleAsync(x => x.Id == invitation.TeamId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        invitation.Status = InvitationStatus.Accepted;
        invitation.AnsweredAt = now;
        invitation.AcceptedByUserId = user.Id;
        if (team.Members.All(m => m.UserId != user.Id))
            team.Members.Add(new TeamMember { UserId = user.Id, JoinedAt = now });
        // Membership changed: the team's version moves, so a leader acting on the old member list is told to refresh.
        db.Entry(team).Property(x => x.Version).IsModified = true;
        audit.Record(null, nameof(Team), team.Id, "InvitationAccepted", after: new { UserId = user.Id, invitation.Email });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail("", t["团队信息刚被修改，请刷新页面后重试。"]);
        }
        // After the membership is stored: UserManager saves through the same DbContext.
        if (!await users.IsInRoleAsync(user, Roles.Contestant))
            await users.AddToRoleAsync(user, Roles.Contestant);
        logger.LogInformation("User {UserId} joined team {TeamId}", user.Id, team.Id);
        return SetupResult.Done(team.Id);
    }

    public async Task<SetupResult> DeclineAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var (invitation, error) = await FindAnswerableAsync(token, user, ct);
        if (invitation is null) return SetupResult.Fail("", error!);
        invitation.Status = InvitationStatus.Declined;
        invitation.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(null, nameof(Team), invitation.TeamId, "InvitationDeclined", after: new { UserId = user.Id, invitation.Email });
        await db.SaveChangesAsync(ct);
        return SetupResult.Done(invitation.TeamId);
    }

    private async Task<(TeamInvitation?, string?)> FindAnswerableAsync(Guid token, AppUser user, CancellationToken ct)
    {
        var invitation = await db.TeamInvitations.SingleOrDefaultAsync(i => i.Token == token, ct);
        if (invitation is null) return (null, t["邀请链接无效。"]);
        if (!Matches(invitation.Email, user))
            return (null, t["此邀请是发给 {0} 的，而您当前登录的账号是 {1}。请用受邀的邮箱登录后再打开链接。", invitation.Email, user.Email ?? ""]);
        if (invitation.Status != InvitationStatus.Pending) return (null, t["此邀请已被答复或已撤销。"]);
        if (invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return (null, t["此邀请已过期，请联系队长重新邀请。"]);
        return (invitation, null);
    }

    private static bool Matches(string invitedEmail, AppUser user) =>
        string.Equals(invitedEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase);
}
