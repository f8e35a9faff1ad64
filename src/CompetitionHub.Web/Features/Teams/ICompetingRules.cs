namespace CompetitionHub.Web.Features.Teams;

/// <summary>
/// Who may compete where, asked by the contestants' features (forming a team, joining one, entering a contest) and
/// answered by Judging, which knows the judges and the exceptions organizers record; so Teams and Registration need not
/// know Judging. Each check returns null when allowed, or a message the person can act on.
/// </summary>
public interface ICompetingRules
{
    /// <summary>Creating a team or joining one.</summary>
    Task<string?> WhyNotCompetitorAsync(string userId, CancellationToken ct);

    /// <summary>Accepting an invitation to a team.</summary>
    Task<string?> WhyNotJoinAsync(int teamId, string userId, CancellationToken ct);

    /// <summary>The leader registers the team's entry in a contest.</summary>
    Task<string?> WhyNotEnterAsync(int contestId, int teamId, string userId, CancellationToken ct);
}
