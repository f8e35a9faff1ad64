using System.Globalization;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Publication;

public sealed record ApiVersion(int Number, string Stage, DateTime PublishedAt, DateTime AnnouncementEndsAt, DateTime? FinalizedAt, string Note);

public sealed record ApiRoundResults(int RoundId, int Sequence, string Name, string NameEn, ApiVersion Current, IReadOnlyList<ApiVersion> Versions);

public sealed record ApiContestResults(int ContestId, IReadOnlyList<ApiRoundResults> Rounds);

/// <summary>Words in both languages of the site.</summary>
public sealed record ApiWords(string ZhCn, string En);

/// <summary>One sentence of the method statement, in both languages.</summary>
public sealed record ApiStatementLine(string Key, ApiWords Label, ApiWords Text);

/// <summary>A setting a rule change changed, in both languages.</summary>
public sealed record ApiRuleDifference(ApiWords Label, ApiWords Before, ApiWords After);

public sealed record ApiRuleChange(int RoundId, DateTime ChangedAt, string ChangedBy, string Reason, RoundRules Before, RoundRules After,
    IReadOnlyList<ApiRuleDifference> Differences);

/// <summary>A lot draw the ranking used; the order is <c>LotDraw.Draw(entryIds, seed)</c> (algorithm named).</summary>
public sealed record ApiDraw(IReadOnlyList<int> EntryIds, decimal Score, int ScoreHundredths, int Seed, IReadOnlyList<int> Order, string Algorithm);

/// <summary>A panel decision the ranking used: the tied entries at that score, the decided order (first place first), the reason.</summary>
public sealed record ApiPanelDecision(IReadOnlyList<int> EntryIds, decimal Score, int ScoreHundredths, IReadOnlyList<int> Order, string Reason);

/// <summary>
/// How the published version was computed: its rules in data (null for versions published before rules were stored),
/// the same in words, the lot draws and panel decisions it used, and every change of the rules since scoring opened.
/// </summary>
public sealed record ApiMethod(RoundRules? Rules, IReadOnlyList<ApiStatementLine> Statement, IReadOnlyList<ApiDraw> Draws,
    IReadOnlyList<ApiRuleChange> RuleChanges)
{
    public IReadOnlyList<ApiPanelDecision> PanelDecisions { get; init; } = [];
}

/// <summary>
/// One judge group's part of an entry's own score: the group's number in <c>rules.judgeGroups</c>, its weight, its
/// score by the round's method over its judges' totals (unrounded hundredths as exact text; null = none of its judges
/// scored the entry) and how many of those totals were counted and dropped.
/// </summary>
public sealed record ApiGroupPart(int Group, ApiWords Name, int WeightPercent, string? ScoreHundredths, int Counted, int Dropped);

/// <summary>An entry with sheets that got no score and no rank: <see cref="Reason"/> is TooFewJudges or NoGroupedJudge.</summary>
public sealed record ApiUnrankedEntry(int EntryId, string Title, string Team, string Company, string Reason, ApiWords ReasonText, int JudgesScored);

/// <summary>
/// One entry of a published ranking. Judges: <see cref="PanelSize"/> on its panel, <see cref="JudgesScored"/> submitted,
/// <see cref="JudgesDropped"/> left out by a trimmed mean, <see cref="JudgeCount"/> counted. <see cref="DecidedBy"/> is the
/// tie-breaker token that decided its place among equal scores ("" if none did), <see cref="RankNote"/> says so in words.
/// </summary>
public sealed record ApiRankedEntry(int Rank, bool Tied, int EntryId, string Title, string Team, string Company, decimal Score, int JudgeCount)
{
    public int ScoreHundredths { get; init; }
    public int PanelSize { get; init; }
    public int JudgesScored { get; init; }
    public int JudgesDropped { get; init; }
    public bool ScoreTied { get; init; }
    public string DecidedBy { get; init; } = "";
    public ApiWords? RankNote { get; init; }
    public DateTime? SubmittedAt { get; init; }

    /// <summary>A weighted round's parts, this round first; unrounded hundredths as text (exact), null = no score.</summary>
    public IReadOnlyList<PublishedPart> Parts { get; init; } = [];

    /// <summary>In a round with judge groups, each group's part of this round's own score, in group order.</summary>
    public IReadOnlyList<ApiGroupPart> GroupParts { get; init; } = [];

    /// <summary>Public jury votes the entry got in this round; null when the round has no public jury.</summary>
    public int? PublicVotes { get; init; }

    /// <summary>With a public jury: the judges' score and the public jury score (null when nobody voted in the round) the
    /// own score mixes, unrounded hundredths as exact text.</summary>
    public string? JudgesHundredths { get; init; }

    public string? PublicJuryHundredths { get; init; }

    /// <summary>Scored below the round's minimum score (<see cref="RoundRules.MinScoreHundredths"/>): keeps its rank, takes no seat or prize.</summary>
    public bool BelowMinimum { get; init; }
}

