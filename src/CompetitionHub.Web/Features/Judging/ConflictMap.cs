using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>One reason a judge may not judge an entry.</summary>
/// <param name="ConflictId">The recorded <see cref="Conflict"/> behind a declared or organizer pair (an organization-wide
/// one yields a pair per entry, all with the same id); null for a detected pair, which has no row until it is lifted.</param>
public sealed record ConflictPair(string JudgeUserId, int EntryId, ConflictType Type, ConflictSource Source, string Reason,
    int? ConflictId = null);

/// <summary>
/// Every active conflict between a contest's judges and its entries, in one place for assignment, panels and materials.
/// Detected conflicts are worked out afresh each time from the judges' profiles and the teams (a profile edited today
/// counts today): same employer credit code as the entry's company, a position or shareholding in it, or membership in
/// the entry's team. An organizer lifts a detected conflict by recording it inactive; declared and organizer-added
/// conflicts count while active, per entry or for every entry of an organization (by credit code).
/// </summary>
public sealed class ConflictMap(AppDbContext db)
{
    public Task<IReadOnlyList<ConflictPair>> ActiveAsync(int contestId, CancellationToken ct) => ActiveAsync(contestId, null, null, null, ct);

    /// <summary>The active conflicts of only these judges (one page of the pool), with every entry they touch.</summary>
    /// <param name="profiles">The profiles of these judges when the caller has already read them (the pool page shows
    /// them), so they are not read a second time; null to read them here.</param>
    public Task<IReadOnlyList<ConflictPair>> ActiveForJudgesAsync(int contestId, IReadOnlyCollection<string> judgeIds,
        IReadOnlyCollection<JudgeProfile>? profiles, CancellationToken ct) =>
        ActiveAsync(contestId, judgeIds, null, profiles, ct);

