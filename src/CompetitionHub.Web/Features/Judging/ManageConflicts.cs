using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Judging;

public sealed record EntryChoice(int Id, string Title, string? CompanyName);

public sealed record JudgeChoice(string UserId, string Name, string Email);

/// <summary>A row of the conflict map as a page shows it.</summary>
public sealed record ConflictRow(string JudgeUserId, string JudgeName, int EntryId, string EntryTitle, string? CompanyName,
    ConflictType Type, ConflictSource Source, string Reason, int? ConflictId);

/// <summary>A conflict the judge recorded themselves (entry or organization), which they may withdraw while active.</summary>
public sealed record DeclaredConflict(int Id, string Target, ConflictType Type, string Reason, bool IsActive, DateTime CreatedAt,
    DateTime? LiftedAt, string? LiftReason);

public sealed record JudgeConflictsPage(int ContestId, string ContestName, IReadOnlyList<DeclaredConflict> Declared,
    IReadOnlyList<ConflictRow> Active, IReadOnlyList<EntryChoice> Entries, ConflictForm Form)
{
    /// <summary>The contest's entries a judge may declare against; more than <see cref="ManageConflicts.ListedEntries"/> are searched, not listed.</summary>
    public int EntryCount { get; init; }

    public bool Searched => EntryCount > ManageConflicts.ListedEntries;

    /// <summary>What the judge searched for (title, company or #number).</summary>
    public string? Query { get; init; }
}

public sealed record OrganizerConflictsPage(int ContestId, string ContestName, Paged<ConflictRow> Active, ConflictListQuery Query,
    IReadOnlyList<JudgeChoice> Judges, ConflictForm Form);

/// <summary>Which rows of the conflict map the organizer's page lists: a judge, an entry (title or #number), a source, a page.</summary>
public sealed record ConflictListQuery(string? Q = null, ConflictSource? Source = null, int Page = 1)
{
    public const int PageSize = 50;
}

/// <summary>
/// Conflicts of interest as people record them: a judge declares or withdraws their own; an organizer adds one for any
/// judge of the pool and lifts any row of the <see cref="ConflictMap"/> with a reason. Lifting never deletes: the row stays
/// inactive with who, when and why, and every change is audited ("Conflict").
/// </summary>
public sealed class ManageConflicts(AppDbContext db, ConflictMap map, JudgeAccess judges, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ManageConflicts> logger)
{
    /// <summary>Whether the user is an accepted judge of the contest's pool (only they declare conflicts there).</summary>
    public Task<bool> IsPoolJudgeAsync(int contestId, string userId, CancellationToken ct) =>
        db.ContestJudges.AnyAsync(j => j.ContestId == contestId && j.UserId == userId && j.Status == JudgeStatus.Accepted, ct);

    /// <summary>A judge's form lists a contest's entries whole up to this many; beyond, it lists what the judge searched for.</summary>
    public const int ListedEntries = 200;

    /// <summary>At most this many matches of a search are offered.</summary>
    public const int SearchMatches = 50;

