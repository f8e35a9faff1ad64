using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>What a spectator's vote came to: accepted or why not, and the entry's count as it now stands.</summary>
public sealed record VoteOutcome(bool Accepted, string? Error, int Votes)
{
    /// <summary>Refused because this account already voted for the entry: the phone shows it as voted.</summary>
    public bool AlreadyVoted { get; init; }

    public static VoteOutcome Refused(string error, int votes = 0) => new(false, error, votes);
}

/// <summary>
/// A signed-in spectator's public jury vote (人气分) for the entry on stage. Voting is open exactly while the stage is in
/// its scoring phase for that entry (the organizer's 开始评分 … 结束评分 on the console), so the audience votes when the
/// judges score, after the pitch and the questions. One vote per account per entry, never by a judge of the session's
/// panel nor by a member of the entry's team; the unique index settles two votes racing each other.
/// </summary>
public sealed class CastPublicVote(AppDbContext db, StageBroadcaster broadcaster, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<CastPublicVote> logger)
{
    public async Task<VoteOutcome> HandleAsync(string? userId, int sessionId, int entryId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId)) return VoteOutcome.Refused(t["请先登录，再为台上项目投票。"]);
        var session = await db.RoadshowSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Id, s.RoundId, Judges = s.Panel.Select(j => j.JudgeUserId).ToList() }).SingleOrDefaultAsync(ct);
        if (session is null) return VoteOutcome.Refused(t["路演场次不存在。"]);
        var weight = await db.Rounds.Where(r => r.Id == session.RoundId).Select(r => r.PublicJuryWeightPercent).SingleAsync(ct);
        if (weight == 0) return VoteOutcome.Refused(t["本赛段没有大众评审投票。"]);
        var stage = await db.StageStates.AsNoTracking().SingleOrDefaultAsync(s => s.SessionId == sessionId, ct);
        if (stage is not { Phase: StagePhase.Scoring } || stage.EntryId != entryId)
            return VoteOutcome.Refused(t["现在不能为该项目投票：台上项目评分期间才能投票。"]);
        if (session.Judges.Contains(userId)) return VoteOutcome.Refused(t["本场评委不能参加大众评审投票。"]);
        var teamId = await db.Entries.Where(e => e.Id == entryId).Select(e => e.TeamId).SingleAsync(ct);
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct))
            return VoteOutcome.Refused(t["不能为自己团队的项目投票。"]);
        if (await db.PublicVotes.AnyAsync(v => v.RoundId == session.RoundId && v.EntryId == entryId && v.UserId == userId, ct))
            return await RepeatAsync(session.RoundId, entryId, ct);

        db.PublicVotes.Add(new PublicVote
        {
            RoundId = session.RoundId, SessionId = sessionId, EntryId = entryId, UserId = userId, CastAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.UniqueViolation)
        {
            // The same account voted a moment ago from another tap or phone: that vote stands, this one is the repeat.
            db.ChangeTracker.Clear();
            return await RepeatAsync(session.RoundId, entryId, ct);
        }
        logger.LogInformation("Public vote in session {SessionId} for entry {EntryId}", sessionId, entryId);
        broadcaster.Publish(sessionId);
        return new VoteOutcome(true, null, await CountAsync(session.RoundId, entryId, ct));
    }

    private async Task<VoteOutcome> RepeatAsync(int roundId, int entryId, CancellationToken ct) =>
        VoteOutcome.Refused(t["您已为该项目投过票：每个账号对每个项目只能投一票。"], await CountAsync(roundId, entryId, ct)) with { AlreadyVoted = true };

    private Task<int> CountAsync(int roundId, int entryId, CancellationToken ct) =>
        db.PublicVotes.CountAsync(v => v.RoundId == roundId && v.EntryId == entryId, ct);
}
