using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>One recorded lot draw as the public re-checks it: what went in, what was recorded, what recomputing gives.</summary>
public sealed record PublicDraw(int Seed, string Algorithm, IReadOnlyList<int> Input, IReadOnlyList<int> Recorded,
    IReadOnlyList<int> Recomputed, DateTime At, bool Redraw, string? Reason)
{
    public bool Reproduces => Recomputed.SequenceEqual(Recorded);
}

/// <summary>A roadshow session's running order: every draw (a re-draw keeps the earlier ones), and the order it runs in now.</summary>
public sealed record PublicSessionDraws(int SessionId, string Name, DateTime StartsAt, IReadOnlyList<PublicDraw> Draws, IReadOnlyList<int> Current)
{
    /// <summary>The session still runs in the last drawn order (no entry added or removed since).</summary>
    public bool CurrentMatches => Draws.Count > 0 && Current.SequenceEqual(Draws[^1].Recorded);
}

/// <summary>A lot draw among entries still tied at one official score after the round's other breakers.</summary>
public sealed record PublicTieDraw(int ScoreHundredths, PublicDraw Draw);

public sealed record PublicRoundDraws(int RoundId, string Name, RoundKind Kind, bool ResultsPublished,
    IReadOnlyList<PublicSessionDraws> Sessions, IReadOnlyList<PublicTieDraw> Ties);

/// <summary><see cref="SessionId"/> narrows the page to one session (the link from its live page);
/// <see cref="IsPreview"/>: an unpublished contest, shown to those who manage it only.</summary>
public sealed record PublicDrawsPage(int ContestId, string ContestName, IReadOnlyList<PublicRoundDraws> Rounds,
    IReadOnlyDictionary<int, string> Titles, int? SessionId, bool IsPreview);

/// <summary>
/// The public re-check of every lot draw of a published contest (README: anyone can re-check): the seeds, inputs and
/// orders of the roadshow running orders once drawn, and of the tie draws once the round's results are published (a tie
/// draw names the tied entries and their score, which stay private until then); each recomputed here with
/// <see cref="LotDraw"/>, the method in words beside it. Nothing of an unpublished contest, nothing not yet drawn.
/// </summary>
public sealed class PublicDraws(AppDbContext db, DrawRunningOrder draws)
{
    /// <param name="preview">The reader manages the contest: an unpublished one is shown to them as a preview.</param>
    public async Task<PublicDrawsPage?> ContestAsync(int contestId, int? sessionId, bool preview, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId && (c.IsPublished || preview))
            .Select(c => new { c.Id, c.Name, c.NameEn, c.IsPublished }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.ContestId == contestId).OrderBy(r => r.Sequence).ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var sessions = await db.RoadshowSessions.AsNoTracking().Include(s => s.Slots)
            .Where(s => roundIds.Contains(s.RoundId) && (sessionId == null || s.Id == sessionId))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
        if (sessionId is not null && sessions.Count == 0) return null;
        var history = await draws.HistoryAsync([.. sessions.Select(s => s.Id)], ct);
        var published = (await db.RankingVersions.AsNoTracking().Where(v => roundIds.Contains(v.RoundId)).Select(v => v.RoundId).ToListAsync(ct))
            .ToHashSet();
        var ties = sessionId is not null ? [] : await db.TieDraws.AsNoTracking()
            .Where(d => roundIds.Contains(d.RoundId)).OrderBy(d => d.Id).ToListAsync(ct);
        ties = [.. ties.Where(d => published.Contains(d.RoundId))];

        var result = rounds.Select(r => new PublicRoundDraws(r.Id, r.LocalizedName, r.Kind, published.Contains(r.Id),
                [.. sessions.Where(s => s.RoundId == r.Id).Select(s => new PublicSessionDraws(s.Id, s.Name, s.StartsAt,
                    // A session counts as drawn from its DrawnAt; audit rows of a session never drawn are not shown.
                    s.DrawnAt is null ? [] : [.. history.GetValueOrDefault(s.Id, []).Select(d =>
                        Recheck(d.Seed, d.Algorithm, d.Input, d.Order, d.At, d.Action == "Redraw", d.Reason))],
                    DrawRunningOrder.CurrentOrder(s)))],
                [.. ties.Where(d => d.RoundId == r.Id).Select(d => new PublicTieDraw(d.ScoreHundredths,
                    Recheck(d.Seed, LotDraw.AlgorithmName, d.EntryIdList, d.DrawnOrderList, d.DrawnAt, false, null)))]))
            .Where(r => r.Sessions.Count > 0 || r.Ties.Count > 0)
            .ToList();

        var ids = result.SelectMany(r => r.Sessions.SelectMany(s => s.Draws.SelectMany(d => d.Input).Concat(s.Current))
            .Concat(r.Ties.SelectMany(t => t.Draw.Input))).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        return new PublicDrawsPage(contest.Id, Localized.Pick(contest.Name, contest.NameEn), result, titles, sessionId, !contest.IsPublished);
    }

    /// <summary>The contest of a roadshow session, for the link from its live page; null when there is none.</summary>
    public Task<int?> ContestOfSessionAsync(int sessionId, CancellationToken ct) =>
        db.RoadshowSessions.Where(s => s.Id == sessionId)
            .Join(db.Rounds, s => s.RoundId, r => r.Id, (s, r) => (int?)r.ContestId).SingleOrDefaultAsync(ct);

    private static PublicDraw Recheck(int seed, string algorithm, IReadOnlyList<int> input, IReadOnlyList<int> recorded, DateTime at,
        bool redraw, string? reason) =>
        new(seed, algorithm, input, recorded, LotDraw.Draw(input, seed), at, redraw, reason);
}
