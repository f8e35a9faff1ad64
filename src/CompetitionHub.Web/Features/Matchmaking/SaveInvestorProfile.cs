using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record InvestorProfilePage(InvestorProfileForm Form, AllIndustries Industries, bool Saved);

/// <summary>
/// An investor's own profile. Industries must come from the contests' lists (so filters and teams speak the same
/// words); saves carry the version shown, so two tabs cannot overwrite each other.
/// </summary>
public sealed class SaveInvestorProfile(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveInvestorProfile> logger)
{
    public async Task<InvestorProfileForm> FormAsync(string userId, CancellationToken ct)
    {
        var p = await db.InvestorProfiles.AsNoTracking().SingleOrDefaultAsync(x => x.UserId == userId, ct);
        return p is null ? new InvestorProfileForm() : new InvestorProfileForm
        {
            FundName = p.FundName, Industries = p.Industries, Stages = p.Stages, TicketMinWan = p.TicketMinWan,
            TicketMaxWan = p.TicketMaxWan, Intro = p.Intro, Version = p.Version,
        };
    }

    /// <summary>The union of every contest's industry fields.</summary>
    public Task<AllIndustries> IndustriesAsync(CancellationToken ct) => AllIndustries.ReadAsync(db.Contests, ct);

    /// <summary>Field errors go to <paramref name="errors"/>; returns whether the profile was stored.</summary>
    public async Task<bool> SaveAsync(string userId, InvestorProfileForm form, ModelStateDictionary errors, CancellationToken ct)
    {
        var known = await IndustriesAsync(ct);
        var industries = form.Industries.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (industries.Count == 0)
            errors.AddModelError(nameof(form.Industries), t["请至少选择一个关注行业。"]);
        else if (industries.Any(i => !known.Fields.Contains(i)))
            errors.AddModelError(nameof(form.Industries), t["请从列表中选择关注行业。"]);
        var stages = form.Stages.Where(Enum.IsDefined).Distinct().Order().ToList();
        if (stages.Count == 0)
            errors.AddModelError(nameof(form.Stages), t["请至少选择一个投资阶段。"]);
        if (form.TicketMinWan is { } min && form.TicketMaxWan is { } max && min > max)
            errors.AddModelError(nameof(form.TicketMaxWan), t["金额上限不能低于下限。"]);
        if (!errors.IsValid) return false;

        var profile = await db.InvestorProfiles.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        var isNew = profile is null;
        var before = profile is null ? null : Snapshot(profile);
        if (profile is null)
        {
            if (form.Version != Guid.Empty) return Conflict(errors);
            profile = new InvestorProfile { UserId = userId, FundName = "" };
            db.InvestorProfiles.Add(profile);
        }
        else
        {
            // The version shown on the page, not the one just read: a save in between makes this one fail.
            db.Entry(profile).Property(p => p.Version).OriginalValue = form.Version;
        }
        profile.FundName = form.FundName.Trim();
        profile.Industries = industries;
        profile.Stages = stages;
        profile.TicketMinWan = form.TicketMinWan!.Value;
        profile.TicketMaxWan = form.TicketMaxWan!.Value;
        profile.Intro = (form.Intro ?? "").Trim();
        profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (!isNew) db.Entry(profile).Property(p => p.Version).IsModified = true;
        audit.Record(null, nameof(InvestorProfile), userId, isNew ? "Created" : "Updated", before, Snapshot(profile));
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
        logger.LogInformation("Investor {UserId} saved their profile", userId);
        return true;
    }

    private bool Conflict(ModelStateDictionary errors)
    {
        errors.AddModelError("", t["您的投资人资料已在其他页面被修改。请刷新页面，查看最新内容后再保存。"]);
        return false;
    }

    private static object Snapshot(InvestorProfile p) => new
    {
        p.FundName, p.Industries, Stages = p.Stages.Select(s => s.ToString()).ToList(), p.TicketMinWan, p.TicketMaxWan, p.Intro,
    };
}
