using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

public sealed record SaveResult(int? EntryId, IReadOnlyList<FieldError> Errors, EligibilityResult? Eligibility = null)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Creates an entry as a draft (the team's leader only) and saves later edits (any member), while registration is open.
/// A draft may be partial; what is filled in must be well-formed. Each save re-runs the eligibility check so the team
/// sees where it stands, and is refused if another member saved in between (the form carries the version it was based on).
/// </summary>
public sealed class SaveEntry(AppDbContext db, RegistrationWindow window, EntryEligibility eligibility, DeadlineReminders reminders,
    ICompetingRules competing, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<SaveEntry> logger)
{
    /// <summary>Statuses in which the team may still change its entry (a withdrawn one becomes a draft again).</summary>
    public static bool IsEditable(EntryStatus status) =>
        status is EntryStatus.Draft or EntryStatus.ChangesRequested or EntryStatus.Withdrawn;

    public async Task<SaveResult> CreateAsync(int contestId, string userId, EntryForm form, string culture,
        Func<int, string> entryLink, CancellationToken ct)
    {
        try
        {
            // The reminders and the audit record name the entry's id, which exists only after the insert.
            return await db.SaveAtomicallyAsync(ct => CreateUnitAsync(contestId, userId, form, culture, entryLink, ct), ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Two leaders' tabs racing past the check: the unique index (contest, team) has the last word.
            logger.LogInformation(e, "Second entry of team {TeamId} in contest {ContestId} refused", form.TeamId, contestId);
            return Fail(nameof(form.TeamId), t["该团队已报名此赛事；每个团队在一项赛事中只能报名一个项目。"]);
        }
    }

    private async Task<SaveResult> CreateUnitAsync(int contestId, string userId, EntryForm form, string culture,
        Func<int, string> entryLink, CancellationToken ct)
    {
        var contest = await db.Contests.Include(c => c.Tracks).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == contestId && c.IsPublished, ct);
        if (contest is null) return Fail("", t["赛事不存在或尚未发布。"]);
        if (window.WhyClosed(contest) is { } closed) return Fail("", closed);
        if (form.TeamId is not { } teamId || !await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId && m.IsLeader, ct))
            return Fail(nameof(form.TeamId), t["请选择一个由您担任队长的团队。"]);
        if (await db.Entries.AnyAsync(e => e.ContestId == contestId && e.TeamId == teamId, ct))
            return Fail(nameof(form.TeamId), t["该团队已报名此赛事；每个团队在一项赛事中只能报名一个项目。"]);
        if (await competing.WhyNotEnterAsync(contestId, teamId, userId, ct) is { } refused) return Fail("", refused);

        var errors = CheckFormat(form, contest);
        var track = PickTrack(form, contest, errors);
        if (errors.Count > 0 || track is null) return new SaveResult(null, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new Entry
        {
            ContestId = contest.Id, TeamId = teamId, TrackId = track.Id, Title = form.Title.Trim(),
            Status = EntryStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        Apply(form, entry);
        var result = await eligibility.ApplyAsync(entry, ct);
        db.Entries.Add(entry);

        var leader = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName, u.PreferredCulture }).SingleAsync(ct);
        await db.SaveChangesAsync(ct);
        reminders.Queue(entry, contest, leader.Email ?? "", leader.DisplayName, leader.PreferredCulture ?? culture, entryLink(entry.Id));
        audit.Record(contestId, nameof(Entry), entry.Id, "Created", after: Snapshot(entry));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Team {TeamId} created entry {EntryId} in contest {ContestId}", teamId, entry.Id, contestId);
        return new SaveResult(entry.Id, [], result);
    }

    public async Task<SaveResult> UpdateAsync(int entryId, string userId, EntryForm form, string culture,
        Func<int, string> entryLink, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).ThenInclude(c => c.Tracks).AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null || !await db.TeamMembers.AnyAsync(m => m.TeamId == entry.TeamId && m.UserId == userId, ct))
            return Fail("", t["报名不存在，或您不是该团队的成员。"]);
        if (window.WhyClosed(entry.Contest, entry) is { } closed) return Fail("", closed);
        if (!IsEditable(entry.Status)) return Fail("", t["报名已提交，不能再修改；如需修改，请队长先撤回。"]);

        var errors = CheckFormat(form, entry.Contest);
        var track = PickTrack(form, entry.Contest, errors);
        if (errors.Count > 0 || track is null) return new SaveResult(entryId, errors);

        var before = Snapshot(entry);
        var reopened = entry.Status == EntryStatus.Withdrawn;
        db.Entry(entry).Property(e => e.Version).OriginalValue = form.Version;
        entry.TrackId = track.Id;
        entry.Title = form.Title.Trim();
        Apply(form, entry);
        if (reopened) entry.Status = EntryStatus.Draft;
        entry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var result = await eligibility.ApplyAsync(entry, ct);
        if (reopened)
        {
            // A withdrawn entry taken up again is a draft with a deadline ahead: remind the leader as for a new one.
            var leader = await db.TeamMembers.Where(m => m.TeamId == entry.TeamId && m.IsLeader)
                .Select(m => new { m.User.Email, m.User.DisplayName, m.User.PreferredCulture }).SingleAsync(ct);
            await reminders.CancelAsync(entry.Id, ct);
            reminders.Queue(entry, entry.Contest, leader.Email ?? "", leader.DisplayName, leader.PreferredCulture ?? culture, entryLink(entry.Id));
        }
        audit.Record(entry.ContestId, nameof(Entry), entry.Id, reopened ? "Reopened" : "Saved", before, Snapshot(entry));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            logger.LogInformation("Stale save of entry {EntryId} by {UserId} refused", entryId, userId);
            return Fail("", t["该报名已被团队其他成员修改，请刷新后再编辑。"]);
        }
        return new SaveResult(entry.Id, [], result);
    }

    private List<FieldError> CheckFormat(EntryForm form, Contest contest)
    {
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(form.Industry) && !contest.IndustryFields.Contains(form.Industry.Trim()))
            errors.Add(new(nameof(form.Industry), t["请从列表中选择所属行业。"]));
        // A wrong check character is saved (early pilot codes are legal); the page warns and the organizer verifies.
        if (!string.IsNullOrWhiteSpace(form.CreditCode) && CreditCodeMessages.Problem(t, form.CreditCode) is { } problem)
            errors.Add(new(nameof(form.CreditCode), problem));
        if (!string.IsNullOrWhiteSpace(form.RegistrationProvince) && !Provinces.IsKnown(form.RegistrationProvince.Trim()))
            errors.Add(new(nameof(form.RegistrationProvince), t["请从列表中选择注册地所在省份。"]));
        if (form.RevenueWan is { } wan && decimal.Round(wan, 2) != wan)
            errors.Add(new(nameof(form.RevenueWan), t["营业收入以万元填写，最多保留两位小数。"]));
        if (form.FoundedOn is { } founded && founded > Infrastructure.ChinaTime.Today(clock))
            errors.Add(new(nameof(form.FoundedOn), t["成立日期不能晚于今天。"]));
        return errors;
    }

    /// <summary>The chosen track, or (where the contest places by founding date and none was chosen) a provisional one
    /// that <see cref="EntryEligibility"/> then moves.</summary>
    private ContestTrack? PickTrack(EntryForm form, Contest contest, List<FieldError> errors)
    {
        var tracks = contest.Tracks.OrderBy(x => x.SortOrder).ThenBy(x => x.Id).ToList();
        if (form.TrackId is > 0 and var id)
        {
            var chosen = tracks.FirstOrDefault(x => x.Id == id);
            if (chosen is null) errors.Add(new(nameof(form.TrackId), t["请选择赛道/组别。"]));
            return chosen;
        }
        if (contest.Placement is not null && tracks.Count > 0) return tracks[0];
        errors.Add(new(nameof(form.TrackId), t["请选择赛道/组别。"]));
        return null;
    }

    private static void Apply(EntryForm form, Entry entry)
    {
        var code = Blank(Eligibility.CreditCode.Normalize(form.CreditCode));
        var province = Blank(form.RegistrationProvince);
        var district = Blank(form.RegistrationDistrict);
        if (code != entry.CreditCode || province != entry.RegistrationProvince || district != entry.RegistrationDistrict)
            EntryEligibility.ClearVerification(entry, CreditCodeVerification.NotNeeded);
        entry.CreditCode = code;
        entry.RegistrationProvince = province;
        entry.RegistrationDistrict = district;
        entry.Summary = form.Summary?.Trim() ?? "";
        entry.Industry = form.Industry?.Trim() ?? "";
        entry.ApplicantType = form.ApplicantType;
        entry.CompanyName = Blank(form.CompanyName);
        entry.FoundedOn = form.FoundedOn;
        // 万元 with at most two decimals is a whole number of yuan: no rounding happens here.
        entry.AnnualRevenueYuan = form.RevenueWan is { } wan ? (long)(wan * 10000m) : null;
        entry.LeaderGender = form.LeaderGender;
        entry.LeaderIsStudent = form.LeaderIsStudent;
        entry.LeaderGraduationYear = form.LeaderGraduationYear;
        entry.RuralAttestation = form.RuralAttestation;
        entry.ContactName = form.ContactName?.Trim() ?? "";
        entry.ContactPhone = form.ContactPhone?.Trim() ?? "";
        entry.ContactEmail = form.ContactEmail?.Trim() ?? "";
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static object Snapshot(Entry e) => new
    {
        e.Status, e.TrackId, e.Title, e.Industry, e.ApplicantType, e.CompanyName, e.CreditCode, e.RegistrationProvince,
        e.RegistrationDistrict, CreditCodeVerification = e.CreditCodeVerification.ToString(), e.FoundedOn,
        e.AnnualRevenueYuan, e.LeaderGender, e.LeaderIsStudent, e.LeaderGraduationYear, e.RuralAttestation,
        e.ContactName, e.ContactPhone, e.ContactEmail, e.Eligible,
    };

    private static SaveResult Fail(string field, string message) => new(null, [new FieldError(field, message)]);
}
