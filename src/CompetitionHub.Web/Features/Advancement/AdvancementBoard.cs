using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Advancement;

/// <summary>An entry of a group's ranking as the board decides on it; its name is read only for the rows a page shows (<see cref="EntryNames"/>).</summary>
public sealed record BoardEntry(int EntryId, int? Rank, int? ScoreHundredths, bool Tied, EntryStatus Status, AdvancementOutcome? Outcome)
{
    /// <summary>Scored under the round's minimum score to advance: takes no seat, even inside the quota.</summary>
    public bool BelowMinimum { get; init; }

    public Placed Placed => new(EntryId, Rank, BelowMinimum);

    public string Score => ScoreHundredths is { } s ? (s / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}

/// <summary>
/// One ranking group of the round (a track, or a track × industry field): its quota, its ranking cut by the quota, and
/// after confirmation what was decided. <see cref="Key"/> tells groups apart on the page.
/// </summary>
public sealed record TrackBoard(int TrackId, string TrackName, TrackAdvancement? Setting, IReadOnlyList<BoardEntry> Entries,
    CutLine? Cut, int Vacancies, IReadOnlyList<int> NextInLine)
{
    /// <summary>The group's industry field; "" = the whole track.</summary>
    public string Industry { get; init; } = "";

    public string Key { get; init; } = "";

    /// <summary>How the audit trail names the group: "round/track", and "/industry" for a field of a track.</summary>
    public string AuditKey(int roundId) => Industry.Length == 0 ? $"{roundId}/{TrackId}" : $"{roundId}/{TrackId}/{Industry}";

    public bool Confirmed => Setting?.ConfirmedAt is not null;

    /// <summary>Entries ranked inside the quota that do not advance because they scored under the minimum.</summary>
    public IReadOnlyList<BoardEntry> InQuotaBelowMinimum =>
        Setting is null ? [] : [.. Entries.Where(e => e.BelowMinimum && e.Rank <= Setting.Quota)];
    public int? TiedRank => Cut is { HasTie: true } cut ? Entries.First(e => e.EntryId == cut.TiedAtLine[0]).Rank : null;
}

public sealed record AdvancementBoard(int ContestId, string ContestName, Round Round, Round? NextRound, bool NextStarted,
    IReadOnlyList<TrackBoard> Tracks)
{
    /// <summary>The group a form names: its track and industry field ("" or nothing = the whole track).</summary>
    public TrackBoard? Group(int trackId, string? industry) =>
        Tracks.SingleOrDefault(x => x.TrackId == trackId && x.Industry == (industry ?? "").Trim());
}

/// <summary>
/// Reads what the advancement page and its use cases decide on. Before confirmation a track's entries are those still in
/// the contest (approved or advanced from an earlier round), in ranking order, then those nobody scored; afterwards the
/// stored outcomes, so the page shows what was decided even if scores were corrected later.
/// </summary>
public sealed class LoadAdvancementBoard(AppDbContext db, RoundRanking rankings, TimeProvider clock)
{
    public async Task<AdvancementBoard?> HandleAsync(int contestId, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return null;
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var next = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId && r.Sequence > round.Sequence)
            .OrderBy(r => r.Sequence).FirstOrDefaultAsync(ct);
        var ranking = await rankings.ComputeAsync(roundId, ct);
        var settings = await db.TrackAdvancements.AsNoTracking().Where(a => a.RoundId == roundId).ToDictionaryAsync(a => (a.TrackId, a.Industry), ct);
        var outcomes = await db.AdvancementOutcomes.AsNoTracking().Where(o => o.RoundId == roundId).ToListAsync(ct);
        var statuses = AssignmentState.AssignableStatuses;
        // The entries as the ranking read them, with it: a large round's groups hold thousands, and every change to an
        // entry replaces the stamp the ranking is cached under.
        var entries = ranking?.ContestEntries ?? new Dictionary<int, ContestEntry>();

        var tracks = new List<TrackBoard>();
        bool Below(int? score) => round.MinScoreHundredths is { } min && score is { } s && s < min;
        var keys = new Dictionary<int, int>();
        foreach (var group in ranking?.Groups ?? [])
        {
            var industry = group.Industry ?? "";
            var setting = settings.GetValueOrDefault((group.TrackId, industry));
            var rows = new List<BoardEntry>();
            if (setting?.ConfirmedAt is not null)
            {
                var decided = outcomes.Where(o => o.TrackId == group.TrackId && o.Industry == industry).ToList();
                // Counted once per group: a large round's groups hold thousands of entries.
                var atRank = decided.Where(o => o.Rank is not null).GroupBy(o => o.Rank!.Value).ToDictionary(g => g.Key, g => g.Count());
                foreach (var o in decided.OrderBy(o => o.Rank ?? int.MaxValue).ThenBy(o => o.EntryId))
                {
                    var tied = o.Rank is { } rank && atRank[rank] > 1;
                    rows.Add(new BoardEntry(o.EntryId, o.Rank, o.ScoreHundredths, tied, entries[o.EntryId].Status, o) { BelowMinimum = Below(o.ScoreHundredths) });
                }
            }
            else
            {
                bool InGroup(ContestEntry e) => e.TrackId == group.TrackId && (group.Industry is null || e.Industry == industry)
                    && statuses.Contains(e.Status);
                var ranked = new HashSet<int>(group.Entries.Count);
                foreach (var r in group.Entries)
                {
                    ranked.Add(r.EntryId);
                    if (entries.GetValueOrDefault(r.EntryId) is { } e && InGroup(e))
                        rows.Add(new BoardEntry(r.EntryId, r.Rank, r.ScoreHundredths, r.Tied, e.Status, null) { BelowMinimum = Below(r.ScoreHundredths) });
                }
                foreach (var e in entries.Values.Where(e => InGroup(e) && !ranked.Contains(e.Id)).OrderBy(e => e.Id))
                    rows.Add(new BoardEntry(e.Id, null, null, false, e.Status, null));
            }

            CutLine? cut = setting is null ? null : CutLine.Compute([.. rows.Select(r => r.Placed)], setting.Quota);
            var vacancies = 0;
            IReadOnlyList<int> nextInLine = [];
            if (setting?.ConfirmedAt is not null)
            {
                var advanced = rows.Where(r => r.Outcome!.Advanced).ToList();
                vacancies = advanced.Count(r => !r.Outcome!.Backfilled) - advanced.Count(r => r.Status != EntryStatus.Withdrawn);
                nextInLine = Backfill.NextInLine([.. rows.Where(r => !r.Outcome!.Advanced && r.Status == EntryStatus.Eliminated)
                    .Select(r => r.Placed)]);
            }
            // The first group of a track is keyed by the track alone, so a round ranked per track keeps its page ids.
            var n = keys[group.TrackId] = keys.GetValueOrDefault(group.TrackId) + 1;
            tracks.Add(new TrackBoard(group.TrackId, group.LocalizedName, setting, rows, cut, Math.Max(0, vacancies), nextInLine)
            {
                Industry = industry, Key = n == 1 ? $"{group.TrackId}" : $"{group.TrackId}-{n}",
            });
        }
        return new AdvancementBoard(contestId, Localized.Pick(contest.Name, contest.NameEn), round, next,
            next is not null && HasStarted(next, clock), tracks);
    }

    /// <summary>A round has started once judges may score in it, or once its announced start time has passed.</summary>
    public static bool HasStarted(Round round, TimeProvider clock) =>
        round.Status >= RoundStatus.Scoring || (round.StartsAt is { } starts && starts <= clock.GetUtcNow().UtcDateTime);
}
