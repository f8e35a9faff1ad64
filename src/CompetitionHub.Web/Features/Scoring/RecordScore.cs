using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>What a judge sends: points per criterion (as typed, e.g. 27.5), a comment, and whether this is the final submit.</summary>
public sealed record ScoreInput(Guid SubmissionId, int RoundId, int EntryId, IReadOnlyDictionary<int, decimal> Points, string? Comment, bool Submit);

/// <summary>
/// The server's answer. <see cref="Accepted"/> is true only once the sheet is stored; <see cref="AlreadyRecorded"/> says a
/// resend of a submission the server already has (nothing changed, nothing counted twice).
/// </summary>
public sealed record ScoreOutcome(bool Accepted, bool AlreadyRecorded, string? Error, int? SheetId, SheetStatus? Status, int TotalHundredths)
{
    public static ScoreOutcome Refused(string error) => new(false, false, error, null, null, 0);
}

/// <summary>
/// The one way a score is stored, for the online review pages and the roadshow hub alike: checks who may score what
/// and when, checks every criterion against the rubric (range and step), and stores the sheet once per submission id.
/// </summary>
public sealed class RecordScore(AppDbContext db, ConflictMap conflicts, AuditLog audit, ReviewReminders reminders, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<RecordScore> logger)
{
    public async Task<ScoreOutcome> HandleAsync(string judgeUserId, ScoreInput input, CancellationToken ct)
    {
        var resent = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.SubmissionId == input.SubmissionId, ct);
        if (resent is not null)
        {
            return resent.JudgeUserId == judgeUserId && resent.EntryId == input.EntryId && resent.RoundId == input.RoundId
                ? new ScoreOutcome(true, true, null, resent.Id, resent.Status, resent.TotalHundredths)
                : ScoreOutcome.Refused(t["评分提交编号无效，请刷新页面后重试。"]);
        }

        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == input.RoundId, ct);
        var entry = round is null ? null : await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == input.EntryId && e.ContestId == round.ContestId, ct);
        if (round is null || entry is null) return ScoreOutcome.Refused(t["评分的赛段或项目不存在。"]);

        if (await WhyNotAllowedAsync(judgeUserId, round, entry.Id, ct) is { } refusal) return ScoreOutcome.Refused(refusal);
        if (Validate(round.Criteria, input.Points) is { } invalid) return ScoreOutcome.Refused(invalid);

        var existing = await db.ScoreSheets.SingleOrDefaultAsync(s => s.RoundId == round.Id && s.EntryId == entry.Id && s.JudgeUserId == judgeUserId, ct);
        if (existing?.Status == SheetStatus.Submitted)
            return ScoreOutcome.Refused(t["该项目的评分已提交，不能再修改；如需更正，请提交更正申请。"]);

        var now = clock.GetUtcNow().UtcDateTime;
        var lines = round.Criteria.OrderBy(c => c.Sequence)
            .Select(c => new ScoreLine { CriterionId = c.Id, PointsHundredths = (int)(input.Points[c.Id] * 100) }).ToList();
        var sheet = existing ?? new ScoreSheet { RoundId = round.Id, EntryId = entry.Id, JudgeUserId = judgeUserId, CreatedAt = now };
        sheet.SubmissionId = input.SubmissionId;
        sheet.Lines = lines;
        sheet.TotalHundredths = sheet.EffectiveTotalHundredths = lines.Sum(l => l.PointsHundredths);
        sheet.Comment = (input.Comment ?? "").Trim();
        sheet.UpdatedAt = now;
        if (input.Submit)
        {
            sheet.Status = SheetStatus.Submitted;
            sheet.SubmittedAt = now;
            audit.Record(nameof(ScoreSheet), $"{round.Id}/{entry.Id}", "submitted", after: new { judgeUserId, total = sheet.TotalHundredths / 100m, lines = lines.Select(l => l.PointsHundredths / 100m) });
        }
        if (existing is null) db.ScoreSheets.Add(sheet);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same submission arrived twice at once (a reconnect racing the original): the first one won.
            db.ChangeTracker.Clear();
            var stored = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.SubmissionId == input.SubmissionId, ct);
            if (stored is null) throw;
            return new ScoreOutcome(true, true, null, stored.Id, stored.Status, stored.TotalHundredths);
        }
        if (input.Submit && round.Kind == RoundKind.OnlineReview)
        {
            // Everything assigned is in: the deadline reminder would only be noise.
            await reminders.WithdrawIfDoneAsync(round.Id, judgeUserId, ct);
            await db.SaveChangesAsync(ct);
        }
        logger.LogInformation("Judge {JudgeId} {Action} entry {EntryId} in round {RoundId}: {Total}",
            judgeUserId, input.Submit ? "scored" : "saved a draft for", entry.Id, round.Id, sheet.TotalHundredths);
        return new ScoreOutcome(true, false, null, sheet.Id, sheet.Status, sheet.TotalHundredths);
    }

    /// <summary>
    /// Online review: an assigned judge, while the round is open or scoring and before its deadline. Roadshow: a panel
    /// judge of the session the entry is in, not recused, while the entry is on stage with scoring open.
    /// </summary>
    private async Task<string?> WhyNotAllowedAsync(string judgeUserId, Round round, int entryId, CancellationToken ct)
    {
        if (await conflicts.ActivePairsAsync(round.ContestId, ct) is var pairs && pairs.Contains((judgeUserId, entryId)))
            return t["您与该项目存在利益冲突，已回避，不能评分。"];

        if (round.Kind == RoundKind.OnlineReview)
        {
            if (!await db.ReviewAssignments.AnyAsync(a => a.RoundId == round.Id && a.EntryId == entryId && a.JudgeUserId == judgeUserId, ct))
                return t["该项目未分配给您评审。"];
            if (round.Status is not (RoundStatus.Open or RoundStatus.Scoring))
                return t["该赛段当前不接受评分。"];
            if (round.EndsAt is { } ends && clock.GetUtcNow().UtcDateTime > ends)
                return t["网络评审已截止，不能再评分。"];
            return null;
        }

        var session = await db.SessionSlots.Where(s => s.RoundId == round.Id && s.EntryId == entryId).Select(s => s.SessionId).FirstOrDefaultAsync(ct);
        if (session == 0 || !await db.SessionJudges.AnyAsync(j => j.SessionId == session && j.JudgeUserId == judgeUserId, ct))
            return t["您不是该项目所在场次的评委。"];
        var stage = await db.StageStates.AsNoTracking().SingleOrDefaultAsync(s => s.SessionId == session, ct);
        if (stage is null || stage.EntryId != entryId || stage.Phase != StagePhase.Scoring)
            return t["该项目当前未开放评分。"];
        return null;
    }

    /// <summary>Every criterion scored, within 0..max, in the rubric's steps; nothing else. Corrections are checked the same way.</summary>
    public string? Validate(IReadOnlyList<RubricCriterion> criteria, IReadOnlyDictionary<int, decimal> points)
    {
        if (criteria.Count == 0) return t["该赛段还没有评分标准。"];
        if (points.Keys.Any(id => criteria.All(c => c.Id != id))) return t["评分包含不属于该评分标准的项目。"];
        foreach (var c in criteria.OrderBy(c => c.Sequence))
        {
            if (!points.TryGetValue(c.Id, out var value)) return t["请为“{0}”评分。", c.LocalizedName];
            // Range first: a huge typed value must be refused before scaling it could overflow.
            if (value < 0 || value > c.MaxPoints)
                return t["“{0}”的分数须在 0 到 {1} 之间。", c.LocalizedName, c.MaxPoints];
            var hundredths = value * 100;
            if (hundredths != decimal.Truncate(hundredths))
                return t["“{0}”的分数须在 0 到 {1} 之间。", c.LocalizedName, c.MaxPoints];
            if (c.StepHundredths > 0 && (int)hundredths % c.StepHundredths != 0)
                return t["“{0}”的分数须以 {1} 分为单位。", c.LocalizedName, c.StepHundredths / 100m];
        }
        return null;
    }
}
