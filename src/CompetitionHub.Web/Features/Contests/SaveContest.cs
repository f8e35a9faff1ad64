using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using System.Security.Claims;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Creates a contest, or changes one from the organizer's form. The form carries the <see cref="Contest.Version"/> it was
/// opened with, so a save over someone else's newer change is refused instead of silently undoing it.
/// </summary>
public sealed class SaveContest(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveContest> logger)
{
    private static readonly char[] FieldSeparators = [',', '，', '、', ';', '；', '\n', '\r'];
    // Not the comma: an English name may hold one.
    private static readonly char[] EnglishFieldSeparators = ['\n', ';', '；', '、'];

    public async Task<SetupResult> CreateAsync(ContestForm form, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            // The id exists only after the insert, and the audit record names it: both saves commit together.
            return await db.SaveAtomicallyAsync(ct => CreateUnitAsync(form, user, ct), ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Another organizer created the same edition between the check and the insert.
            return SetupResult.Fail(nameof(form.EditionYear), t["{0} 年已有标识为 {1} 的赛事。", form.EditionYear, form.Slug!]);
        }
    }

    private async Task<SetupResult> CreateUnitAsync(ContestForm form, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = await ValidateAsync(form, form.Slug!, contestId: 0, tracks: [], ct);
        if (errors.Count > 0) return SetupResult.Fail(errors);

        var contest = new Contest { Slug = form.Slug!, Name = "", NameEn = "" };
        await ApplyAsync(contest, form, ct);
        // An Organizer who sets up a contest runs it; an Admin assigns organizers separately.
        if (!user.IsInRole(Roles.Admin) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            contest.Organizers.Add(new ContestOrganizer { UserId = userId, AssignedAt = clock.GetUtcNow().UtcDateTime });
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        audit.Record(contest.Id, "Contest", contest.Id, "Create", after: Snapshot(contest));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Contest {ContestId} ({Slug} {Year}) created", contest.Id, contest.Slug, contest.EditionYear);
        return SetupResult.Done(contest.Id, t["赛事已创建。"]);
    }

    public async Task<SetupResult> UpdateAsync(int contestId, ContestForm form, CancellationToken ct)
    {
        var contest = await db.Contests.Include(c => c.CoOrganizers).Include(c => c.Tracks)
            .SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return SetupResult.Fail("", t["未找到该赛事。"]);

        var errors = await ValidateAsync(form, contest.Slug, contest.Id, contest.Tracks, ct);
        if (errors.Count > 0) return SetupResult.Fail(errors);

        var before = Snapshot(contest);
        // The slug names the brand across editions (previous winners hang on it), so it is fixed once created.
        await ApplyAsync(contest, form with { Slug = contest.Slug }, ct);
        db.Entry(contest).Property(c => c.Version).OriginalValue = form.Version;
        audit.Record(contestId, "Contest", contest.Id, "Update", before, Snapshot(contest));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            logger.LogInformation("Contest {ContestId} edit refused: changed by someone else meanwhile", contestId);
            return SetupResult.Fail("", t["该赛事已被他人修改，请刷新后重试。"]);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Another edition of the brand took this year between the check and the save.
            db.ChangeTracker.Clear();
            return SetupResult.Fail(nameof(form.EditionYear), t["{0} 年已有标识为 {1} 的赛事。", form.EditionYear, contest.Slug]);
        }
        return SetupResult.Done(contest.Id, t["赛事已保存。"]);
    }

    public async Task<SetupResult> SetPublishedAsync(int contestId, bool published, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return SetupResult.Fail("", t["未找到该赛事。"]);
        if (contest.IsPublished == published)
            return SetupResult.Done(contest.Id, published ? t["赛事已发布。"] : t["赛事已取消发布。"]);
        contest.IsPublished = published;
        contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(contestId, "Contest", contest.Id, published ? "Publish" : "Unpublish",
            new { IsPublished = !published }, new { IsPublished = published });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Contest {ContestId} published: {Published}", contestId, published);
        return SetupResult.Done(contest.Id, published ? t["赛事已发布。"] : t["赛事已取消发布。"]);
    }

    /// <summary>The Chinese fields without repeats and their English names lined up by the position they were typed in.</summary>
    private static (List<string> Chinese, List<string> English) IndustryFields(string? chinese, string? english) =>
        TranslatedNames.Align(TypedFields(chinese), TranslatedNames.SplitKeepingBlanks(english, EnglishFieldSeparators), StringComparer.Ordinal);

