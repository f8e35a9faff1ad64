using System.Security.Cryptography;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>The entry on stage as the audience sees it; the track is sent in both languages since a broadcast has no culture.</summary>
public sealed record LiveEntry(int EntryId, string Title, string Team, string Track, string TrackEn, int? Position)
{
    /// <summary>The judge's sheet shows this track's own rubric when it has one.</summary>
    public int? TrackId { get; init; }
}

/// <summary>
/// A panel judge's state for the entry on stage; recused judges (回避) are never waited for. The state goes to every
/// spectator, so a judge is a seat number (1.. in the order of <see cref="StageSnapshots.PanelNamesAsync"/>), not a
/// name: only the organizer's console puts names to the seats.
/// </summary>
public sealed record LiveJudge(int Seat, bool Submitted, bool Recused);

/// <summary>
/// A revealed score (亮分): the judges' score by the round's rules (judge groups and the trimmed-mean fallback included;
/// before any public jury part and weighting of rounds), rounded half up; null with <see cref="Unranked"/> when the rules
/// give the entry no score. The judges' totals are anonymous and in no particular order.
/// </summary>
public sealed record LiveScore(int EntryId, string Title, string Team, decimal? Score, IReadOnlyList<decimal> JudgeTotals, int Dropped)
{
    /// <summary><see cref="UnrankedReason"/> by name when the entry gets no score, e.g. TooFewJudges.</summary>
    public string? Unranked { get; init; }
}

/// <summary>A place in the live ranking: the score the published ranking would give (public jury and weighting included).</summary>
public sealed record LiveRank(int Rank, int EntryId, string Title, string Team, decimal Score)
{
    public bool Tied { get; init; }
}

/// <summary>
/// One ranking group of the revealed entries (a track, or a track × industry field), ranked by
/// <see cref="IRoundStandings"/> with the round's rules, as the published ranking would rank them.
/// </summary>
public sealed record LiveGroup(string Track, string TrackEn, IReadOnlyList<LiveRank> Ranking)
{
    /// <summary>Revealed entries the rules give no score (e.g. 评委人数不足), with the reason by name.</summary>
    public IReadOnlyList<LiveScore> Unranked { get; init; } = [];
}

/// <summary>One entry's public jury votes so far (人气分 票数).</summary>
public sealed record LiveVotes(int EntryId, string Title, int Votes);

/// <summary>
/// The public jury of a round with a public jury weight: the weight, whether votes are taken now (the stage's scoring
/// phase, for <see cref="LiveStage.Entry"/>), and the votes of the session's entries in running order.
/// </summary>
public sealed record LivePublicJury(int WeightPercent, bool Open, IReadOnlyList<LiveVotes> Votes);

/// <summary>
/// Everything a live page shows about a roadshow session, in one message: a client keeps the state with the highest
/// <see cref="Version"/>. Only the revealed list and ranking may be left out of a broadcast (<see cref="BoardLeftOut"/>),
/// when they are those the client already holds.
/// </summary>
public sealed record LiveStage(
    int SessionId, int RoundId, string Session, string Round, string RoundEn, string Phase, DateTime? PhaseStartedAt,
    int PitchMinutes, int QaMinutes, LiveEntry? Entry, IReadOnlyList<LiveJudge> Panel,
    IReadOnlyList<LiveScore> Revealed, IReadOnlyList<LiveGroup> Groups, long Version)
{
    /// <summary>Null when the round has no public jury.</summary>
    public LivePublicJury? PublicJury { get; init; }

    /// <summary>The contest's name in both languages, for the big screen's title.</summary>
    public string Contest { get; init; } = "";

    public string ContestEn { get; init; } = "";

    /// <summary>
    /// Names <see cref="Revealed"/> and <see cref="Groups"/> by their content, alike on every instance, so a client told they
    /// are unchanged (<see cref="BoardLeftOut"/>) can tell whether the ones it holds are those.
    /// </summary>
    public string BoardKey { get; init; } = "";

    /// <summary>
    /// True in a broadcast that sends <see cref="Revealed"/> and <see cref="Groups"/> empty because they are those of the
    /// last broadcast this instance sent (the same <see cref="BoardKey"/>): by the fortieth entry they are most of a message
    /// every screen receives with each judge's mark. A client holding another key reads the stage again (JoinStage).
    /// </summary>
    public bool BoardLeftOut { get; init; }

    /// <summary>The stage as broadcast when every screen that heard this instance already has its revealed list and ranking.</summary>
    public LiveStage WithBoardLeftOut() => this with { Revealed = [], Groups = [], BoardLeftOut = true };

    internal static string BoardKeyOf(IReadOnlyList<LiveScore> revealed, IReadOnlyList<LiveGroup> groups) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { revealed, groups })), 0, 12);
}

