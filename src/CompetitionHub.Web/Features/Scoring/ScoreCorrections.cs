using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

public sealed record PendingCorrection(int Id, int RoundId, string RoundName, int EntryId, string EntryTitle, string JudgeName,
    int OriginalTotalHundredths, int EffectiveTotalHundredths, int NewTotalHundredths, string Reason, DateTime RequestedAt);

public sealed record CorrectionsPage(int ContestId, string ContestName, IReadOnlyList<PendingCorrection> Pending);

/// <summary>
/// Corrections of submitted sheets (评分更正): the judge asks with new points and a reason; an organizer approves or refuses,
/// with a reason. Approval changes only the sheet's effective total — the submitted lines stay as they were — and
/// recomputes the entry's score when one was already computed.
/// </summary>
public sealed class ScoreCorrections(AppDbContext db, RecordScore record, RoundScores scores, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ScoreCorrections> logger)
{
    public Task<SetupResult> RequestAsync(string judgeUserId, int roundId, int entryId, CorrectionForm form, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == roundId && s.EntryId == entryId && s.JudgeUserId == judgeUserId, ct);
            if (sheet is not { Status: SheetStatus.Submitted }) return SetupResult.Fail(t["只有已提交的评分可以申请更正。"]);
            if (string.IsNullOrWhiteSpace(form.Reason)) return SetupResult.Fail(t["请填写更正原因。"]);
            if (form.Reason.Trim().Length > 1000) return SetupResult.Fail(t["原因不能超过 1000 个字符。"]);
            if ((form.Comment ?? "").Trim().Length > RecordScore.MaxCommentLength) return SetupResult.Fail(t["评语不能超过 2000 个字符。"]);
            if (await db.ScoreCorrections.AnyAsync(c => c.SheetId == sheet.Id && c.Status == CorrectionStatus.Pending, ct))
                return SetupResult.Fail(t["已有一条待审核的更正申请。"]);
            // The entry's rubric: its track's own lines or the round's shared ones, as the sheet was scored on.
            var trackId = await db.Entries.Where(e => e.Id == entryId).Select(e => (int?)e.TrackId).SingleOrDefaultAsync(ct);
            var criteria = Rubric.ForTrack(await db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct), trackId);
            var points = form.Points.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value);
            if (record.Validate(criteria, points) is { } invalid) return SetupResult.Fail(invalid);

            var lines = RecordScore.Lines(criteria, points);
            var correction = new ScoreCorrection
            {
                SheetId = sheet.Id, Lines = lines, TotalHundredths = RecordScore.Total(criteria, lines), Comment = (form.Comment ?? "").Trim(),
                Reason = form.Reason.Trim(), RequestedAt = clock.GetUtcNow().UtcDateTime, Status = CorrectionStatus.Pending,
            };
            db.ScoreCorrections.Add(correction);
            await db.SaveChangesAsync(ct);
            var contestId = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.ContestId).SingleAsync(ct);
            audit.Record(contestId, nameof(ScoreCorrection), correction.Id, "requested",
                before: new { sheet = sheet.Id, total = sheet.EffectiveTotalHundredths / 100m },
                after: new { total = correction.TotalHundredths / 100m, lines = lines.Select(l => l.PointsHundredths / 100m) }, reason: correction.Reason);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Judge {JudgeId} requested correction {CorrectionId} of sheet {SheetId}", judgeUserId, correction.Id, sheet.Id);
            return SetupResult.Done(correction.Id, t["更正申请已提交，等待组织者审核。"]);
        }, ct);

    public async Task<CorrectionsPage?> PageAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return null;
        var rows = await (from c in db.ScoreCorrections.AsNoTracking()
                          join s in db.ScoreSheets on c.SheetId equals s.Id
                          join r in db.Rounds on s.RoundId equals r.Id
                          join e in db.Entries on s.EntryId equals e.Id
                          join u in db.Users on s.JudgeUserId equals u.Id
                          where r.ContestId == contestId && c.Status == CorrectionStatus.Pending
                          orderby c.RequestedAt
                          select new { c.Id, s.RoundId, r.Name, r.NameEn, s.EntryId, e.Title, u.DisplayName, u.Email, s.TotalHundredths,
                              s.EffectiveTotalHundredths, New = c.TotalHundredths, c.Reason, c.RequestedAt }).ToListAsync(ct);
        return new CorrectionsPage(contestId, contest.LocalizedName, rows.Select(x => new PendingCorrection(x.Id, x.RoundId,
            Localized.Pick(x.Name, x.NameEn), x.EntryId, x.Title, string.IsNullOrEmpty(x.DisplayName) ? x.Email ?? "" : x.DisplayName,
            x.TotalHundredths, x.EffectiveTotalHundredths, x.New, x.Reason, x.RequestedAt)).ToList());
    }

    /// <summary>Approves or refuses a pending correction of the contest.</summary>
    public async Task<SetupResult> DecideAsync(int contestId, int correctionId, string deciderUserId, CorrectionDecisionForm form, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(form.Reason)) return SetupResult.Fail(t["请填写处理理由。"]);
        if (form.Reason.Trim().Length > 1000) return SetupResult.Fail(t["原因不能超过 1000 个字符。"]);
        var correction = await db.ScoreCorrections.SingleOrDefaultAsync(c => c.Id == correctionId, ct);
        var sheet = correction is null ? null : await db.ScoreSheets.SingleOrDefaultAsync(s => s.Id == correction.SheetId, ct);
        if (correction is null || sheet is null || !await db.Rounds.AnyAsync(r => r.Id == sheet.RoundId && r.ContestId == contestId, ct))
            return SetupResult.Fail(t["未找到该更正申请。"]);
        if (correction.Status != CorrectionStatus.Pending) return SetupResult.Fail(t["该更正申请已处理。"]);

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = form.Reason.Trim();
        correction.Status = form.Approve ? CorrectionStatus.Approved : CorrectionStatus.Refused;
        correction.DecidedAt = now;
        correction.DecidedByUserId = deciderUserId;
        correction.DecisionReason = reason;
        audit.Record(contestId, nameof(ScoreCorrection), correction.Id, form.Approve ? "approved" : "refused",
            before: new { status = nameof(CorrectionStatus.Pending) }, after: new { status = correction.Status.ToString(), total = correction.TotalHundredths / 100m }, reason: reason);
        if (form.Approve)
        {
            var before = sheet.EffectiveTotalHundredths;
            sheet.EffectiveTotalHundredths = correction.TotalHundredths;
            sheet.UpdatedAt = now;
            audit.Record(contestId, nameof(ScoreSheet), $"{sheet.RoundId}/{sheet.EntryId}", "corrected",
                before: new { sheet = sheet.Id, effectiveTotal = before / 100m }, after: new { sheet = sheet.Id, effectiveTotal = sheet.EffectiveTotalHundredths / 100m, correction = correction.Id }, reason: reason);
            var score = await scores.RecomputeIfScoredAsync(sheet.RoundId, sheet.EntryId, sheet.Id, sheet.EffectiveTotalHundredths, ct);
            if (score is not null)
            {
                var old = db.Entry(score).OriginalValues[nameof(EntryScore.ScoreHundredths)];
                audit.Record(contestId, nameof(EntryScore), $"{sheet.RoundId}/{sheet.EntryId}", "recomputed",
                    before: new { score = (int)old! / 100m }, after: new { score = score.ScoreHundredths / 100m }, reason: reason);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail(t["该评分刚被他人修改，请刷新后重试。"]);
        }
        logger.LogInformation("Correction {CorrectionId} {Decision} by {UserId}", correctionId, correction.Status, deciderUserId);
        return SetupResult.Done(correctionId, form.Approve ? t["更正已批准。"] : t["更正已驳回。"]);
    }
}
