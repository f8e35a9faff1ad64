using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Publication;

public static class ObjectionRules
{
    public const int MaxTextLength = 2000;
    public const int MaxAnswerLength = 2000;
    public const string AuditEntityType = "Objection";
    public const string DecidedTemplate = "objection-decided";

    /// <summary>Evidence is a document or a picture, told by its bytes as entry materials are.</summary>
    public static readonly IReadOnlyList<FileFormat> EvidenceFormats = [FileFormat.Pdf, FileFormat.Jpeg, FileFormat.Png];
}

public sealed record FileObjectionResult(int? ObjectionId, string? Error);

/// <summary>
/// Objections during 公示 and their decisions. Filing needs a signed-in person, an open period and an evidence file that
/// <see cref="FileUploads"/> accepts as entry materials are accepted; it is served only to the contest's organizers and
/// the objector. Deciding records the answer, emails it to the objector and audits it.
/// </summary>
public sealed class Objections(AppDbContext db, FileUploads uploads, AuditLog audit, Outbox outbox, ContestAccess access,
    TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<Objections> logger)
{
    public async Task<FileObjectionResult> FileAsync(int contestId, int roundId, string userId, ObjectionForm form, string culture, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user?.Email is null) return new(null, t["请先登录。"]);
        var version = await db.RankingVersions.AsNoTracking()
            .Where(v => v.RoundId == roundId && v.ContestId == contestId && db.Contests.Any(c => c.Id == contestId && c.IsPublished))
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null) return new(null, t["该赛段还没有发布结果。"]);
        var now = clock.GetUtcNow().UtcDateTime;
        if (version.Stage != PublicationStage.Announcement || now >= version.AnnouncementEndsAt)
            return new(null, t["公示期已结束，不再受理异议。"]);
        var text = (form.Text ?? "").Trim();
        if (text.Length == 0) return new(null, t["请填写异议内容。"]);
        if (text.Length > ObjectionRules.MaxTextLength) return new(null, t["异议内容不能超过 {0} 个字符。", ObjectionRules.MaxTextLength]);
        if (form.EntryId is { } entryId && !await db.PublishedRanks.AnyAsync(r => r.VersionId == version.Id && r.EntryId == entryId, ct))
            return new(null, t["所选项目不在本次公示的名单中。"]);
        var upload = await uploads.StoreAsync(form.Evidence, new UploadRule(t["证明材料"], ObjectionRules.EvidenceFormats), ct);
        if (!upload.Succeeded) return new(null, upload.Error);
        var evidence = upload.File;
        try
        {
            var objectionId = await db.SaveAtomicallyAsync(async ct =>
            {
                var objection = new Objection
                {
                    ContestId = contestId, RoundId = roundId, VersionId = version.Id, EntryId = form.EntryId, UserId = userId,
                    UserName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName, Email = user.Email, Culture = culture,
                    Text = text, FiledAt = now, EvidenceFileName = evidence.FileName, EvidenceStoredName = evidence.StoredName,
                    EvidenceContentType = evidence.ContentType, EvidenceSizeBytes = evidence.SizeBytes, EvidenceSha256 = evidence.Sha256,
                    Status = ObjectionStatus.Pending,
                };
                db.Objections.Add(objection);
                await db.SaveChangesAsync(ct);
                audit.Record(contestId, ObjectionRules.AuditEntityType, objection.Id, "filed",
                    after: new { round = roundId, version = version.Number, objection.EntryId, objection.EvidenceFileName, objection.EvidenceSha256 });
                await db.SaveChangesAsync(ct);
                return objection.Id;
            }, ct);
            logger.LogInformation("Objection {ObjectionId} to round {RoundId} version {Number} filed by {UserId}", objectionId, roundId, version.Number, userId);
            return new(objectionId, null);
        }
        catch
        {
            // No file without its row.
            if (!await db.Objections.AnyAsync(o => o.EvidenceStoredName == evidence.StoredName, CancellationToken.None)) uploads.Delete(evidence.StoredName);
            throw;
        }
    }

    /// <param name="resultsLink">The public results page, absolute, for the objector's email.</param>
    public async Task<SetupResult> DecideAsync(int contestId, int objectionId, ObjectionDecisionForm form, string userId, string resultsLink,
        CancellationToken ct)
    {
        var objection = await db.Objections.SingleOrDefaultAsync(o => o.Id == objectionId && o.ContestId == contestId, ct);
        if (objection is null) return SetupResult.Fail(t["未找到该异议。"]);
        if (form.Verdict is not { } verdict || !Enum.IsDefined(verdict)) return SetupResult.Fail(t["请选择处理结果。"]);
        var answer = (form.Answer ?? "").Trim();
        if (answer.Length == 0) return SetupResult.Fail(t["请填写书面答复。"]);
        if (answer.Length > ObjectionRules.MaxAnswerLength) return SetupResult.Fail(t["答复不能超过 {0} 个字符。", ObjectionRules.MaxAnswerLength]);
        if (form.Version is { } seen && seen != objection.Version || objection.Status != ObjectionStatus.Pending)
            return SetupResult.Fail(t["该异议已被处理，请刷新页面查看。"]);

        objection.Status = verdict == ObjectionVerdict.Uphold ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.Answer = answer;
        objection.DecidedAt = clock.GetUtcNow().UtcDateTime;
        objection.DecidedByUserId = userId;
        audit.Record(contestId, ObjectionRules.AuditEntityType, objection.Id, objection.Status == ObjectionStatus.Upheld ? "upheld" : "dismissed",
            before: new { status = nameof(ObjectionStatus.Pending) }, after: new { status = objection.Status.ToString(), answer },
            reason: answer.Length > 1000 ? answer[..1000] : answer);

        var names = await db.Rounds.AsNoTracking().Where(r => r.Id == objection.RoundId)
            .Select(r => new { r.Name, r.NameEn, Contest = db.Contests.Where(c => c.Id == r.ContestId).Select(c => new { c.Name, c.NameEn }).Single() })
            .SingleAsync(ct);
        var english = objection.Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        outbox.Queue(objection.Email, objection.UserName, ObjectionRules.DecidedTemplate, objection.Culture, new
        {
            displayName = objection.UserName,
            contestName = english && names.Contest.NameEn.Length > 0 ? names.Contest.NameEn : names.Contest.Name,
            roundName = english && names.NameEn.Length > 0 ? names.NameEn : names.Name,
            filedAt = ChinaTime.Format(objection.FiledAt),
            upheld = objection.Status == ObjectionStatus.Upheld,
            answer,
            link = resultsLink,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            db.ChangeTracker.Clear();
            return SetupResult.Fail(t["该异议已被处理，请刷新页面查看。"]);
        }
        logger.LogInformation("Objection {ObjectionId} {Status} by {UserId}", objectionId, objection.Status, userId);
        return SetupResult.Done(objection.Status == ObjectionStatus.Upheld ? t["已认定异议成立，并通知异议人。"] : t["已认定异议不成立，并通知异议人。"]);
    }

    /// <summary>The signed-in person's own objections to a round, with the answers given.</summary>
    public async Task<IReadOnlyList<MyObjection>> MineAsync(int roundId, string userId, CancellationToken ct) =>
        await db.Objections.AsNoTracking().Where(o => o.RoundId == roundId && o.UserId == userId).OrderByDescending(o => o.Id)
            .Select(o => new MyObjection(o.Id, db.RankingVersions.Where(v => v.Id == o.VersionId).Select(v => v.Number).Single(), o.FiledAt, o.Text,
                o.EvidenceFileName, o.Status, o.Answer, o.DecidedAt))
            .ToListAsync(ct);

    /// <summary>The evidence of an objection, for the objector and the contest's organizers only.</summary>
    public async Task<(string StoredName, string ContentType, string FileName)?> EvidenceAsync(ClaimsPrincipal user, int objectionId, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return null;
        var objection = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == objectionId, ct);
        if (objection is null) return null;
        if (objection.UserId != userId && !await access.CanManageAsync(user, objection.ContestId, ct)) return null;
        return (objection.EvidenceStoredName, objection.EvidenceContentType, objection.EvidenceFileName);
    }
}
