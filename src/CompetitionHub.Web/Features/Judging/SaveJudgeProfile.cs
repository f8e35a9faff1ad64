using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

public sealed record ProfilePage(ProfileForm Form, AllIndustries Industries, bool Saved);

/// <summary>
/// A judge's own profile: expertise, employer and holdings, whose credit codes feed conflict detection, so each one must
/// be well formed before it is stored. A code failing only the check character is stored as typed (early pilot codes are
/// legal; the page warns and names the character the standard expects). Saves carry the version shown, so two tabs cannot overwrite.
/// </summary>
public sealed class SaveJudgeProfile(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveJudgeProfile> logger)
{
    private static readonly char[] Separators = [',', '，', '、', ';', '；', '\n'];
    public const int MaxExpertise = 20;

    public async Task<ProfileForm> FormAsync(string userId, CancellationToken ct)
    {
        var profile = await db.JudgeProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) return new ProfileForm();
        var industries = await IndustriesAsync(ct);
        return new ProfileForm
        {
            Expertise = profile.Expertise.Where(industries.Fields.Contains).ToList(),
            OtherExpertise = string.Join("、", profile.Expertise.Where(e => !industries.Fields.Contains(e))),
            Affiliation = profile.Affiliation,
            AffiliationCreditCode = profile.AffiliationCreditCode,
            Title = profile.Title,
            Holdings = profile.Holdings.Select(h => new HoldingForm { CompanyName = h.CompanyName, CreditCode = h.CreditCode, Kind = h.Kind }).ToList(),
            Version = profile.Version,
        };
    }

    /// <summary>The union of every contest's industry fields, for the expertise checkboxes.</summary>
    public Task<AllIndustries> IndustriesAsync(CancellationToken ct) => AllIndustries.ReadAsync(db.Contests, ct);

    /// <summary>Field errors go to <paramref name="errors"/>; returns whether the profile was stored.</summary>
    public async Task<bool> SaveAsync(string userId, ProfileForm form, ModelStateDictionary errors, CancellationToken ct)
    {
        var expertise = form.Expertise.Concat((form.OtherExpertise ?? "").Split(Separators))
            .Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();
        if (expertise.Count > MaxExpertise)
            errors.AddModelError(nameof(form.OtherExpertise), t["专业领域最多 {0} 项。", MaxExpertise]);
        if (expertise.Any(e => e.Length > 50 || e.IndexOfAny(['<', '>']) >= 0))
            errors.AddModelError(nameof(form.OtherExpertise), t["每个专业领域不超过 50 个字符，且不能包含尖括号。"]);
        string? affiliationCode = null;
        if (!string.IsNullOrWhiteSpace(form.AffiliationCreditCode))
        {
            if (CreditCodeMessages.Problem(t, form.AffiliationCreditCode) is { } problem)
                errors.AddModelError(nameof(form.AffiliationCreditCode), problem);
            affiliationCode = CreditCode.Normalize(form.AffiliationCreditCode);
        }
        var holdings = new List<JudgeHolding>();
        for (var i = 0; i < form.Holdings.Count; i++)
        {
            var h = form.Holdings[i];
            if (h.Remove || h.IsBlank) continue;
            var key = $"{nameof(form.Holdings)}[{i}]";
            if (string.IsNullOrWhiteSpace(h.CompanyName))
                errors.AddModelError($"{key}.{nameof(h.CompanyName)}", t["请填写企业名称。"]);
            if (CreditCodeMessages.Problem(t, h.CreditCode) is { } problem)
                errors.AddModelError($"{key}.{nameof(h.CreditCode)}", problem);
            if (!Enum.IsDefined(h.Kind))
                errors.AddModelError($"{key}.{nameof(h.Kind)}", t["请选择任职或持股。"]);
            holdings.Add(new JudgeHolding { CompanyName = (h.CompanyName ?? "").Trim(), CreditCode = CreditCode.Normalize(h.CreditCode) ?? "", Kind = h.Kind });
        }
        if (!errors.IsValid) return false;

        var profile = await db.JudgeProfiles.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        var before = profile is null ? null : Snapshot(profile);
        var isNew = profile is null;
        if (profile is null)
        {
            if (form.Version != Guid.Empty) return Conflict(errors);
            profile = new JudgeProfile { UserId = userId };
            db.JudgeProfiles.Add(profile);
        }
        else
        {
            // The version shown on the page, not the one just read: a save in between makes this one fail.
            db.Entry(profile).Property(p => p.Version).OriginalValue = form.Version;
        }
        profile.Expertise = expertise;
        profile.Affiliation = form.Affiliation.Trim();
        profile.AffiliationCreditCode = affiliationCode;
        profile.Title = (form.Title ?? "").Trim();
        profile.Holdings = holdings;
        profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (!isNew) db.Entry(profile).Property(p => p.Version).IsModified = true;
        audit.Record(null, nameof(JudgeProfile), userId, isNew ? "Created" : "Updated", before, Snapshot(profile));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return Conflict(errors);
        }
        catch (DbUpdateException e) when (isNew && e.Classify() == DatabaseError.UniqueViolation)
        {
            // Another tab created the profile first (same key).
            return Conflict(errors);
        }
        logger.LogInformation("Judge {UserId} saved their profile", userId);
        return true;
    }

    private bool Conflict(ModelStateDictionary errors)
    {
        errors.AddModelError("", t["您的评委资料已在其他页面被修改。请刷新页面，查看最新内容后再保存。"]);
        return false;
    }

    private static object Snapshot(JudgeProfile p) => new
    {
        p.Expertise, p.Affiliation, p.AffiliationCreditCode, p.Title,
        Holdings = p.Holdings.Select(h => new { h.CompanyName, h.CreditCode, Kind = h.Kind.ToString() }).ToList(),
    };
}
