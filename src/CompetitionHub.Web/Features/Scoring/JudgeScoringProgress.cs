using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>Judges' progress as the dashboard and the review reminders see it: sheets, and sessions on stage now.</summary>
public sealed class JudgeScoringProgress(AppDbContext db) : IJudgeProgress
{
    public async Task<IReadOnlyDictionary<(int RoundId, int EntryId), SheetProgress>> SheetsAsync(string judgeUserId, CancellationToken ct) =>
        (await db.ScoreSheets.AsNoTracking().Where(x => x.JudgeUserId == judgeUserId)
            .Select(x => new { x.RoundId, x.EntryId, x.Status }).ToListAsync(ct))
        .ToDictionary(x => (x.RoundId, x.EntryId), x => x.Status == SheetStatus.Submitted ? SheetProgress.Submitted : SheetProgress.Draft);

    public async Task<IReadOnlySet<(string JudgeUserId, int EntryId)>> SubmittedAsync(int roundId, string? judgeUserId, CancellationToken ct) =>
        (await db.ScoreSheets.AsNoTracking()
            .Where(s => s.RoundId == roundId && s.Status == SheetStatus.Submitted && (judgeUserId == null || s.JudgeUserId == judgeUserId))
            .Select(s => new { s.JudgeUserId, s.EntryId }).ToListAsync(ct))
        .Select(s => (s.JudgeUserId, s.EntryId)).ToHashSet();

    public async Task<IReadOnlyCollection<int>> RunningSessionsAsync(IReadOnlyCollection<int> sessionIds, CancellationToken ct) =>
        await db.StageStates.AsNoTracking()
            .Where(s => sessionIds.Contains(s.SessionId) && s.Phase != StagePhase.Idle && s.Phase != StagePhase.Finished)
            .Select(s => s.SessionId).ToListAsync(ct);
}
