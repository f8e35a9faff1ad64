using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Review;

public enum CreditCodeVerdict { Confirm, Reject }

/// <summary>The organizer's check of an entry's credit code against its business licence, from the entry's page.</summary>
public sealed record CreditCodeCheckForm : IValidatableObject
{
    [Required(ErrorMessage = "请选择核验结果。")]
    public CreditCodeVerdict? Verdict { get; init; }

    [Required(ErrorMessage = "请填写核验说明。")]
    [StringLength(VerifyCreditCode.MaxReasonLength, ErrorMessage = "核验说明不能超过 {1} 个字符。")]
    public string? CheckReason { get; init; }

    public Guid? Version { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // A number posted by hand binds to an undefined value.
        if (Verdict is { } v && !Enum.IsDefined(v))
            yield return new ValidationResult(context.GetRequiredService<IStringLocalizer<SharedResource>>()["请选择核验结果。"], [nameof(Verdict)]);
    }
}

/// <summary>
/// An organizer confirms or rejects a credit code that fails the check character or whose region disagrees with the
/// Jilin registration stated (an early pilot code, a company that moved in), with a reason, after looking at the
/// business licence. The decision, the eligibility it changes and the audit record are stored by one SaveChanges; it
/// holds until the team changes the code or the place (<see cref="SaveEntry"/> then asks again).
/// </summary>
public sealed class VerifyCreditCode(AppDbContext db, EntryEligibility eligibility, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<VerifyCreditCode> logger)
{
    public const int MaxReasonLength = 1000;

    public async Task<SetupResult> HandleAsync(int entryId, CreditCodeVerdict verdict, string reason, Guid? expectedVersion, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Materials).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null) return SetupResult.Missing(t["未找到该项目。"]);
        if (expectedVersion is { } seen && seen != entry.Version) return Conflict();
        if (entry.Status != EntryStatus.Submitted)
            return SetupResult.Fail(t["只有待审核的项目可以核验信用代码，该项目当前状态为“{0}”。", t[EntryStatusLabels.Name(entry.Status)]]);
        if (entry.CreditCodeVerification == CreditCodeVerification.NotNeeded)
            return SetupResult.Fail(t["该项目的统一社会信用代码无需核验。"]);
        if (verdict == CreditCodeVerdict.Confirm && entry.Materials.All(m => m.Kind != MaterialKind.BusinessLicence))
            return SetupResult.Fail(t["该项目尚未上传营业执照，无法核验通过；请退回修改，请团队上传营业执照。"]);

        reason = reason.Trim();
        if (reason.Length > MaxReasonLength) reason = reason[..MaxReasonLength];
        var before = new { verification = entry.CreditCodeVerification.ToString(), reason = entry.CreditCodeVerificationReason, entry.Eligible };
        entry.CreditCodeVerification = verdict == CreditCodeVerdict.Confirm ? CreditCodeVerification.Confirmed : CreditCodeVerification.Rejected;
        entry.CreditCodeVerificationReason = reason;
        entry.CreditCodeVerifiedAt = clock.GetUtcNow().UtcDateTime;
        await eligibility.ApplyAsync(entry, ct);
        audit.Record(entry.ContestId, ShowEntry.AuditEntityType, entry.Id, verdict == CreditCodeVerdict.Confirm ? "credit-code-confirmed" : "credit-code-rejected",
            before, new
            {
                verification = entry.CreditCodeVerification.ToString(), reason, entry.CreditCode, entry.RegistrationProvince,
                entry.RegistrationDistrict, entry.Eligible,
            }, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }
        logger.LogInformation("Credit code of entry {EntryId} {Verdict} by the organizer", entry.Id, verdict);
        return SetupResult.Done(entry.Id, verdict == CreditCodeVerdict.Confirm
            ? t["已确认“{0}”的统一社会信用代码。", entry.Title] : t["已驳回“{0}”的统一社会信用代码。", entry.Title]);
    }

    private SetupResult Conflict() =>
        SetupResult.Stale(t["该项目刚被其他组织者处理过，请查看最新状态后再决定。"]);
}
