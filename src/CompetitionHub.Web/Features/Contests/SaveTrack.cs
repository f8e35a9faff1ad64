using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>Adds, changes and removes a contest's tracks with their required materials and eligibility rules.</summary>
public sealed class SaveTrack(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveTrack> logger)
{
    /// <param name="trackId">0 adds a new track.</param>
    public Task<SetupResult> HandleAsync(int contestId, int trackId, TrackForm form, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).SingleOrDefaultAsync(c => c.Id == contestId, ct);
            if (contest is null) return SetupResult.Fail("", t["未找到该赛事。"]);
            var track = trackId == 0 ? null : contest.Tracks.SingleOrDefault(x => x.Id == trackId);
            if (trackId != 0 && track is null) return SetupResult.Fail("", t["未找到该组别。"]);

            var code = form.Code!.Trim();
            var errors = new List<FieldError>();
            if (contest.Tracks.Any(x => x.Code == code && x.Id != trackId))
                errors.Add(new(nameof(form.Code), t["本赛事已有代码为 {0} 的组别。", code]));
            if (form.FoundedWithinYears is { } within && form.FoundedAtLeastYears is { } atLeast && atLeast >= within)
                errors.Add(new(nameof(form.FoundedAtLeastYears), t["“成立满”年限必须小于“成立不超过”年限，否则没有企业符合条件。"]));
            if (form.RequiredMaterials.Any(m => !Enum.IsDefined(m)) || form.ApplicantTypes.Any(a => !Enum.IsDefined(a)))
                errors.Add(new("", t["输入的值无效。"]));
            if (form.RevenueCapWanYuan is { } cap && decimal.Round(cap * 10_000m) != cap * 10_000m)
                errors.Add(new(nameof(form.RevenueCapWanYuan), t["营业收入上限最多精确到元。"]));
            if (errors.Count > 0) return SetupResult.Fail(errors);

            var before = track is null ? null : Snapshot(track);
            var oldCode = track?.Code;
            if (track is null)
            {
                track = new ContestTrack { ContestId = contestId, Code = code, Name = "", NameEn = "" };
                contest.Tracks.Add(track);
            }
            track.Code = code;
            track.Name = form.Name!.Trim();
            track.NameEn = form.NameEn!.Trim();
            track.Description = form.Description?.Trim() ?? "";
            track.DescriptionEn = string.IsNullOrWhiteSpace(form.DescriptionEn) ? null : form.DescriptionEn.Trim();
            track.SortOrder = form.SortOrder;
            track.RequiredMaterials = [.. form.RequiredMaterials.Distinct().Order()];
            track.Eligibility = new EligibilityRules
            {
                ApplicantTypes = [.. form.ApplicantTypes.Distinct().Order()],
                RequireJilinRegistration = form.RequireJilinRegistration,
                FoundedWithinYears = form.FoundedWithinYears,
                FoundedAtLeastYears = form.FoundedAtLeastYears,
                RevenueCapYuan = form.RevenueCapWanYuan is { } wan ? (long)(wan * 10_000m) : null,
                BarPreviousWinners = form.BarPreviousWinners,
                LeaderMustBeFemale = form.LeaderMustBeFemale,
                LeaderStudentOrGraduatedWithinYears = form.LeaderStudentOrGraduatedWithinYears,
                RequireRuralAttestation = form.RequireRuralAttestation,
            };
            // Auto placement names tracks by code; a renamed code carries the placement along.
            if (oldCode is not null && oldCode != code && contest.Placement is { } placement)
            {
                var renamed = new AutoPlacement
                {
                    FoundedWithinYears = placement.FoundedWithinYears,
                    YoungerTrackCode = placement.YoungerTrackCode == oldCode ? code : placement.YoungerTrackCode,
                    OlderTrackCode = placement.OlderTrackCode == oldCode ? code : placement.OlderTrackCode,
                };
                contest.Placement = renamed;
            }
            contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;

            await db.SaveChangesAsync(ct);
            audit.Record(contestId, "ContestTrack", track.Id, before is null ? "Create" : "Update", before, Snapshot(track));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Track {TrackId} ({Code}) of contest {ContestId} saved", track.Id, track.Code, contestId);
            return SetupResult.Done(track.Id, t["组别已保存。"]);
        }, ct);

    public async Task<SetupResult> RemoveAsync(int contestId, int trackId, CancellationToken ct)
    {
        var contest = await db.Contests.Include(c => c.Tracks).SingleOrDefaultAsync(c => c.Id == contestId, ct);
        var track = contest?.Tracks.SingleOrDefault(x => x.Id == trackId);
        if (contest is null || track is null) return SetupResult.Fail("", t["未找到该组别。"]);
        if (await db.Entries.AnyAsync(e => e.TrackId == trackId, ct))
            return SetupResult.Fail("", t["组别“{0}”已有报名项目，不能删除。", track.LocalizedName]);
        if (contest.Placement is { } p && (p.YoungerTrackCode == track.Code || p.OlderTrackCode == track.Code))
            return SetupResult.Fail("", t["组别“{0}”用于自动分组，请先修改自动分组设置。", track.LocalizedName]);

        // A track without entries has no sheets: its own rubric lines (if any) go with it.
        db.RubricCriteria.RemoveRange(await db.RubricCriteria.Where(c => c.TrackId == trackId).ToListAsync(ct));
        db.ContestTracks.Remove(track);
        contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(contestId, "ContestTrack", track.Id, "Delete", Snapshot(track));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Track {TrackId} of contest {ContestId} removed", trackId, contestId);
        return SetupResult.Done(contestId, t["组别“{0}”已删除。", track.LocalizedName]);
    }

    private static object Snapshot(ContestTrack x) => new
    {
        x.ContestId, x.Code, x.Name, x.NameEn, x.SortOrder,
        RequiredMaterials = x.RequiredMaterials.Select(m => m.ToString()).ToList(),
        Eligibility = new
        {
            ApplicantTypes = x.Eligibility.ApplicantTypes.Select(a => a.ToString()).ToList(),
            x.Eligibility.RequireJilinRegistration, x.Eligibility.FoundedWithinYears, x.Eligibility.FoundedAtLeastYears,
            x.Eligibility.RevenueCapYuan, x.Eligibility.BarPreviousWinners, x.Eligibility.LeaderMustBeFemale,
            x.Eligibility.LeaderStudentOrGraduatedWithinYears, x.Eligibility.RequireRuralAttestation,
        },
    };
}
