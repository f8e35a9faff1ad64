using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Publication;

public sealed record VersionSummary(int Id, int Number, PublicationStage Stage, DateTime PublishedAt, DateTime AnnouncementEndsAt,
    int AnnouncementDays, DateTime? FinalizedAt, string Note, Guid Token)
{
    /// <summary>A newer version replaced this one. Its row keeps the stage it had (公示中), which is no longer true of it.</summary>
    public bool Superseded { get; init; }
}

/// <param name="Rows">The ranked entries, then (rank 0) the entries with sheets that got no rank, with the reason.</param>
public sealed record RankGroup(int TrackId, string TrackName, string TrackNameEn, IReadOnlyList<PublishedRank> Rows)
{
    public string LocalizedName => Localized.Pick(TrackName, TrackNameEn);

    public IReadOnlyList<PublishedRank> Ranked => [.. Rows.Where(r => r.Rank > 0)];

    public IReadOnlyList<PublishedRank> Unranked => [.. Rows.Where(r => r.Rank == 0)];
}

public sealed record ObjectionSummary(int Id, int VersionNumber, string? EntryTitle, ObjectionStatus Status, string? Answer, DateTime FiledAt,
    DateTime? DecidedAt);

/// <summary>A published change of a round's rules (规则变更公告), with the rules before and after.</summary>
public sealed record RuleChangeNotice(int Id, int RoundId, string RoundName, DateTime ChangedAt, string ChangedBy, string Reason,
    RoundRules Before, RoundRules After);

/// <summary>
/// What a published version says about how it was computed: its stored rules (null for versions published before rules
/// were stored), the lot draws and panel decisions it used, and every change of the rules since scoring opened.
/// </summary>
public sealed record MethodFacts(RoundRules? Rules, IReadOnlyList<PublishedDraw> Draws, IReadOnlyList<RuleChangeNotice> Changes)
{
    public IReadOnlyList<PublishedDraw> PanelDecisions { get; init; } = [];
}

/// <summary>A published version as the public sees it; <see cref="TrackId"/> narrows the page to one group.</summary>
public sealed record PublicRoundResults(int ContestId, string ContestName, int RoundId, string RoundName, VersionSummary Shown,
    VersionSummary Current, IReadOnlyList<RankGroup> Groups, IReadOnlyList<VersionSummary> Versions, IReadOnlyList<ObjectionSummary> Decided,
    int PendingObjections, bool AcceptsObjections, int? TrackId, MethodFacts Method)
{
    public bool IsCurrent => Shown.Number == Current.Number;

    /// <summary>Where <see cref="Groups"/> (one page of the version's rows, its groups cut to the rows on it) sits in the
    /// whole; null when every row is shown.</summary>
    public Paged<int>? Rows { get; init; }
}

public sealed record RoundResultsLink(int RoundId, string RoundName, VersionSummary Current, int VersionCount);

public sealed record ContestResults(int ContestId, string ContestName, IReadOnlyList<RoundResultsLink> Rounds);

public enum DiffKind { Unchanged, Changed, Added, Removed }

public sealed record DiffLine(int EntryId, string EntryTitle, string TrackName, int? OldRank, int? NewRank, int? OldScoreHundredths,
    int? NewScoreHundredths, DiffKind Kind);

public sealed record VersionDiff(int ContestId, string ContestName, int RoundId, string RoundName, VersionSummary Version,
    VersionSummary? Previous, IReadOnlyList<DiffLine> Lines);

public sealed record ManagedObjection(int Id, int VersionNumber, string UserName, string Email, int? EntryId, string? EntryTitle, string Text,
    DateTime FiledAt, string EvidenceFileName, long EvidenceSizeBytes, ObjectionStatus Status, string? Answer, DateTime? DecidedAt, Guid Token);

public sealed record DraftLine(RankedEntry Entry, string Title, string TeamName);

public sealed record DraftGroup(int TrackId, string TrackName, IReadOnlyList<DraftLine> Lines)
{
    /// <summary>Entries with sheets the rules give no score (e.g. 评委人数不足): published without a rank, with the reason.</summary>
    public IReadOnlyList<(UnrankedEntry Entry, string Title, string TeamName)> Unranked { get; init; } = [];
}

