using System.Globalization;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Teams;

/// <summary>
/// The changes a team's own people make to it: create, invite, revoke, remove, hand over, leave.
/// Each method returns a <see cref="SetupResult"/>: done, or a message the person can act on; every change is audited in the same
/// transaction, and changes carry the team's <see cref="Team.Version"/> so two people acting at once do not overwrite each other.
/// </summary>
public sealed class ManageTeam(AppDbContext db, AuditLog audit, Outbox outbox, ICompetingRules competing, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ManageTeam> logger)
{
    public const string InvitationTemplate = "team-invitation";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    /// <summary>Creates the team with the person as its leader; refused for an account that holds only staff roles.</summary>
    public async Task<SetupResult> CreateAsync(string userId, CreateTeamForm form, CancellationToken ct)
    {
        if (await competing.WhyNotCompetitorAsync(userId, ct) is { } refused) return SetupResult.Fail("", refused);
        return SetupResult.Done(await db.SaveAtomicallyAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var team = new Team { Name = form.Name.Trim(), CreatedAt = now };
            team.Members.Add(new TeamMember { UserId = userId, IsLeader = true, JoinedAt = now });
            db.Teams.Add(team);
            await db.SaveChangesAsync(ct);
            // The id exists only after the insert; the record follows in a second save of the same unit.
            audit.Record(null, nameof(Team), team.Id, "Created", after: new { team.Name, Leader = userId });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} created team {TeamId}", userId, team.Id);
            return team.Id;
        }, ct));
    }

    public async Task<SetupResult> InviteAsync(int teamId, string userId, InviteForm form, Func<Guid, string> acceptLink, CancellationToken ct)
    {
        var team = await MineAsync(teamId, userId, ct);
        if (team is null) return NotYours();
        if (Leader(team)?.UserId != userId) return SetupResult.Fail("", t["只有队长可以邀请成员。"]);
        var email = form.Email.Trim();
        var normalized = email.ToUpperInvariant();
        var memberIds = team.Members.Select(m => m.UserId).ToList();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && memberIds.Contains(u.Id), ct))
            return SetupResult.Fail(nameof(InviteForm.Email), t["{0} 已经是团队成员。", email]);
        var now = clock.GetUtcNow().UtcDateTime;
        if (team.Invitations.Any(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > now && i.Email.ToUpperInvariant() == normalized))
            return SetupResult.Fail(nameof(InviteForm.Email), t["已向 {0} 发出邀请，尚未答复。如需重新发送，请先撤销原邀请。", email]);

        var invitation = new TeamInvitation
        {
            Email = email, InvitedByUserId = userId, Status = InvitationStatus.Pending,
            CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        };
        team.Invitations.Add(invitation);
        var inviter = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        var invitee = await db.Users.Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.DisplayName, u.PreferredCulture }).FirstOrDefaultAsync(ct);
        outbox.Queue(email, invitee?.DisplayName, InvitationTemplate, invitee?.PreferredCulture ?? CultureInfo.CurrentUICulture.Name,
            new
            {
                displayName = invitee?.DisplayName ?? email,
                inviterName = inviter,
                teamName = team.Name,
                link = acceptLink(invitation.Token),
                expiresAt = ChinaTime.Format(invitation.ExpiresAt),
            });
        audit.Record(null, nameof(Team), team.Id, "Invited", after: new { Email = email });
        return await SaveAsync(team, form.Version, ct);
    }

    public async Task<SetupResult> RevokeAsync(int teamId, string userId, int invitationId, Guid version, CancellationToken ct)
    {
        var team = await MineAsync(teamId, userId, ct);
        if (team is null) return NotYours();
        if (Leader(team)?.UserId != userId) return SetupResult.Fail("", t["只有队长可以撤销邀请。"]);
        var invitation = team.Invitations.SingleOrDefault(i => i.Id == invitationId && i.Status == InvitationStatus.Pending);
        if (invitation is null) return SetupResult.Fail("", t["该邀请已被答复或撤销。"]);
        invitation.Status = InvitationStatus.Revoked;
        invitation.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(null, nameof(Team), team.Id, "InvitationRevoked", before: new { invitation.Email });
        return await SaveAsync(team, version, ct);
    }

    public async Task<SetupResult> RemoveMemberAsync(int teamId, string userId, string memberId, Guid version, CancellationToken ct)
    {
        var team = await MineAsync(teamId, userId, ct);
        if (team is null) return NotYours();
        if (Leader(team)?.UserId != userId) return SetupResult.Fail("", t["只有队长可以移除成员。"]);
        if (memberId == userId) return SetupResult.Fail("", t["队长不能移除自己；请先移交队长。"]);
        var member = team.Members.SingleOrDefault(m => m.UserId == memberId);
        if (member is null) return SetupResult.Fail("", t["该成员已不在团队中。"]);
        team.Members.Remove(member);
        audit.Record(null, nameof(Team), team.Id, "MemberRemoved", before: new { UserId = memberId });
        return await SaveAsync(team, version, ct);
    }

    public async Task<SetupResult> HandOverAsync(int teamId, string userId, string newLeaderId, Guid version, CancellationToken ct)
    {
        var team = await MineAsync(teamId, userId, ct);
        if (team is null) return NotYours();
        var leader = Leader(team);
        if (leader?.UserId != userId) return SetupResult.Fail("", t["只有队长可以移交队长。"]);
        var next = team.Members.SingleOrDefault(m => m.UserId == newLeaderId && !m.IsLeader);
        if (next is null) return SetupResult.Fail("", t["请选择一位团队成员作为新队长。"]);
        leader.IsLeader = false;
        next.IsLeader = true;
        audit.Record(null, nameof(Team), team.Id, "LeaderChanged", before: new { Leader = userId }, after: new { Leader = newLeaderId });
        return await SaveAsync(team, version, ct);
    }

    public async Task<SetupResult> LeaveAsync(int teamId, string userId, Guid version, CancellationToken ct)
    {
        var team = await MineAsync(teamId, userId, ct);
        if (team is null) return NotYours();
        var me = team.Members.Single(m => m.UserId == userId);
        // A team without a leader could neither submit nor invite: the leader hands over first.
        if (me.IsLeader) return SetupResult.Fail("", t["队长需先把队长移交给其他成员，才能退出团队。"]);
        team.Members.Remove(me);
        audit.Record(null, nameof(Team), team.Id, "MemberLeft", before: new { UserId = userId });
        return await SaveAsync(team, version, ct);
    }

    /// <summary>The team, when the person is on it: a team they are not on is not there for them, as its page is not (404).</summary>
    private async Task<Team?> MineAsync(int teamId, string userId, CancellationToken ct)
    {
        var team = await db.Teams.Include(x => x.Members).Include(x => x.Invitations).SingleOrDefaultAsync(x => x.Id == teamId, ct);
        return team?.Members.Any(m => m.UserId == userId) == true ? team : null;
    }

    private SetupResult NotYours() => SetupResult.Missing(t["您不是该团队的成员。"]);

    private static TeamMember? Leader(Team team) => team.Members.SingleOrDefault(m => m.IsLeader);

    /// <summary>Saves against the version the person saw; the team row's version changes with every membership change.</summary>
    private async Task<SetupResult> SaveAsync(Team team, Guid seenVersion, CancellationToken ct)
    {
        var entry = db.Entry(team);
        entry.Property(x => x.Version).OriginalValue = seenVersion;
        entry.Property(x => x.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return SetupResult.Done(team.Id);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            logger.LogInformation("Stale change to team {TeamId} refused", team.Id);
            return SetupResult.Stale(t["团队信息已被其他成员修改，请刷新页面后重试。"]);
        }
    }
}
