using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Teams;

public sealed record CreateTeamForm
{
    [Display(Name = "团队名称")]
    [Required(ErrorMessage = "请填写团队名称。")]
    [StringLength(100, ErrorMessage = "团队名称不能超过 {1} 个字符。")]
    [RegularExpression("^[^<>]*$", ErrorMessage = "团队名称不能包含尖括号。")]
    public string Name { get; init; } = "";
}

public sealed record InviteForm
{
    [Display(Name = "被邀请人邮箱")]
    [Required(ErrorMessage = "请填写邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string Email { get; init; } = "";

    /// <summary>The team's version when the page was shown: a change made meanwhile by someone else is not overwritten.</summary>
    public Guid Version { get; init; }
}

public sealed record TeamMemberView(string UserId, string DisplayName, string Email, bool IsLeader, DateTime JoinedAt);

public sealed record TeamInvitationView(int Id, string Email, DateTime CreatedAt, DateTime ExpiresAt, bool Expired);

public sealed record TeamPage(int Id, string Name, Guid Version, bool IAmLeader, string MyUserId,
    IReadOnlyList<TeamMemberView> Members, IReadOnlyList<TeamInvitationView> Invitations, InviteForm Invite);

public sealed record MyTeam(int Id, string Name, bool IAmLeader, int Members);

public sealed record InvitationPage(Guid Token, string TeamName, string InvitedBy, string Email, InvitationStatus Status,
    bool Expired, bool EmailMatches, bool AlreadyMember);