/// <param name="RulesChangedSinceCurrent">The round's rules changed after the current version was computed: it cannot be
/// finalized, only replaced by a new version (which goes through 公示 again).</param>
public sealed record ManageResultsPage(int ContestId, string ContestName, Round Round, IReadOnlyList<DraftGroup> Draft, VersionSummary? Current,
    IReadOnlyList<VersionSummary> Versions, IReadOnlyList<ManagedObjection> Objections, bool PeriodEnded, bool RulesChangedSinceCurrent = false)
{
    /// <summary>Where <see cref="Draft"/> (one page of the draft ranking, its groups cut to the rows on it) sits in the whole.</summary>
    public Paged<int> DraftRows { get; init; } = new([], 0, 1, ResultPages.DraftPageSize);

    public int PendingCount => Objections.Count(o => o.Status == ObjectionStatus.Pending);
}

/// <summary>The read side of publication: public pages (published contests only), the diff, and the organizers' page.</summary>
public sealed class ResultPages(AppDbContext db, RoundRanking ranking, TimeProvider clock)
{
    public const int DraftPageSize = 100;

    /// <summary>The method facts of one published version (see <see cref="MethodFacts"/>).</summary>
    public async Task<MethodFacts> MethodAsync(int versionId, CancellationToken ct)
    {
        var version = await db.RankingVersions.AsNoTracking().Where(v => v.Id == versionId)
            .Select(v => new { v.RoundId, v.Rules, v.Draws }).SingleAsync(ct);
        var rules = RoundRules.FromJson(version.Rules);
        var recorded = string.IsNullOrEmpty(version.Draws) ? []
            : System.Text.Json.JsonSerializer.Deserialize<List<PublishedDraw>>(version.Draws, JsonWeb) ?? [];
        return new MethodFacts(rules, [.. recorded.Where(d => d.Kind is null or PublishedDraw.LotDraw)], await RuleChangesAsync(version.RoundId, ct))
        {
            PanelDecisions = [.. recorded.Where(d => d.Kind == PublishedDraw.PanelDecision)],
        };
    }

    /// <summary>Changes of the round's rules and of the earlier rounds it weighs in, oldest first.</summary>
    public async Task<IReadOnlyList<RuleChangeNotice>> RuleChangesAsync(int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var changes = await db.RoundRuleChanges.AsNoTracking().Affecting(round).OrderBy(c => c.Id).ToListAsync(ct);
        var ids = changes.Select(c => c.RoundId).Distinct().ToList();
        var names = await db.Rounds.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.LocalizedName, ct);
        return [.. changes.Select(c => new RuleChangeNotice(c.Id, c.RoundId, names.GetValueOrDefault(c.RoundId) ?? "", c.ChangedAt, c.ChangedByName,
            c.Reason, RoundRules.FromJson(c.RulesBefore) ?? new RoundRules(), RoundRules.FromJson(c.RulesAfter) ?? new RoundRules()))];
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonWeb = new(System.Text.Json.JsonSerializerDefaults.Web);

