using System.Net;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Teams;

public sealed class TeamsTests(TeamsTests.Host host) : IClassFixture<TeamsTests.Host>
{
    public sealed class Host : RegistrationHost;

    [Fact]
    public async Task Create_MakesTheCreatorLeaderAndContestant_WhenSignedIn()
    {
        var (client, email, userId) = await host.SignedInAsync();

        var teamId = await client.CreateTeamAsync("长白山创客");

        var members = await host.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == teamId).ToListAsync());
        var member = Assert.Single(members);
        Assert.Equal(userId, member.UserId);
        Assert.True(member.IsLeader);
        Assert.Contains(Roles.Contestant, await host.RolesOfAsync(email));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Team) && a.EntityId == teamId.ToString() && a.Action == "Created")));
        var page = await (await client.GetAsync("/teams")).TextAsync();
        Assert.Contains("长白山创客", page);
    }

    [Fact]
    public async Task Show_IsNotFound_ForSomeoneOutsideTheTeam()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var (stranger, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/teams/{teamId}")).StatusCode);
    }

    [Fact]
    public async Task Invite_ShowsTheRefusal_WhenTheHiddenVersionIsHuge()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync("伊通河科技");

        var form = await leader.FillFormAsync($"/teams/{teamId}/invitations", [new("Email", TestUsers.NewEmail("invitee"))], formPage: $"/teams/{teamId}");
        var response = await form.Replacing("Version", new string('长', 34_000)).SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
        Assert.False(await host.WithDbAsync(db => db.TeamInvitations.AnyAsync(i => i.TeamId == teamId)));
    }

    [Fact]
    public async Task Invite_QueuesAnEmailWithTheAcceptLink_AndAcceptingAddsTheMember()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync("净月科技");
        var inviteeEmail = TestUsers.NewEmail("invitee");
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        var invited = await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", inviteeEmail), new("Version", version.ToString())], $"/teams/{teamId}");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = Assert.Single(await host.NotificationsToAsync(inviteeEmail, ManageTeam.InvitationTemplate));
        Assert.Equal("净月科技", System.Text.Json.JsonDocument.Parse(mail.PayloadJson).RootElement.GetProperty("teamName").GetString());
        var link = TestUsers.LinkIn(mail);
        Assert.Matches("^/invitations/[0-9a-f-]{36}$", link);
        var invitation = await host.WithDbAsync(db => db.TeamInvitations.SingleAsync(i => i.TeamId == teamId));
        Assert.Equal(host.Now.AddDays(14), invitation.ExpiresAt, TimeSpan.FromSeconds(1));

        // Not signed in: the link leads to the login page, which brings the person back.
        var anonymous = await host.CreateFormClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        Assert.Contains(Uri.EscapeDataString(link), anonymous.Headers.Location!.OriginalString);

        var invitee = await host.CreateUserAsync(inviteeEmail, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(inviteeEmail, TestUsers.DemoPassword);
        Assert.Contains("accept-invitation", await (await client.GetAsync(link)).TextAsync());
        var accepted = await client.PostFormAsync(link + "/accept", [], link);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/teams/{teamId}", accepted.Headers.Location!.OriginalString);
        Assert.True(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == invitee.Id && !m.IsLeader)));
        Assert.Contains(Roles.Contestant, await host.RolesOfAsync(inviteeEmail));
        Assert.Equal(InvitationStatus.Accepted, (await host.WithDbAsync(db => db.TeamInvitations.AsNoTracking().SingleAsync(i => i.TeamId == teamId))).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/teams/{teamId}")).StatusCode);
    }

    [Fact]
    public async Task Accept_IsRefused_WhenSignedInAsSomeoneElse()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var inviteeEmail = TestUsers.NewEmail("invitee");
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", inviteeEmail), new("Version", version.ToString())], $"/teams/{teamId}");
        var link = TestUsers.LinkIn(Assert.Single(await host.NotificationsToAsync(inviteeEmail, ManageTeam.InvitationTemplate)));
        var (other, _, otherId) = await host.SignedInAsync();

        var page = await (await other.GetAsync(link)).TextAsync();
        var accepted = await other.PostTamperedAsync(link + "/accept", [], link);

        Assert.Contains("invitation-wrong-user", page);
        Assert.DoesNotContain("accept-invitation", page);
        Assert.Contains($"此邀请是发给 {inviteeEmail} 的", await other.RefusalAsync(accepted));
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == otherId)));
        Assert.Equal(InvitationStatus.Pending, (await host.WithDbAsync(db => db.TeamInvitations.AsNoTracking().SingleAsync(i => i.TeamId == teamId))).Status);
    }

    [Fact]
    public async Task Revoke_EndsTheInvitation_SoItCanNoLongerBeAccepted()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (invitee, inviteeEmail, _) = await host.SignedInAsync();
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", inviteeEmail), new("Version", version.ToString())], $"/teams/{teamId}");
        var invitation = await host.WithDbAsync(db => db.TeamInvitations.AsNoTracking().SingleAsync(i => i.TeamId == teamId));
        version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        // The invitee opened the invitation before it was revoked and clicks accept after.
        var link = $"/invitations/{invitation.Token}";
        var accept = await invitee.FillFormAsync(link + "/accept", [], formPage: link);
        var revoked = await leader.PostFormAsync($"/teams/{teamId}/invitations/{invitation.Id}/revoke", [new("version", version.ToString())], $"/teams/{teamId}");
        var accepted = await accept.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(InvitationStatus.Revoked, (await host.WithDbAsync(db => db.TeamInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id))).Status);
        Assert.Contains("此邀请已被答复或已撤销。", await invitee.RefusalAsync(accepted));
        Assert.Single(await host.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == teamId).ToListAsync()));
    }

    [Fact]
    public async Task RemoveMember_TakesTheMemberOff_WhenTheLeaderAsks()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, memberId) = await host.SignedInAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        var removed = await leader.PostFormAsync($"/teams/{teamId}/members/remove", [new("memberId", memberId), new("version", version.ToString())], $"/teams/{teamId}");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == memberId)));
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == teamId.ToString() && a.Action == "MemberRemoved")));
    }

    [Fact]
    public async Task RemoveMember_IsRefused_WhenAMemberWhoIsNotLeaderAsks()
    {
        var (leader, _, leaderId) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, _) = await host.SignedInAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        var removed = await member.PostTamperedAsync($"/teams/{teamId}/members/remove", [new("memberId", leaderId), new("version", version.ToString())], $"/teams/{teamId}");

        Assert.Contains("只有队长可以移除成员。", await member.RefusalAsync(removed));
        Assert.Equal(2, await host.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == teamId)));
    }

    [Fact]
    public async Task HandOver_MakesTheMemberLeader_AndLetsTheFormerLeaderLeave()
    {
        var (leader, _, leaderId) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, memberId) = await host.SignedInAsync();
        await host.AddMemberAsync(leader, teamId, memberEmail, member);
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());

        var leaveFirst = await leader.PostTamperedAsync($"/teams/{teamId}/leave", [new("version", version.ToString())], $"/teams/{teamId}");
        Assert.Contains("队长需先把队长移交给其他成员", await leader.RefusalAsync(leaveFirst));

        var handedOver = await leader.PostFormAsync($"/teams/{teamId}/leader", [new("newLeaderId", memberId), new("version", version.ToString())], $"/teams/{teamId}");
        Assert.Equal(HttpStatusCode.Redirect, handedOver.StatusCode);
        var members = await host.WithDbAsync(db => db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId).ToListAsync());
        Assert.True(members.Single(m => m.UserId == memberId).IsLeader);
        Assert.False(members.Single(m => m.UserId == leaderId).IsLeader);

        version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        var left = await leader.PostFormAsync($"/teams/{teamId}/leave", [new("version", version.ToString())], $"/teams/{teamId}");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == leaderId)));
    }

    [Fact]
    public async Task HandOver_IsRefused_WhenTheTeamChangedSinceThePageWasShown()
    {
        var (leader, _, _) = await host.SignedInAsync();
        var teamId = await leader.CreateTeamAsync();
        var (member, memberEmail, memberId) = await host.SignedInAsync();
        var stale = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        await host.AddMemberAsync(leader, teamId, memberEmail, member);

        var handedOver = await leader.PostTamperedAsync($"/teams/{teamId}/leader", [new("newLeaderId", memberId), new("version", stale.ToString())], $"/teams/{teamId}");

        Assert.Contains("团队信息已被其他成员修改", await leader.RefusalAsync(handedOver));
        Assert.False(await host.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == memberId && m.IsLeader)));
    }
}