/// <summary>A built <see cref="LiveStage"/> with the panel's user ids by seat (seat 1 first), which the stage never carries.</summary>
internal sealed record SeatedStage(LiveStage Stage, IReadOnlyList<string> Seats);

/// <summary>Reads a session's <see cref="LiveStage"/> from the database: the one source for snapshots and broadcasts.</summary>
public sealed class StageSnapshots(AppDbContext db, Recusals recusals, IRoundStandings standings)
{
    public async Task<LiveStage?> BuildAsync(int sessionId, CancellationToken ct) => (await BuildSeatedAsync(sessionId, ct))?.Stage;

    /// <summary>
    /// <paramref name="known"/> with its panel's submitted marks read again, for a stage where only sheets were stored
    /// since it was built: two small queries instead of the whole snapshot (rankings, conflicts, names). Null when the
    /// stage has moved since (another version, whichever instance moved it): then only a whole build is right. The marks
    /// are read after the sheets' commit, as a whole build reads them, so the last stage sent shows every sheet stored
    /// before it, on this instance or another.
    /// </summary>
    internal async Task<SeatedStage?> WithSheetsReadAsync(SeatedStage known, CancellationToken ct)
    {
        var (stage, seats) = known;
        if (stage.Entry is not { EntryId: var entryId }) return null;
        var version = await db.StageStates.AsNoTracking().Where(s => s.SessionId == stage.SessionId).Select(s => (long?)s.Version).SingleOrDefaultAsync(ct);
        if (version != stage.Version) return null;
        var submitted = (await db.ScoreSheets.Where(s => s.RoundId == stage.RoundId && s.EntryId == entryId && s.Status == SheetStatus.Submitted
            && seats.Contains(s.JudgeUserId)).Select(s => s.JudgeUserId).ToListAsync(ct)).ToHashSet();
        return known with { Stage = stage with { Panel = [.. stage.Panel.Select(j => j with { Submitted = submitted.Contains(seats[j.Seat - 1]) })] } };
    }