    private static List<string> TypedFields(string? text) =>
        [.. (text ?? "").Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<List<FieldError>> ValidateAsync(ContestForm form, string slug, int contestId,
        IReadOnlyList<ContestTrack> tracks, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (await db.Contests.AnyAsync(c => c.Slug == slug && c.EditionYear == form.EditionYear && c.Id != contestId, ct))
            errors.Add(new(nameof(form.EditionYear), t["{0} 年已有标识为 {1} 的赛事。", form.EditionYear, slug]));
        if (!Enum.IsDefined(form.Kind))
            errors.Add(new(nameof(form.Kind), t["请选择赛事类别。"]));
        if (form.MinTeamSize > form.MaxTeamSize)
            errors.Add(new(nameof(form.MaxTeamSize), t["团队人数上限不能小于下限。"]));
        if (form.RegistrationOpensAt is { } opens && form.RegistrationClosesAt is { } closes && closes <= opens)
            errors.Add(new(nameof(form.RegistrationClosesAt), t["报名截止时间必须晚于开始时间。"]));
        if (!await db.Departments.AnyAsync(d => d.Id == form.LeadDepartmentId, ct))
            errors.Add(new(nameof(form.LeadDepartmentId), t["请选择主办单位。"]));
        var coIds = form.CoOrganizerIds.Distinct().ToList();
        if (coIds.Count > 0 && await db.Departments.CountAsync(d => coIds.Contains(d.Id), ct) != coIds.Count)
            errors.Add(new(nameof(form.CoOrganizerIds), t["协办单位无效。"]));

        var fields = IndustryFields(form.IndustryFields, null).Chinese;
        if (fields.Count > 30 || fields.Any(f => f.Length > 50))
            errors.Add(new(nameof(form.IndustryFields), t["行业领域最多 30 个，每个不超过 50 个字符。"]));
        var english = TranslatedNames.SplitKeepingBlanks(form.IndustryFieldsEn, EnglishFieldSeparators);
        var typed = TypedFields(form.IndustryFields).Count;
        if (english.Count > typed)
            errors.Add(new(nameof(form.IndustryFieldsEn), t["行业领域的英文名称有 {0} 个，多于行业领域的 {1} 个：请按行业领域的顺序每行填写一个。", english.Count, typed]));
        else if (english.Any(f => f.Length > 50))
            errors.Add(new(nameof(form.IndustryFieldsEn), t["行业领域英文名称每个不超过 50 个字符。"]));

        var placementGiven = form.PlacementYears is not null || !string.IsNullOrWhiteSpace(form.YoungerTrackCode)
                             || !string.IsNullOrWhiteSpace(form.OlderTrackCode);
        if (placementGiven)
        {
            var codes = tracks.Select(tr => tr.Code).ToHashSet(StringComparer.Ordinal);
            if (form.PlacementYears is null || string.IsNullOrWhiteSpace(form.YoungerTrackCode) || string.IsNullOrWhiteSpace(form.OlderTrackCode))
                errors.Add(new(nameof(form.PlacementYears), t["自动分组需要同时填写年限和两个组别。"]));
            else if (!codes.Contains(form.YoungerTrackCode.Trim()) || !codes.Contains(form.OlderTrackCode.Trim()))
                errors.Add(new(nameof(form.YoungerTrackCode), t["自动分组的组别必须是本赛事已有的组别代码。"]));
            else if (form.YoungerTrackCode.Trim() == form.OlderTrackCode.Trim())
                errors.Add(new(nameof(form.OlderTrackCode), t["自动分组的两个组别不能相同。"]));
        }
        return errors;
    }

    private async Task ApplyAsync(Contest contest, ContestForm form, CancellationToken ct)
    {
        contest.Slug = form.Slug!.Trim();
        contest.Kind = form.Kind;
        contest.EditionYear = form.EditionYear;
        contest.Name = form.Name!.Trim();
        contest.NameEn = form.NameEn!.Trim();
        contest.LeadDepartmentId = form.LeadDepartmentId;
        var coIds = form.CoOrganizerIds.Where(id => id != form.LeadDepartmentId).Distinct().ToList();
        var co = await db.Departments.Where(d => coIds.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(ct);
        contest.CoOrganizers.RemoveAll(d => !coIds.Contains(d.Id));
        contest.CoOrganizers.AddRange(co.Where(d => contest.CoOrganizers.All(x => x.Id != d.Id)));
        contest.Description = form.Description?.Trim() ?? "";
        contest.DescriptionEn = form.DescriptionEn?.Trim() ?? "";
        contest.RulesText = form.RulesText?.Trim() ?? "";
        contest.RulesTextEn = form.RulesTextEn?.Trim() ?? "";
        (contest.IndustryFields, contest.IndustryFieldsEn) = IndustryFields(form.IndustryFields, form.IndustryFieldsEn);
        contest.RegistrationOpensAt = ChinaTime.ToUtc(form.RegistrationOpensAt);
        contest.RegistrationClosesAt = ChinaTime.ToUtc(form.RegistrationClosesAt);
        contest.MinTeamSize = form.MinTeamSize;
        contest.MaxTeamSize = form.MaxTeamSize;
        contest.Placement = form.PlacementYears is { } years
            ? new AutoPlacement { FoundedWithinYears = years, YoungerTrackCode = form.YoungerTrackCode!.Trim(), OlderTrackCode = form.OlderTrackCode!.Trim() }
            : null;
        contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>What the audit keeps of a contest: the facts an organizer edits, not the long texts.</summary>
    private static object Snapshot(Contest c) => new
    {
        c.Slug, Kind = c.Kind.ToString(), c.EditionYear, c.Name, c.NameEn, c.LeadDepartmentId,
        CoOrganizers = c.CoOrganizers.Select(d => d.Id).Order().ToList(), c.IndustryFields, c.IndustryFieldsEn,
        c.RegistrationOpensAt, c.RegistrationClosesAt, c.MinTeamSize, c.MaxTeamSize, c.IsPublished,
        Placement = c.Placement is { } p ? new { p.FoundedWithinYears, p.YoungerTrackCode, p.OlderTrackCode } : null,
        DescriptionLength = c.Description.Length, RulesLength = c.RulesText.Length,
    };
}