public sealed record ApiRankingGroup(int TrackId, string Name, string NameEn, IReadOnlyList<ApiRankedEntry> Entries)
{
    /// <summary>Entries of the group with sheets but no rank (e.g. 评委人数不足), with the reason.</summary>
    public IReadOnlyList<ApiUnrankedEntry> Unranked { get; init; } = [];
}

public sealed record ApiRanking(int ContestId, int RoundId, ApiVersion Version, int LatestVersion, IReadOnlyList<ApiRankingGroup> Groups)
{
    public string RoundName { get; init; } = "";
    public string RoundNameEn { get; init; } = "";
    public ApiMethod? Method { get; init; }
}

/// <summary>
/// One judge's sheet, anonymised: <see cref="Seat"/> is the same number for every sheet of the same judge in the same
/// round (seats are numbered per round), never a name or id. Points in hundredths per criterion id.
/// </summary>
public sealed record ApiSheet(int RoundId, int EntryId, int Seat, string Judge, int TotalHundredths, IReadOnlyDictionary<string, int> Points)
{
    /// <summary>The seat's judge group in its round (the number in the rules' judgeGroups), null when the round has none or
    /// the judge is in no group (such sheets do not count).</summary>
    public int? JudgeGroup { get; init; }
}

/// <summary>
/// The public export of a published version (see README, "Checking a published result"): the ranking with its method and
/// every sheet it was computed from, so <c>tools/verify-results.py</c> recomputes every score and rank from it alone.
/// </summary>
public sealed record PublicResultsExport(string Format, int FormatVersion, ApiRanking Ranking, IReadOnlyList<ApiSheet> Sheets)
{
    /// <summary>Public jury votes per entry of this round and the earlier rounds it weighs (rounds with a public jury),
    /// every entry with a vote, as counted when the version was published.</summary>
    public IReadOnlyList<PublishedVotes> Votes { get; init; } = [];
}

/// <summary>
/// Reads published versions for the public: the API's ranking and the public export. Published contests only; only
/// what the version stored at publication, never the live sheets.
/// </summary>
public sealed class PublicResults(AppDbContext db, ResultPages pages, IStringLocalizer<SharedResource> t)
{
    public const string ExportFormat = "competitionhub-published-results";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="number">A version number, or null for the current one.</param>
    public async Task<ApiRanking?> RankingAsync(int roundId, int? number, CancellationToken ct) =>
        (await LoadAsync(roundId, number, ct))?.Ranking;

