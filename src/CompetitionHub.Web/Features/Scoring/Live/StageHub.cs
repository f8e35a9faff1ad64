using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>A score sheet sent from a judge's tablet; <see cref="SubmissionId"/> is made by the tablet so a resend counts once.</summary>
public sealed record StageScore(Guid SubmissionId, int SessionId, int EntryId, Dictionary<int, decimal>? Points, string? Comment);

/// <summary>What <see cref="StageHub.JoinStage"/> answers: the current stage, or why there is none.</summary>
public sealed record StageJoin(LiveStage? Stage, string? Error);

/// <summary>
/// The roadshow stage hub, open to anonymous connections because the big screen and the public page need no account.
/// Joining a published contest's stage is public (an unpublished one's only for those who run it, see
/// <see cref="StageAudience"/>); submitting a score checks the signed-in judge in <see cref="RecordScore"/>, a public jury
/// vote the signed-in spectator in <see cref="CastPublicVote"/>.
/// </summary>
[Public("the big screen and the public live page connect without an account; each method states its own rule")]
public sealed class StageHub(StageSnapshots snapshots, StageAudience audience, StageScoreQueue scores, CastPublicVote votes,
    IStringLocalizer<SharedResource> t) : Hub
{
    public const string Path = "/hubs/stage";

    /// <summary>A session's whole <see cref="LiveStage"/>, sent to <see cref="Group"/> on every change.</summary>
    public const string StageChanged = "stageChanged";

    /// <summary>Everyone watching a session: organizers' consoles, judges' tablets, the big screen, the public page.</summary>
    public static string Group(int sessionId) => $"stage:{sessionId}";

    /// <summary>Joins the session's group and returns its current state, so a (re)connecting client starts from now.</summary>
    [Public("watching a session needs no account; StageAudience answers an unpublished contest's session as not found")]
    public async Task<StageJoin> JoinStage(int sessionId)
    {
        // The same answer as for a session that does not exist: ids are sequential, an unpublished contest stays unseen.
        if (Context.User is not { } user || !await audience.MayWatchAsync(user, sessionId, Context.ConnectionAborted))
            return new StageJoin(null, t["路演场次不存在。"]);
        // Joined before the snapshot is read: a change in between arrives as a broadcast with a higher version.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sessionId));
        LiveStage? stage;
        try
        {
            stage = await snapshots.BuildAsync(sessionId, Context.ConnectionAborted);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The page was left while the snapshot was being read: nobody waits for the answer, and nothing went wrong.
            return new StageJoin(null, null);
        }
        if (stage is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(sessionId));
            return new StageJoin(null, t["路演场次不存在。"]);
        }
        return new StageJoin(stage, null);
    }

    /// <summary>
    /// Stores a judge's final sheet and answers only once it is stored (or refused); the acknowledgement is what lets the
    /// tablet drop its local copy. The audience is told afterwards, without waiting (see <see cref="StageScoreQueue"/>).
    /// </summary>
    [Public("reached without an account only to be told, in the page's language, to sign in; RecordScore checks the judge and the panel")]
    public async Task<ScoreOutcome> SubmitScore(StageScore score)
    {
        // Anonymous connections only watch: scoring takes a signed-in judge, as the judge's score page does.
        if (Context.UserIdentifier is not { Length: > 0 } judgeUserId || Context.User?.IsInRole(Roles.Judge) != true)
            return ScoreOutcome.Refused(t["请先登录评委账号。"]);
        if (score is null || score.SubmissionId == Guid.Empty || score.Points is null || score.Points.Count == 0)
            return ScoreOutcome.Refused(t["评分内容不完整，请检查后重新提交。"]);

        return await scores.SubmitAsync(judgeUserId, Context.User?.Identity?.Name, score);
    }

    /// <summary>A signed-in spectator's public jury vote for the entry on stage; the count reaches every screen by broadcast.</summary>
    [Public("reached without an account only to be told, in the page's language, to sign in; CastPublicVote checks the spectator")]
    public Task<VoteOutcome> CastVote(int sessionId, int entryId) =>
        votes.HandleAsync(Context.UserIdentifier, sessionId, entryId, Context.ConnectionAborted);
}