    public async Task<ContestResults?> ContestAsync(int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId && c.IsPublished, ct);
        if (contest is null) return null;
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId).OrderBy(r => r.Sequence).ToListAsync(ct);
        var versions = await VersionsQuery(db.RankingVersions.Where(v => v.ContestId == contestId)).ToListAsync(ct);
        var links = rounds.Select(r => (Round: r, Versions: versions.Where(v => v.RoundId == r.Id).Select(v => v.Summary).ToList()))
            .Where(x => x.Versions.Count > 0)
            .Select(x => new RoundResultsLink(x.Round.Id, x.Round.LocalizedName, x.Versions.MaxBy(v => v.Number)!, x.Versions.Count))
            .ToList();
        return new ContestResults(contest.Id, contest.LocalizedName, links);
    }

    /// <summary>Rows of a public results page: a round of 10,000 entries on one page would weigh over a megabyte.</summary>
    public const int PublicPageSize = 100;

    /// <param name="number">A version number, or null for the current one.</param>
    /// <param name="page">The page of <see cref="PublicPageSize"/> rows to show, or null for every row (the objection form
    /// lists them all to choose from).</param>
    public async Task<PublicRoundResults?> RoundAsync(int contestId, int roundId, int? number, int? trackId, CancellationToken ct,
        int? page = null)
    {
        var head = await HeadAsync(contestId, roundId, ct);
        if (head is null) return null;
        var (contestName, round, versions) = head.Value;
        var current = versions[0];
        var shown = number is { } n ? versions.FirstOrDefault(v => v.Number == n) : current;
        if (shown is null) return null;
        // Each group's ranked rows, then its unranked ones (rank 0), as the page lists them, so a page is a slice of that list.
        var ordered = db.PublishedRanks.AsNoTracking().Where(r => r.VersionId == shown.Id)
            .Where(r => trackId == null || r.TrackId == trackId)
            .OrderBy(r => r.TrackOrder).ThenBy(r => r.Rank == 0 ? 1 : 0).ThenBy(r => r.Rank).ThenBy(r => r.EntryId);
        var paged = page is { } p ? await ordered.ToPageAsync(p, PublicPageSize, ct) : null;
        var rows = paged?.Rows ?? await ordered.ToListAsync(ct);
        var groups = rows.GroupBy(r => (r.TrackId, r.TrackOrder))
            .Select(g => new RankGroup(g.Key.TrackId, g.First().TrackName, g.First().TrackNameEn, g.ToList())).ToList();
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var objections = await db.Objections.AsNoTracking().Where(o => o.RoundId == roundId)
            .OrderBy(o => o.FiledAt).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.VersionId, o.EntryId, o.Status, o.Answer, o.FiledAt, o.DecidedAt }).ToListAsync(ct);
        var titles = await TitlesAsync(contestId, objections.Where(o => o.EntryId != null).Select(o => o.EntryId!.Value), ct);
        var decided = objections.Where(o => o.Status != ObjectionStatus.Pending)
            .Select(o => new ObjectionSummary(o.Id, numbers.GetValueOrDefault(o.VersionId), o.EntryId is { } e ? titles.GetValueOrDefault(e) : null,
                o.Status, o.Answer, o.FiledAt, o.DecidedAt)).ToList();
        var accepts = current.Stage == PublicationStage.Announcement && clock.GetUtcNow().UtcDateTime < current.AnnouncementEndsAt;
        return new PublicRoundResults(contestId, contestName, roundId, round.LocalizedName, shown, current, groups, versions, decided,
            objections.Count(o => o.Status == ObjectionStatus.Pending), accepts, trackId, await MethodAsync(shown.Id, ct))
        {
            Rows = paged is null ? null : new Paged<int>([], paged.Total, paged.Page, paged.Size),
        };
    }

    /// <summary>Version <paramref name="number"/> against the one before it: rank and score changes, entries added and removed.</summary>
    public async Task<VersionDiff?> DiffAsync(int contestId, int roundId, int number, bool includeUnpublishedContest, CancellationToken ct)
    {
        var head = await HeadAsync(contestId, roundId, ct, includeUnpublishedContest);
        if (head is null) return null;
        var (contestName, round, versions) = head.Value;
        var version = versions.FirstOrDefault(v => v.Number == number);
        if (version is null) return null;
        var previous = versions.FirstOrDefault(v => v.Number == number - 1);
        var ids = previous is null ? [version.Id] : new[] { version.Id, previous.Id };
        var rows = await db.PublishedRanks.AsNoTracking().Where(r => ids.Contains(r.VersionId)).ToListAsync(ct);
        var now = rows.Where(r => r.VersionId == version.Id).ToDictionary(r => r.EntryId);
        var before = previous is null ? [] : rows.Where(r => r.VersionId == previous.Id).ToDictionary(r => r.EntryId);
        var lines = now.Keys.Union(before.Keys).Select(id =>
        {
            var n = now.GetValueOrDefault(id);
            var b = before.GetValueOrDefault(id);
            var any = n ?? b!;
            var kind = n is null ? DiffKind.Removed : b is null ? DiffKind.Added
                : n.Rank != b.Rank || n.ScoreHundredths != b.ScoreHundredths || n.TrackId != b.TrackId ? DiffKind.Changed : DiffKind.Unchanged;
            // An unranked row (rank 0) has neither rank nor score.
            return new DiffLine(id, any.EntryTitle, Localized.Pick(any.TrackName, any.TrackNameEn), b is { Rank: > 0 } ? b.Rank : null,
                n is { Rank: > 0 } ? n.Rank : null, b is { Rank: > 0 } ? b.ScoreHundredths : null, n is { Rank: > 0 } ? n.ScoreHundredths : null, kind);
        })
        .OrderBy(l => l.Kind == DiffKind.Unchanged).ThenBy(l => l.TrackName, StringComparer.Ordinal).ThenBy(l => l.NewRank ?? int.MaxValue)
        .ThenBy(l => l.OldRank ?? int.MaxValue).ToList();
        return new VersionDiff(contestId, contestName, roundId, round.LocalizedName, version, previous, lines);
    }

    public async Task<ManageResultsPage?> ManageAsync(int contestId, int roundId, int draftPage, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (contest is null || round is null) return null;
        var computed = await ranking.ComputeAsync(roundId, ct);
        var groups = computed?.Groups.Where(g => g.Entries.Count > 0 || g.Unranked.Count > 0).ToList() ?? [];
        // One page of the whole draft, in order (each group's ranked entries, then its unranked ones); names are read
        // for that page only, so neither the page nor its queries grow with the round.
        var rows = groups.SelectMany((g, i) => g.Entries.Select(e => (Group: i, Ranked: (RankedEntry?)e, Unranked: (UnrankedEntry?)null, e.EntryId))
            .Concat(g.Unranked.Select(u => (Group: i, Ranked: (RankedEntry?)null, Unranked: (UnrankedEntry?)u, u.EntryId)))).ToList();
        var shown = rows.ToPage(draftPage, DraftPageSize);
        var names = await db.EntryNamesAsync(contestId, shown.Rows.Select(r => r.EntryId), ct);
        var draft = shown.Rows.GroupBy(r => r.Group).Select(rs => new DraftGroup(groups[rs.Key].TrackId, groups[rs.Key].LocalizedName,
            [.. rs.Where(r => r.Ranked is not null).Select(r => new DraftLine(r.Ranked!, names.Of(r.EntryId).Title, names.Of(r.EntryId).TeamName))])
        {
            Unranked = [.. rs.Where(r => r.Unranked is not null).Select(r => (r.Unranked!, names.Of(r.EntryId).Title, names.Of(r.EntryId).TeamName))],
        }).ToList();
        var versions = await RoundVersionsAsync(roundId, ct);
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var objections = await db.Objections.AsNoTracking().Where(o => o.RoundId == roundId).OrderBy(o => o.Status != ObjectionStatus.Pending)
            .ThenBy(o => o.FiledAt).ThenBy(o => o.Id).ToListAsync(ct);
        var titles = await TitlesAsync(contestId, objections.Where(o => o.EntryId != null).Select(o => o.EntryId!.Value), ct);
        var current = versions.FirstOrDefault();
        var changedSince = current is not null && await db.RankingVersions.Where(v => v.Id == current.Id).Select(v => v.RuleChangeCount).SingleAsync(ct)
            != await db.RoundRuleChanges.Affecting(round).CountAsync(ct);
        return new ManageResultsPage(contestId, contest.LocalizedName, round, draft, current, versions,
            objections.Select(o => new ManagedObjection(o.Id, numbers.GetValueOrDefault(o.VersionId), o.UserName, o.Email, o.EntryId,
                o.EntryId is { } e ? titles.GetValueOrDefault(e) : null, o.Text, o.FiledAt, o.EvidenceFileName, o.EvidenceSizeBytes, o.Status,
                o.Answer, o.DecidedAt, o.Version)).ToList(),
            current is not null && clock.GetUtcNow().UtcDateTime >= current.AnnouncementEndsAt, changedSince)
        {
            DraftRows = new Paged<int>([.. shown.Rows.Select(r => r.EntryId)], shown.Total, shown.Page, shown.Size),
        };
    }

    private async Task<(string ContestName, Round Round, List<VersionSummary> Versions)?> HeadAsync(int contestId, int roundId, CancellationToken ct,
        bool includeUnpublishedContest = false)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId && (c.IsPublished || includeUnpublishedContest), ct);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (contest is null || round is null) return null;
        var versions = await RoundVersionsAsync(roundId, ct);
        return versions.Count == 0 ? null : (contest.LocalizedName, round, versions);
    }

    /// <summary>The round's versions, newest first, every one but the newest marked <see cref="VersionSummary.Superseded"/>.</summary>
    private async Task<List<VersionSummary>> RoundVersionsAsync(int roundId, CancellationToken ct) =>
        [.. (await VersionsQuery(db.RankingVersions.Where(v => v.RoundId == roundId)).ToListAsync(ct))
            .Select(v => v.Summary).OrderByDescending(v => v.Number).Select((v, i) => v with { Superseded = i > 0 })];

    private static IQueryable<VersionRow> VersionsQuery(IQueryable<RankingVersion> versions) =>
        versions.AsNoTracking().Select(v => new VersionRow(v.RoundId,
            new VersionSummary(v.Id, v.Number, v.Stage, v.PublishedAt, v.AnnouncementEndsAt, v.AnnouncementDays, v.FinalizedAt, v.Note, v.Version)));

    private sealed record VersionRow(int RoundId, VersionSummary Summary);

    private async Task<Dictionary<int, string>> TitlesAsync(int contestId, IEnumerable<int> entryIds, CancellationToken ct) =>
        (await db.EntryNamesAsync(contestId, entryIds, ct)).ToDictionary(n => n.Key, n => n.Value.Title);
}