    public async Task<PublicResultsExport?> ExportAsync(int contestId, int roundId, int number, CancellationToken ct)
    {
        var loaded = await LoadAsync(roundId, number, ct);
        if (loaded is null || loaded.Value.Ranking.ContestId != contestId) return null;
        var sheets = await db.PublishedSheets.AsNoTracking().Where(s => s.VersionId == loaded.Value.VersionId)
            .OrderBy(s => s.RoundId).ThenBy(s => s.EntryId).ThenBy(s => s.Seat).ToListAsync(ct);
        var rules = loaded.Value.Ranking.Method?.Rules;
        var groupOf = rules is null ? [] : rules.EarlierRounds.Select(r => (r.RoundId, r.JudgeGroups)).Prepend((rules.RoundId, rules.JudgeGroups))
            .SelectMany(r => r.JudgeGroups.SelectMany(g => g.Seats.Select(seat => (Key: (r.RoundId, seat), g.Number))))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Number);
        return new PublicResultsExport(ExportFormat, 1, loaded.Value.Ranking, [.. sheets.Select(s => new ApiSheet(s.RoundId, s.EntryId, s.Seat,
            string.Create(CultureInfo.InvariantCulture, $"评委{s.Seat}"), s.TotalHundredths,
            s.PointsByCriterion().ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value))
        {
            JudgeGroup = groupOf.TryGetValue((s.RoundId, s.Seat), out var number) ? number : null,
        })])
        {
            Votes = loaded.Value.Votes,
        };
    }

    public static ApiVersion ToApi(RankingVersion v) =>
        new(v.Number, v.Stage.ToString(), v.PublishedAt, v.AnnouncementEndsAt, v.FinalizedAt, v.Note);

    /// <summary>The statement in both languages.</summary>
    public IReadOnlyList<ApiStatementLine> Statement(RoundRules rules)
    {
        var zh = RulesStatement.Lines(rules, t, RulesStatement.Chinese);
        var en = RulesStatement.Lines(rules, t, RulesStatement.English);
        return [.. zh.Zip(en, (z, e) => new ApiStatementLine(z.Key, new(z.Label, e.Label), new(z.Text, e.Text)))];
    }

    private ApiWords Both(Func<string> words) => new(In(RulesStatement.Chinese, words), In(RulesStatement.English, words));

    private static T In<T>(CultureInfo culture, Func<T> words)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return words(); }
        finally { CultureInfo.CurrentUICulture = reader; }
    }

    private async Task<(int VersionId, ApiRanking Ranking, IReadOnlyList<PublishedVotes> Votes)?> LoadAsync(int roundId, int? number, CancellationToken ct)
    {
        var versions = await db.RankingVersions.AsNoTracking()
            .Where(v => v.RoundId == roundId && db.Contests.Any(c => c.Id == v.ContestId && c.IsPublished))
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        if (versions.Count == 0) return null;
        var version = number is { } n ? versions.FirstOrDefault(v => v.Number == n) : versions[0];
        if (version is null) return null;
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Name, r.NameEn }).SingleAsync(ct);
        var facts = await pages.MethodAsync(version.Id, ct);
        var rules = facts.Rules;
        var rows = await db.PublishedRanks.AsNoTracking().Where(r => r.VersionId == version.Id)
            .OrderBy(r => r.TrackOrder).ThenBy(r => r.Rank).ThenBy(r => r.EntryId).ToListAsync(ct);
        // By group, not by track: a round ranked by industry field has several groups per track.
        var groups = rows.GroupBy(r => (r.TrackId, r.TrackOrder)).Select(g => new ApiRankingGroup(g.Key.TrackId, g.First().TrackName, g.First().TrackNameEn,
            g.Where(r => r.Rank > 0).Select(r => new ApiRankedEntry(r.Rank, r.Tied, r.EntryId, r.EntryTitle, r.TeamName, r.CompanyName, r.Score, r.JudgeCount)
            {
                ScoreHundredths = r.ScoreHundredths, PanelSize = r.PanelSize, JudgesScored = r.JudgeCount + r.DroppedCount,
                JudgesDropped = r.DroppedCount, ScoreTied = r.ScoreTied, DecidedBy = r.DecidedBy, SubmittedAt = r.EntrySubmittedAt,
                RankNote = RulesStatement.RankNote(r.ScoreTied, r.Tied, r.DecidedBy, rules, t) is { Length: > 0 }
                    ? Both(() => RulesStatement.RankNote(r.ScoreTied, r.Tied, r.DecidedBy, rules, t)) : null,
                Parts = r.PartsList(),
                GroupParts = [.. r.GroupParts().Select(p => new ApiGroupPart(p.Group!.Value,
                    rules?.JudgeGroups.FirstOrDefault(j => j.Number == p.Group) is { } j ? new ApiWords(j.Name, j.NameEn) : new ApiWords("", ""),
                    p.WeightPercent, p.ScoreHundredths, p.Counted ?? 0, p.Dropped ?? 0))],
                BelowMinimum = rules?.MinScoreHundredths is { } min && r.ScoreHundredths < min,
                PublicVotes = r.JuryPart()?.Votes, JudgesHundredths = r.JuryPart()?.Judges, PublicJuryHundredths = r.JuryPart()?.ScoreHundredths,
            }).ToList())
        {
            Unranked = [.. g.Where(r => r.Unranked is not null).Select(r => new ApiUnrankedEntry(r.EntryId, r.EntryTitle, r.TeamName, r.CompanyName,
                r.Unranked!.Value.ToString(), Both(() => RulesStatement.UnrankedNote(r.Unranked!.Value, t)), r.JudgeCount))],
        }).ToList();
        var method = new ApiMethod(rules, rules is null ? [] : Statement(rules),
            [.. facts.Draws.Select(d => new ApiDraw(d.EntryIds, d.ScoreHundredths / 100m, d.ScoreHundredths, d.Seed, LotDraw.Draw(d.EntryIds, d.Seed),
                LotDraw.AlgorithmName))],
            [.. facts.Changes.Select(c => new ApiRuleChange(c.RoundId, c.ChangedAt, c.ChangedBy, c.Reason, c.Before, c.After,
                [.. DifferencesInBoth(c.Before, c.After)]))])
        {
            PanelDecisions = [.. facts.PanelDecisions.Select(d => new ApiPanelDecision(d.EntryIds, d.ScoreHundredths / 100m, d.ScoreHundredths,
                d.Order ?? [], d.Reason ?? ""))],
        };
        return (version.Id, new ApiRanking(version.ContestId, roundId, ToApi(version), versions[0].Number, groups)
        {
            RoundName = round.Name, RoundNameEn = round.NameEn, Method = method,
        }, version.Votes.Length == 0 ? [] : JsonSerializer.Deserialize<List<PublishedVotes>>(version.Votes, Json) ?? []);
    }

    private IEnumerable<ApiRuleDifference> DifferencesInBoth(RoundRules before, RoundRules after)
    {
        var zh = In(RulesStatement.Chinese, () => RulesStatement.Differences(before, after, t));
        var en = In(RulesStatement.English, () => RulesStatement.Differences(before, after, t));
        return zh.Zip(en, (z, e) => new ApiRuleDifference(new(z.Label, e.Label), new(z.Before, e.Before), new(z.After, e.After)));
    }
}