    public async Task<JudgeConflictsPage?> JudgePageAsync(int contestId, string userId, ConflictForm form, CancellationToken ct, string? query = null)
    {
        if (await ContestNameAsync(contestId, ct) is not { } name) return null;
        var declared = await db.Conflicts.AsNoTracking()
            .Where(c => c.ContestId == contestId && c.JudgeUserId == userId && c.Source == ConflictSource.Declared)
            .OrderByDescending(c => c.IsActive).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
        var (entries, count) = await EntryChoicesAsync(contestId, query, form.EntryId, ct);
        var declaredEntries = declared.Where(c => c.EntryId is not null).Select(c => c.EntryId!.Value).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && declaredEntries.Contains(e.Id))
            .Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        var rows = declared.Select(c => new DeclaredConflict(c.Id,
            c.EntryId is { } id ? titles.GetValueOrDefault(id, "#" + id) : $"{c.OrganizationName} ({c.OrganizationCreditCode})",
            c.Type, c.Reason, c.IsActive, c.CreatedAt, c.LiftedAt, c.LiftReason)).ToList();
        var active = (await RowsAsync(await map.ActiveForJudgesAsync(contestId, [userId], null, ct), ct))
            .OrderBy(r => r.EntryTitle, StringComparer.Ordinal).ToList();
        return new JudgeConflictsPage(contestId, name, rows, active, entries, form) { EntryCount = count, Query = query?.Trim() };
    }

    /// <summary>
    /// The organizer's page: one page of the contest's conflict map, filtered. Detected conflicts are worked out in memory
    /// (they have no rows), so the filter runs there; only the page's rows are given names and titles.
    /// </summary>
    public async Task<OrganizerConflictsPage?> OrganizerPageAsync(int contestId, ConflictForm form, CancellationToken ct,
        ConflictListQuery? query = null)
    {
        query ??= new ConflictListQuery();
        if (await ContestNameAsync(contestId, ct) is not { } name) return null;
        var judges = await (from j in db.ContestJudges.AsNoTracking()
                            join u in db.Users on j.UserId equals u.Id
                            where j.ContestId == contestId && j.Status == JudgeStatus.Accepted
                            orderby u.DisplayName
                            select new JudgeChoice(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        IEnumerable<ConflictPair> pairs = await map.ActiveAsync(contestId, ct);
        if (query.Source is { } source) pairs = pairs.Where(p => p.Source == source);
        var names = judges.ToDictionary(j => j.UserId, j => j.Name);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            var number = int.TryParse(q.TrimStart('#'), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            var judgeMatches = judges.Where(j => j.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                                                 || j.Email.Contains(q, StringComparison.OrdinalIgnoreCase)).Select(j => j.UserId).ToHashSet();
            var entryMatches = (await db.Entries.AsNoTracking()
                .Where(e => e.ContestId == contestId && (e.Title.Contains(q) || (e.CompanyName != null && e.CompanyName.Contains(q))))
                .Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            pairs = pairs.Where(p => judgeMatches.Contains(p.JudgeUserId) || entryMatches.Contains(p.EntryId) || p.EntryId == number);
        }
        var page = pairs.OrderBy(p => names.GetValueOrDefault(p.JudgeUserId, ""), StringComparer.Ordinal).ThenBy(p => p.JudgeUserId, StringComparer.Ordinal)
            .ThenBy(p => p.EntryId).ThenBy(p => p.Type).ToList().ToPage(query.Page, ConflictListQuery.PageSize);
        var rows = await RowsAsync(page.Rows, ct);
        return new OrganizerConflictsPage(contestId, name, new Paged<ConflictRow>(rows, page.Total, page.Page, page.Size),
            query with { Page = page.Page }, judges, form);
    }

    /// <summary>A judge declares a conflict of their own.</summary>
    public Task<bool> DeclareAsync(int contestId, string judgeUserId, ConflictForm form, ModelStateDictionary errors, string siteBase, CancellationToken ct) =>
        AddAsync(contestId, judgeUserId, judgeUserId, ConflictSource.Declared, form, errors, siteBase, ct);

    /// <summary>An organizer records a conflict for a judge of the pool.</summary>
    public async Task<bool> AddForJudgeAsync(int contestId, string organizerId, ConflictForm form, ModelStateDictionary errors, string siteBase, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(form.JudgeUserId) || !await IsPoolJudgeAsync(contestId, form.JudgeUserId, ct))
        {
            errors.AddModelError(nameof(form.JudgeUserId), t["请选择评委库中的评委。"]);
            return false;
        }
        return await AddAsync(contestId, form.JudgeUserId, organizerId, ConflictSource.Organizer, form, errors, siteBase, ct);
    }

    private async Task<bool> AddAsync(int contestId, string judgeUserId, string actorId, ConflictSource source, ConflictForm form,
        ModelStateDictionary errors, string siteBase, CancellationToken ct)
    {
        if (form.Type is { } type && (!Enum.IsDefined(type) || type == ConflictType.TeamMember))
            errors.AddModelError(nameof(form.Type), t["请选择冲突类型。"]);
        if (string.IsNullOrWhiteSpace(form.Reason))
            errors.AddModelError(nameof(form.Reason), t["请填写原因。"]);
        int? entryId = null;
        string? code = null, orgName = null;
        if (form.Target == ConflictTarget.Entry)
        {
            if (form.EntryId is not { } id || !await db.Entries.AnyAsync(e => e.Id == id && e.ContestId == contestId && e.Status != EntryStatus.Draft, ct))
                errors.AddModelError(nameof(form.EntryId), t["请选择本赛事的参赛项目。"]);
            entryId = form.EntryId;
        }
        else
        {
            if (CreditCodeMessages.Problem(t, form.OrganizationCreditCode) is { } problem)
                errors.AddModelError(nameof(form.OrganizationCreditCode), problem);
            if (string.IsNullOrWhiteSpace(form.OrganizationName))
                errors.AddModelError(nameof(form.OrganizationName), t["请填写企业名称。"]);
            code = CreditCode.Normalize(form.OrganizationCreditCode);
            orgName = form.OrganizationName?.Trim();
        }
        if (!errors.IsValid) return false;

        return await db.SaveAtomicallyAsync(async ct =>
        {
            var before = await judges.RevokedEntriesAsync(contestId, judgeUserId, ct);
            var conflict = new Conflict
            {
                ContestId = contestId, JudgeUserId = judgeUserId, EntryId = entryId, OrganizationCreditCode = code,
                OrganizationName = orgName, Type = form.Type!.Value, Source = source, Reason = form.Reason.Trim(),
                IsActive = true, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = actorId,
            };
            db.Conflicts.Add(conflict);
            await db.SaveChangesAsync(ct);
            audit.Record(contestId, nameof(Conflict), conflict.Id, source == ConflictSource.Declared ? "Declared" : "Added", after: Snapshot(conflict));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Conflict {ConflictId} ({Source}) recorded for judge {JudgeId} in contest {ContestId}",
                conflict.Id, source, judgeUserId, contestId);
            // Access to the entries it covers ended with the save; the judge is told when it took any assignment away.
            var revoked = await judges.RevokedEntriesAsync(contestId, judgeUserId, ct);
            await judges.QueueRevokedNoticeAsync(contestId, judgeUserId, removed: false, revoked.Except(before).Count(), siteBase, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// The early-pilot/typo warning for an organization's code that fails the check character: such a code is recorded
    /// (it is what the licence says), and the person is told what to look at.
    /// </summary>
    public string? CodeWarning(ConflictForm form) =>
        form.Target == ConflictTarget.Organization ? CreditCodeMessages.Warning(t, form.OrganizationCreditCode) : null;

    /// <summary>A judge withdraws one of their own active declarations.</summary>
    public async Task<SetupResult> WithdrawAsync(int contestId, string judgeUserId, int conflictId, string? reason, CancellationToken ct)
    {
        var conflict = await db.Conflicts.SingleOrDefaultAsync(c => c.Id == conflictId && c.ContestId == contestId
            && c.JudgeUserId == judgeUserId && c.Source == ConflictSource.Declared, ct);
        if (conflict is null) return SetupResult.Fail("", t["找不到这条申报。"]);
        if (!conflict.IsActive) return SetupResult.Fail("", t["这条申报已撤回或已解除。"]);
        Lift(conflict, judgeUserId, string.IsNullOrWhiteSpace(reason) ? t["评委撤回申报"] : reason.Trim());
        audit.Record(contestId, nameof(Conflict), conflict.Id, "Withdrawn", after: Snapshot(conflict), reason: conflict.LiftReason);
        await db.SaveChangesAsync(ct);
        return SetupResult.Done(conflict.Id, t["申报已撤回。"]);
    }

    /// <summary>An organizer lifts a row of the map: a recorded conflict by id, a detected one by recording it inactive.</summary>
    public async Task<SetupResult> LiftAsync(int contestId, string organizerId, LiftConflictForm form, CancellationToken ct)
    {
        var reason = form.Reason.Trim();
        if (form.ConflictId is { } id)
        {
            var conflict = await db.Conflicts.SingleOrDefaultAsync(c => c.Id == id && c.ContestId == contestId, ct);
            if (conflict is null || !conflict.IsActive) return SetupResult.Fail("", t["这条回避关系已解除或不存在。"]);
            Lift(conflict, organizerId, reason);
            audit.Record(contestId, nameof(Conflict), conflict.Id, "Lifted", after: Snapshot(conflict), reason: reason);
            await db.SaveChangesAsync(ct);
            return SetupResult.Done(conflict.Id, t["回避关系已解除。"]);
        }
        if (form.JudgeUserId is null || form.EntryId is null || form.Type is null) return SetupResult.Fail("", t["这条回避关系已解除或不存在。"]);
        var detected = (await map.ActiveAsync(contestId, ct)).FirstOrDefault(p => p.Source == ConflictSource.Detected
            && p.JudgeUserId == form.JudgeUserId && p.EntryId == form.EntryId && p.Type == form.Type);
        if (detected is null) return SetupResult.Fail("", t["这条回避关系已解除或不存在。"]);
        return await db.SaveAtomicallyAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var record = new Conflict
            {
                ContestId = contestId, JudgeUserId = detected.JudgeUserId, EntryId = detected.EntryId, Type = detected.Type,
                Source = ConflictSource.Detected, Reason = detected.Reason, IsActive = false, CreatedAt = now, CreatedByUserId = organizerId,
                LiftedAt = now, LiftedByUserId = organizerId, LiftReason = reason,
            };
            db.Conflicts.Add(record);
            await db.SaveChangesAsync(ct);
            audit.Record(contestId, nameof(Conflict), record.Id, "Lifted", after: Snapshot(record), reason: reason);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Detected conflict of judge {JudgeId} with entry {EntryId} lifted in contest {ContestId}",
                record.JudgeUserId, record.EntryId, contestId);
            return SetupResult.Done(record.Id, t["回避关系已解除。"]);
        }, ct);
    }

    private void Lift(Conflict conflict, string userId, string reason)
    {
        conflict.IsActive = false;
        conflict.LiftedAt = clock.GetUtcNow().UtcDateTime;
        conflict.LiftedByUserId = userId;
        conflict.LiftReason = reason.Length > 1000 ? reason[..1000] : reason;
    }

    /// <summary>Names and titles for the pairs shown (one page, or one judge's): never for the whole contest.</summary>
    private async Task<List<ConflictRow>> RowsAsync(IReadOnlyList<ConflictPair> pairs, CancellationToken ct)
    {
        var judgeIds = pairs.Select(p => p.JudgeUserId).Distinct().ToList();
        var entryIds = pairs.Select(p => p.EntryId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Title, e.CompanyName })
            .ToDictionaryAsync(e => e.Id, ct);
        return pairs.Select(p => new ConflictRow(p.JudgeUserId, names.GetValueOrDefault(p.JudgeUserId, ""), p.EntryId,
                entries.TryGetValue(p.EntryId, out var e) ? e.Title : "#" + p.EntryId, e?.CompanyName, p.Type, p.Source, p.Reason, p.ConflictId))
            .ToList();
    }

    /// <summary>
    /// The entries the judge's form offers: all of a contest of up to <see cref="ListedEntries"/>; of a larger one, those
    /// matching the search (title, company, or #number), at most <see cref="SearchMatches"/>, and the one already chosen.
    /// </summary>
    private async Task<(List<EntryChoice> Entries, int Count)> EntryChoicesAsync(int contestId, string? query, int? chosen, CancellationToken ct)
    {
        var all = db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && e.Status != EntryStatus.Draft);
        var count = await all.CountAsync(ct);
        if (count <= ListedEntries)
            return (await all.OrderBy(e => e.Title).Select(e => new EntryChoice(e.Id, e.Title, e.CompanyName)).ToListAsync(ct), count);

        var text = query?.Trim() ?? "";
        var matches = new List<EntryChoice>();
        if (text.Length > 0)
        {
            var byNumber = text.StartsWith('#') && int.TryParse(text[1..], out var number) ? number : (int?)null;
            matches = await (byNumber is { } id ? all.Where(e => e.Id == id)
                    : all.Where(e => e.Title.Contains(text) || (e.CompanyName != null && e.CompanyName.Contains(text))))
                .OrderBy(e => e.Title).Take(SearchMatches).Select(e => new EntryChoice(e.Id, e.Title, e.CompanyName)).ToListAsync(ct);
        }
        if (chosen is { } picked && matches.All(m => m.Id != picked))
            matches.InsertRange(0, await all.Where(e => e.Id == picked).Select(e => new EntryChoice(e.Id, e.Title, e.CompanyName)).ToListAsync(ct));
        return (matches, count);
    }

    private async Task<string?> ContestNameAsync(int contestId, CancellationToken ct)
    {
        var c = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        return c is null ? null : Localized.Pick(c.Name, c.NameEn);
    }

    private static object Snapshot(Conflict c) => new
    {
        c.JudgeUserId, c.EntryId, c.OrganizationCreditCode, c.OrganizationName, Type = c.Type.ToString(),
        Source = c.Source.ToString(), c.Reason, c.IsActive, c.LiftedByUserId, c.LiftReason,
    };
}