    /// <summary>
    /// The active conflicts between only these judges and entries, with their reasons (a session's recusals), without
    /// working out the whole contest's map.
    /// </summary>
    public Task<IReadOnlyList<ConflictPair>> ActiveBetweenAsync(int contestId, IReadOnlyCollection<string> judgeIds,
        IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        ActiveAsync(contestId, judgeIds, entryIds, null, ct);

    /// <summary>The pairs of <see cref="ActiveBetweenAsync"/>: what a score submission needs to know.</summary>
    public async Task<IReadOnlySet<(string Judge, int Entry)>> ActivePairsAsync(int contestId, IReadOnlyCollection<string> judgeIds,
        IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        (await ActiveBetweenAsync(contestId, judgeIds, entryIds, ct)).Select(p => (p.JudgeUserId, p.EntryId)).ToHashSet();

    /// <summary>What the map needs of a recorded conflict; <see cref="EntryCounts"/>: its entry is one of the entries asked about.</summary>
    private sealed record Recorded(int Id, string JudgeUserId, int? EntryId, string? OrganizationCreditCode, ConflictType Type,
        ConflictSource Source, string Reason, bool IsActive, bool EntryCounts);

    private async Task<IReadOnlyList<ConflictPair>> ActiveAsync(int contestId, IReadOnlyCollection<string>? onlyJudges,
        IReadOnlyCollection<int>? onlyEntries, IReadOnlyCollection<JudgeProfile>? knownProfiles, CancellationToken ct)
    {
        var entryQuery = db.Entries.AsNoTracking().Where(e => e.ContestId == contestId);
        if (onlyEntries is not null) entryQuery = entryQuery.Where(e => onlyEntries.Contains(e.Id));
        var judgeQuery = db.ContestJudges.AsNoTracking()
            .Where(j => j.ContestId == contestId && j.UserId != null && j.Status != JudgeStatus.Removed);
        if (onlyJudges is not null) judgeQuery = judgeQuery.Where(j => onlyJudges.Contains(j.UserId!));
        var judgeIds = await judgeQuery.Select(j => j.UserId!).Distinct().ToListAsync(ct);
        var profiles = knownProfiles is not null ? knownProfiles.Where(p => judgeIds.Contains(p.UserId)).ToList()
            : await db.JudgeProfiles.AsNoTracking().Where(p => judgeIds.Contains(p.UserId)).ToListAsync(ct);
        // The teams the judges are in, then those teams' entries by the (contest, team) index. Two reads on purpose: as one
        // join, SQLite (which keeps no statistics here) walks every entry of the contest and probes the judges' teams.
        var teams = await db.TeamMembers.AsNoTracking().Where(m => judgeIds.Contains(m.UserId))
            .Select(m => new { m.TeamId, m.UserId }).ToListAsync(ct);
        var teamIds = teams.Select(m => m.TeamId).Distinct().ToList();
        var teamEntries = teamIds.Count == 0 ? []
            : await entryQuery.Where(e => teamIds.Contains(e.TeamId)).Select(e => new { e.Id, e.TeamId }).ToListAsync(ct);
        var memberships = teams.Join(teamEntries, m => m.TeamId, e => e.TeamId, (m, e) => new { m.UserId, EntryId = e.Id })
            .OrderBy(m => m.UserId, StringComparer.Ordinal).ThenBy(m => m.EntryId).ToList();
        // Whether a recorded conflict's entry is one asked about is answered per row by primary key, so the contest's
        // entries are not read to check a few hundred conflicts.
        var recordedQuery = db.Conflicts.AsNoTracking().Where(c => c.ContestId == contestId);
        if (onlyJudges is not null) recordedQuery = recordedQuery.Where(c => onlyJudges.Contains(c.JudgeUserId));
        var recorded = await recordedQuery.OrderBy(c => c.Id)
            .Select(c => new Recorded(c.Id, c.JudgeUserId, c.EntryId, c.OrganizationCreditCode, c.Type, c.Source, c.Reason, c.IsActive,
                c.EntryId != null && entryQuery.Any(e => e.Id == c.EntryId)))
            .ToListAsync(ct);

        // Only the entries a code can name are read, through the (contest, credit code) index. Entries store their code
        // normalized (SaveEntry), so the database compares them with normalized codes exactly as the lookup below does.
        var codes = profiles.SelectMany(p => p.Holdings.Select(h => h.CreditCode).Append(p.AffiliationCreditCode))
            .Concat(recorded.Where(c => c.IsActive && c.Source != ConflictSource.Detected && c.EntryId is null).Select(c => c.OrganizationCreditCode))
            .Select(CreditCode.Normalize).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToList();
        var coded = codes.Count == 0 ? []
            : await entryQuery.Where(e => e.CreditCode != null && codes.Contains(e.CreditCode))
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.CreditCode }).ToListAsync(ct);
        var byCode = coded.ToLookup(e => CreditCode.Normalize(e.CreditCode)!, e => e.Id);
        var pairs = new List<ConflictPair>();

        foreach (var p in profiles)
        {
            if (CreditCode.Normalize(p.AffiliationCreditCode) is { Length: > 0 } employer)
                pairs.AddRange(byCode[employer].Select(e => new ConflictPair(p.UserId, e, ConflictType.Employer, ConflictSource.Detected, p.Affiliation)));
            foreach (var h in p.Holdings)
            {
                if (CreditCode.Normalize(h.CreditCode) is not { Length: > 0 } code) continue;
                pairs.AddRange(byCode[code].Select(e => new ConflictPair(p.UserId, e,
                    h.Kind == HoldingKind.Shareholding ? ConflictType.Investment : ConflictType.Advisor, ConflictSource.Detected, h.CompanyName)));
            }
        }
        pairs.AddRange(memberships.Select(m => new ConflictPair(m.UserId, m.EntryId, ConflictType.TeamMember, ConflictSource.Detected, "")));

        // A detected conflict an organizer lifted (recorded inactive for that judge, entry and type) no longer counts.
        var lifted = recorded.Where(c => c.Source == ConflictSource.Detected && !c.IsActive && c.EntryId is not null)
            .Select(c => (c.JudgeUserId, c.EntryId!.Value, c.Type)).ToHashSet();
        pairs.RemoveAll(p => lifted.Contains((p.JudgeUserId, p.EntryId, p.Type)));

        foreach (var c in recorded.Where(c => c.IsActive && c.Source != ConflictSource.Detected))
        {
            if (c.EntryId is { } entryId)
            {
                if (c.EntryCounts) pairs.Add(new ConflictPair(c.JudgeUserId, entryId, c.Type, c.Source, c.Reason, c.Id));
            }
            else if (CreditCode.Normalize(c.OrganizationCreditCode) is { Length: > 0 } code)
                pairs.AddRange(byCode[code].Select(e => new ConflictPair(c.JudgeUserId, e, c.Type, c.Source, c.Reason, c.Id)));
        }
        return pairs;
    }

    /// <summary>The (judge, entry) pairs that must never meet, for the solver and for recusals.</summary>
    public async Task<IReadOnlySet<(string Judge, int Entry)>> ActivePairsAsync(int contestId, CancellationToken ct) =>
        (await ActiveAsync(contestId, ct)).Select(p => (p.JudgeUserId, p.EntryId)).ToHashSet();
}