    internal async Task<SeatedStage?> BuildSeatedAsync(int sessionId, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots)
            .AsSplitQuery().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return null;
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == session.RoundId, ct);
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == round.ContestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var stage = await db.StageStates.AsNoTracking().SingleOrDefaultAsync(s => s.SessionId == sessionId, ct)
            ?? new StageState { SessionId = sessionId, Phase = StagePhase.Idle };

        var scores = await db.EntryScores.AsNoTracking().Where(s => s.RoundId == round.Id).ToListAsync(ct);
        var entryIds = scores.Select(s => s.EntryId).Concat(session.Slots.Select(s => s.EntryId)).ToHashSet();
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, Team = e.Team.Name, e.TrackId, Track = e.Track.Name, TrackEn = e.Track.NameEn, TrackOrder = e.Track.SortOrder })
            .ToDictionaryAsync(e => e.Id, ct);

        LiveEntry? onStage = null;
        List<LiveJudge> panel = [];
        List<string> judgeIds = [];
        if (stage.EntryId is { } entryId && entries.TryGetValue(entryId, out var e))
        {
            onStage = new LiveEntry(e.Id, e.Title, e.Team, e.Track, e.TrackEn, session.Slots.FirstOrDefault(s => s.EntryId == entryId)?.Position)
            {
                TrackId = e.TrackId,
            };
            var recused = await recusals.ForSessionAsync(session, round.ContestId, ct);
            var seats = await SeatsAsync(session, ct);
            judgeIds = seats.Select(j => j.UserId).ToList();
            var submitted = await db.ScoreSheets.Where(s => s.RoundId == round.Id && s.EntryId == entryId && s.Status == SheetStatus.Submitted
                && judgeIds.Contains(s.JudgeUserId)).Select(s => s.JudgeUserId).ToListAsync(ct);
            panel = seats.Select((j, i) => new LiveJudge(i + 1, submitted.Contains(j.UserId), recused.Contains((j.UserId, entryId)))).ToList();
        }

        // The revealed entries of the round (every session's), ranked by the same calculator and rules as the published
        // ranking: the big screen never disagrees with what is later published from the same sheets.
        var computed = await standings.ForEntriesAsync(round.Id, [.. scores.Select(s => s.EntryId)], ct) ?? [];
        var ranked = computed.SelectMany(g => g.Ranked).ToDictionary(r => r.EntryId);
        var unranked = computed.SelectMany(g => g.Unranked).ToDictionary(u => u.EntryId);
        LiveScore Revealed(EntryScore s) => new(s.EntryId, entries[s.EntryId].Title, entries[s.EntryId].Team,
            ranked.GetValueOrDefault(s.EntryId) is { } r ? ScoreAggregator.RoundHalfUp(r.JudgesHundredths) / 100m : null,
            s.JudgeTotalsHundredths.Select(t => t / 100m).ToList(), ranked.GetValueOrDefault(s.EntryId)?.DroppedCount ?? 0)
        {
            Unranked = unranked.TryGetValue(s.EntryId, out var u) ? u.Reason.ToString() : null,
        };

        var slotEntries = session.Slots.Select(s => s.EntryId).ToHashSet();
        var revealed = scores.Where(s => slotEntries.Contains(s.EntryId) && entries.ContainsKey(s.EntryId)).OrderBy(s => s.RevealedAt)
            .Select(Revealed).ToList();
        var scoreOf = scores.ToDictionary(s => s.EntryId);
        var groups = computed.Where(g => g.Ranked.Count > 0 || g.Unranked.Count > 0)
            .Select(g => new LiveGroup(g.Name, g.NameEn, [.. g.Ranked.Select(r => new LiveRank(r.Rank, r.EntryId, entries[r.EntryId].Title,
                entries[r.EntryId].Team, r.ScoreHundredths / 100m) { Tied = r.Tied })])
            {
                Unranked = [.. g.Unranked.Select(u => Revealed(scoreOf[u.EntryId]))],
            }).ToList();

        return new SeatedStage(new LiveStage(session.Id, round.Id, session.Name, round.Name, round.NameEn, stage.Phase.ToString(),
            stage.PhaseStartedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            session.PitchMinutes, session.QaMinutes, onStage, panel, revealed, groups, stage.Version)
        {
            PublicJury = await PublicJuryAsync(session, round, stage, ct),
            Contest = contest.Name, ContestEn = contest.NameEn, BoardKey = LiveStage.BoardKeyOf(revealed, groups),
        }, judgeIds);
    }

    private async Task<LivePublicJury?> PublicJuryAsync(RoadshowSession session, Round round, StageState stage, CancellationToken ct)
    {
        if (round.PublicJuryWeightPercent == 0) return null;
        var slots = session.Slots.OrderBy(s => s.Position ?? int.MaxValue).ThenBy(s => s.Id).ToList();
        var ids = slots.Select(s => s.EntryId).ToList();
        var counts = await db.PublicVotes.Where(v => v.RoundId == round.Id && ids.Contains(v.EntryId))
            .GroupBy(v => v.EntryId).Select(g => new { EntryId = g.Key, Votes = g.Count() }).ToDictionaryAsync(x => x.EntryId, x => x.Votes, ct);
        var titles = await db.Entries.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        return new LivePublicJury(round.PublicJuryWeightPercent, stage is { Phase: StagePhase.Scoring, EntryId: not null },
            slots.Select(s => new LiveVotes(s.EntryId, titles.GetValueOrDefault(s.EntryId) ?? "", counts.GetValueOrDefault(s.EntryId))).ToList());
    }

    /// <summary>The panel judges' names by seat (seat 1 first): for the organizer's console only.</summary>
    public async Task<IReadOnlyList<string>> PanelNamesAsync(RoadshowSession session, CancellationToken ct) =>
        (await SeatsAsync(session, ct)).Select(j => j.Name).ToList();

    /// <summary>Seats go by name, then by user id, so they stay put while the session runs.</summary>
    private async Task<List<(string UserId, string Name)>> SeatsAsync(RoadshowSession session, CancellationToken ct)
    {
        var judgeIds = session.Panel.Select(j => j.JudgeUserId).ToList();
        var names = await db.Users.Where(u => judgeIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return judgeIds.Select(id => (UserId: id, Name: names.GetValueOrDefault(id) ?? ""))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ThenBy(j => j.UserId, StringComparer.Ordinal).ToList();
    }
}
