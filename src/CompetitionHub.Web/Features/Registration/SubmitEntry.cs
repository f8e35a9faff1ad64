using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// The leader hands the saved entry in: every required field filled, the track's required materials uploaded and the
/// eligibility rules met, before the deadline. The confirmation email, the audit record and the removal of the pending
/// deadline reminders go in the same SaveChanges as the status change.
/// </summary>
public sealed class SubmitEntry(AppDbContext db, RegistrationWindow window, EntryEligibility eligibility, DeadlineReminders reminders,
    Outbox outbox, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<SubmitEntry> logger)
{
    public const string Template = "entry-submitted";

    public async Task<IReadOnlyList<string>> HandleAsync(int entryId, string userId, Guid version, string link, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Track).Include(e => e.Materials).AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == entryId, ct);
        var leader = entry is null ? null : await db.TeamMembers.Where(m => m.TeamId == entry.TeamId && m.IsLeader)
            .Select(m => new { m.UserId, m.User.Email, m.User.DisplayName, m.User.PreferredCulture }).SingleOrDefaultAsync(ct);
        if (entry is null || leader is null) return [t["报名不存在。"]];
        if (leader.UserId != userId) return [t["只有队长可以提交或撤回报名。"]];
        // A repeated submit (a double click, a refresh, a second tab) finds the entry already handed in: it answers as the
        // first one did, and nothing is sent or recorded twice.
        if (entry.Status == EntryStatus.Submitted) return [];
        if (window.WhyClosed(entry.Contest, entry) is { } closed) return [closed];
        if (entry.Status is not (EntryStatus.Draft or EntryStatus.ChangesRequested or EntryStatus.Withdrawn))
            return [t["该报名当前状态不能提交。"]];

        var problems = MissingFields(entry);
        var uploaded = entry.Materials.Select(m => m.Kind).ToHashSet();
        foreach (var kind in entry.Track.RequiredMaterials.Distinct().Where(k => !uploaded.Contains(k)))
            problems.Add(t["请上传{0}。", MaterialKinds.Of(kind, t)]);
        var members = await db.TeamMembers.CountAsync(m => m.TeamId == entry.TeamId, ct);
        if (members < entry.Contest.MinTeamSize || members > entry.Contest.MaxTeamSize)
            problems.Add(t["本赛事要求团队人数为 {0}–{1} 人，您的团队现有 {2} 人。", entry.Contest.MinTeamSize, entry.Contest.MaxTeamSize, members]);
        var result = await eligibility.ApplyAsync(entry, ct);
        problems.AddRange(result.Failures.Select(f => f.Message));
        // The organizer checks an unusual credit code against the licence, so it must be there to look at.
        if (entry.CreditCodeVerification == CreditCodeVerification.Pending && !uploaded.Contains(MaterialKind.BusinessLicence))
            problems.Add(t["统一社会信用代码待主办方核验：请先上传营业执照（图片或 PDF）。"]);
        if (problems.Count > 0) return problems;

        var before = SaveEntry.Snapshot(entry);
        db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        var now = clock.GetUtcNow().UtcDateTime;
        var resubmitted = entry.Status == EntryStatus.ChangesRequested;
        entry.Status = EntryStatus.Submitted;
        entry.SubmittedAt = now;
        entry.UpdatedAt = now;
        await reminders.CancelAsync(entry.Id, ct);
        var english = leader.PreferredCulture?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        outbox.Queue(leader.Email ?? "", leader.DisplayName, Template, leader.PreferredCulture ?? "zh-CN", new
        {
            displayName = leader.DisplayName,
            contestName = english ? entry.Contest.NameEn : entry.Contest.Name,
            trackName = english ? entry.Track.NameEn : entry.Track.Name,
            title = entry.Title,
            submittedAt = ChinaTime.Format(now),
            deadline = ChinaTime.Format(entry.Contest.RegistrationClosesAt),
            link,
        });
        audit.Record(entry.ContestId, nameof(Entry), entry.Id, resubmitted ? "Resubmitted" : "Submitted", before, SaveEntry.Snapshot(entry));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            // Two submits of the same page at once: the one that lost the race is not "changed by someone else" when
            // what changed it was the other submit, which did what this one asked.
            var current = await db.Entries.AsNoTracking().Where(x => x.Id == entryId).Select(x => x.Status).SingleOrDefaultAsync(ct);
            if (current == EntryStatus.Submitted) return [];
            return [t["该报名已被团队其他成员修改，请刷新后再提交。"]];
        }
        logger.LogInformation("Entry {EntryId} submitted by {UserId}", entry.Id, userId);
        return [];
    }

    /// <summary>
    /// What the entry page lists as still to do before submitting, by the same rules <see cref="HandleAsync"/> applies:
    /// the team's size, the required fields, each required kind of material, the licence a pending credit code needs,
    /// the eligibility rules; each with a link to where it is done.
    /// </summary>
    public async Task<IReadOnlyList<ChecklistStep>> ChecklistAsync(Entry entry, IReadOnlyList<MaterialKind> required,
        EligibilityResult eligibility, CancellationToken ct)
    {
        var steps = new List<ChecklistStep>();
        var members = await db.TeamMembers.CountAsync(m => m.TeamId == entry.TeamId, ct);
        var sizeOk = members >= entry.Contest.MinTeamSize && members <= entry.Contest.MaxTeamSize;
        steps.Add(new("team", t["团队人数符合要求（{0}–{1} 人）", entry.Contest.MinTeamSize, entry.Contest.MaxTeamSize],
            sizeOk ? null : t["本赛事要求团队人数为 {0}–{1} 人，您的团队现有 {2} 人。", entry.Contest.MinTeamSize, entry.Contest.MaxTeamSize, members].Value,
            $"/teams/{entry.TeamId}", t["管理团队"]));
        var missing = MissingFields(entry);
        steps.Add(new("fields", t["报名信息填写完整"], missing.Count == 0 ? null : string.Join(" ", missing), "#entry-form", t["填写报名信息"]));
        var uploaded = entry.Materials.Select(m => m.Kind).ToHashSet();
        foreach (var kind in required.Distinct())
        {
            var name = MaterialKinds.Of(kind, t);
            steps.Add(new($"material-{kind}", t["已上传{0}", name], uploaded.Contains(kind) ? null : t["请上传{0}。", name].Value,
                $"?kind={kind}#material-upload-form", t["上传{0}", name]));
        }
        if (entry.CreditCodeVerification == CreditCodeVerification.Pending)
        {
            var licence = MaterialKinds.Of(MaterialKind.BusinessLicence, t);
            steps.Add(new("licence", t["已上传{0}", licence],
                uploaded.Contains(MaterialKind.BusinessLicence) ? null : t["统一社会信用代码待主办方核验：请先上传营业执照（图片或 PDF）。"].Value,
                $"?kind={MaterialKind.BusinessLicence}#material-upload-form", t["上传{0}", licence]));
        }
        var failures = eligibility.Failures.Select(f => f.Message).ToList();
        steps.Add(new("eligibility", t["符合参赛条件"], failures.Count == 0 ? null : string.Join(" ", failures), "#eligibility", t["查看资格检查"]));
        return steps;
    }

    private List<string> MissingFields(Entry e)
    {
        var missing = new List<string>();
        void Require(bool ok, string label)
        {
            if (!ok) missing.Add(t["请填写{0}。", t[label]]);
        }
        Require(!string.IsNullOrWhiteSpace(e.Title), "项目名称");
        Require(!string.IsNullOrWhiteSpace(e.Summary), "项目简介");
        Require(!string.IsNullOrWhiteSpace(e.Industry), "所属行业");
        if (e.ApplicantType == ApplicantType.Enterprise)
        {
            Require(!string.IsNullOrWhiteSpace(e.CompanyName), "企业名称");
            Require(CreditCode.IsWellFormed(e.CreditCode), "统一社会信用代码");
            Require(e.RegistrationProvince is not null, "注册地（省份）");
            Require(e.FoundedOn is not null, "成立日期");
            Require(e.AnnualRevenueYuan is not null, "上年度营业收入（万元）");
        }
        Require(e.LeaderGender is not null, "负责人性别");
        Require(!string.IsNullOrWhiteSpace(e.ContactName), "联系人");
        Require(!string.IsNullOrWhiteSpace(e.ContactPhone), "联系电话");
        Require(!string.IsNullOrWhiteSpace(e.ContactEmail), "联系邮箱");
        return missing;
    }
}

/// <summary>One line of the entry's checklist: done when <see cref="Problem"/> is null; otherwise what is missing and where to fix it.</summary>
public sealed record ChecklistStep(string Key, string Label, string? Problem, string Link, string LinkText)
{
    public bool Done => Problem is null;
}
