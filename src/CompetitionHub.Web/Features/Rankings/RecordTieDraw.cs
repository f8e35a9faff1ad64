using CompetitionHub.Web.Infrastructure;
using System.Globalization;
using System.Security.Cryptography;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Roadshow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Rankings;

/// <summary>A tie the round's breakers left to a lot draw: one group's entries at one official score.</summary>
public sealed record OpenTie(int TrackId, string TrackName, int ScoreHundredths, IReadOnlyList<(int Id, string Title)> Entries);

public sealed record RecordedTie(TieDraw Draw, IReadOnlyList<(int Id, string Title)> Order, string DrawnBy, bool Reproduces);

public sealed record TiesPage(int ContestId, string ContestName, Round Round, bool UsesLotDraw, IReadOnlyList<OpenTie> Open,
    IReadOnlyList<RecordedTie> Recorded)
{
    public bool UsesPanelDecision { get; init; }

    /// <summary>Ties waiting for the panel's decision (<see cref="TieBreakerKind.PanelDecision"/>).</summary>
    public IReadOnlyList<OpenTie> OpenForPanel { get; init; } = [];

    public IReadOnlyList<DecidedTie> Decisions { get; init; } = [];

    /// <summary>Entries with sheets but no rank (评委人数不足, or no grouped judge), by group.</summary>
    public IReadOnlyList<(string TrackName, UnrankedEntry Entry, string Title)> Unranked { get; init; } = [];

    /// <summary>A refused panel decision, given back to the page with its errors so nothing typed is lost.</summary>
    public PanelDecisionForm? PanelAttempt { get; init; }
    public IReadOnlyList<FieldError> PanelErrors { get; init; } = [];
}

/// <summary>A recorded panel decision as the ties page shows it.</summary>
public sealed record DecidedTie(PanelDecision Decision, IReadOnlyList<(int Id, string Title)> Order, string DecidedBy);

public sealed record TieDrawForm(List<int> EntryIds, int ScoreHundredths, string? Seed);

