using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// Who may watch a roadshow session live (its public page, big screen and stage hub group). A published contest's
/// session is public; before publication only those who run it see it: the contest's Organizers, Admins and the judges on
/// the session's panel. Session ids are sequential, so anyone else is told the session does not exist.
/// </summary>
public sealed class StageAudience(AppDbContext db, ContestAccess access)
{
    public async Task<bool> MayWatchAsync(ClaimsPrincipal user, int sessionId, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Join(db.Rounds, s => s.RoundId, r => r.Id, (s, r) => r.ContestId)
            .Join(db.Contests, id => id, c => c.Id, (id, c) => new { ContestId = id, c.IsPublished })
            .SingleOrDefaultAsync(ct);
        if (session is null) return false;
        if (session.IsPublished) return true;
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await db.SessionJudges.AnyAsync(j => j.SessionId == sessionId && j.JudgeUserId == userId, ct))
            return true;
        return await access.CanManageAsync(user, session.ContestId, ct);
    }
}