/// <summary>
/// Records the lot draw (抽签) for entries still tied after a round's other breakers. The seed is typed by the organizer
/// (e.g. drawn in the room) or made here from a secure random source; it is stored with the entries, so the order,
/// <see cref="LotDraw.Draw"/>(entry ids, seed), can be repeated by anyone.
/// </summary>
public sealed class RecordTieDraw(AppDbContext db, RoundRanking ranking, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<RecordTieDraw> logger)
{
    public async Task<TiesPage?> LoadAsync(int contestId, int roundId, CancellationToken ct)
    {
        var result = await ranking.ComputeAsync(roundId, ct);
        if (result is null || result.Round.ContestId != contestId) return null;
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var draws = await db.TieDraws.AsNoTracking().Where(d => d.RoundId == roundId).OrderByDescending(d => d.DrawnAt).ToListAsync(ct);
        var decisions = await db.PanelDecisions.AsNoTracking().Where(d => d.RoundId == roundId).OrderByDescending(d => d.DecidedAt).ToListAsync(ct);
        var entryIds = result.Groups.SelectMany(g => g.Entries).Where(e => e.NeedsLotDraw || e.NeedsPanelDecision).Select(e => e.EntryId)
            .Concat(result.Groups.SelectMany(g => g.Unranked).Select(e => e.EntryId))
            .Concat(draws.SelectMany(d => d.EntryIdList)).Concat(decisions.SelectMany(d => d.EntryIdList)).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        var userIds = draws.Select(d => d.DrawnByUserId).Concat(decisions.Select(d => d.DecidedByUserId)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        (int, string) Titled(int id) => (id, titles.GetValueOrDefault(id) ?? $"#{id}");

        List<OpenTie> Open(Func<RankedEntry, bool> waiting) => [.. result.Groups.SelectMany(g => g.Entries.Where(waiting)
            .GroupBy(e => (e.Rank, e.ScoreHundredths))
            .Select(tie => new OpenTie(g.TrackId, Localized.Pick(g.TrackName, g.TrackNameEn), tie.Key.ScoreHundredths,
                [.. tie.Select(e => e.EntryId).Order().Select(Titled)])))];
        var open = Open(e => e.NeedsLotDraw);
        var recorded = draws.Select(d => new RecordedTie(d, [.. d.DrawnOrderList.Select(Titled)], users.GetValueOrDefault(d.DrawnByUserId) ?? "",
            LotDraw.Draw(d.EntryIdList, d.Seed).SequenceEqual(d.DrawnOrderList))).ToList();
        return new TiesPage(contestId, Localized.Pick(contest.Name, contest.NameEn), result.Round,
            RankingRules.TieBreakers(result.Round).Any(b => b.Kind == TieBreakerKind.LotDraw), open, recorded)
        {
            UsesPanelDecision = RankingRules.TieBreakers(result.Round).Any(b => b.Kind == TieBreakerKind.PanelDecision),
            OpenForPanel = Open(e => e.NeedsPanelDecision),
            Decisions = [.. decisions.Select(d => new DecidedTie(d, [.. d.DecidedOrderList.Select(Titled)],
                users.GetValueOrDefault(d.DecidedByUserId) ?? ""))],
            Unranked = [.. result.Groups.SelectMany(g => g.Unranked.Select(u =>
                (Localized.Pick(g.TrackName, g.TrackNameEn), u, titles.GetValueOrDefault(u.EntryId) ?? $"#{u.EntryId}")))],
        };
    }

    public Task<SetupResult> HandleAsync(int contestId, int roundId, TieDrawForm form, string userId, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            // Fresh, not cached: what is recorded is decided on the ranking this transaction reads.
            var result = await ranking.ComputeFreshAsync(roundId, ct);
            if (result is null || result.Round.ContestId != contestId) return SetupResult.Fail("", t["未找到该赛段。"]);
            var wanted = form.EntryIds.Distinct().Order().ToList();
            // Only a tie the ranking shows right now may be drawn: a stale page (scores changed since) must not record a draw.
            var tie = result.Groups.SelectMany(g => g.Entries.Where(e => e.NeedsLotDraw).GroupBy(e => (e.Rank, e.ScoreHundredths)))
                .FirstOrDefault(g => g.Key.ScoreHundredths == form.ScoreHundredths && g.Select(e => e.EntryId).Order().SequenceEqual(wanted));
            if (tie is null || wanted.Count < 2)
                return SetupResult.Fail("", t["这些项目目前不是需要抽签决定的并列，请刷新页面后重试。"]);

            int seed;
            if (string.IsNullOrWhiteSpace(form.Seed))
                seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            else if (!int.TryParse(form.Seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seed))
                return SetupResult.Fail("Seed", t["种子须为 0 到 2147483647 之间的整数。"]);

            var order = LotDraw.Draw(wanted, seed);
            var draw = new TieDraw
            {
                RoundId = roundId, ScoreHundredths = form.ScoreHundredths, EntryIds = TieDraw.Join(wanted), Seed = seed,
                DrawnOrder = TieDraw.Join(order), DrawnAt = clock.GetUtcNow().UtcDateTime, DrawnByUserId = userId,
            };
            db.TieDraws.Add(draw);
            await db.SaveChangesAsync(ct);
            audit.Record(contestId, "TieDraw", draw.Id, "Draw", null,
                new { draw.RoundId, draw.ScoreHundredths, draw.EntryIds, draw.Seed, draw.DrawnOrder, Algorithm = LotDraw.AlgorithmName });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Tie of entries {EntryIds} in round {RoundId} drawn with seed {Seed}: {Order}", draw.EntryIds, roundId, seed, draw.DrawnOrder);
            return SetupResult.Done(draw.Id, t["抽签已记录：种子 {0}，顺序 {1}。", seed, draw.DrawnOrder]);
        }, ct);
}
