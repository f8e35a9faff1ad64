using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Rankings;

/// <param name="Order">The tied entries' ids in the decided order, first place first (one select per place on the page).</param>
public sealed record PanelDecisionForm(List<int> EntryIds, int ScoreHundredths, List<int> Order, string? Reason);

/// <summary>
/// Records the order the panel decided (评审会决定) for entries still tied when a round's breakers reach
/// <see cref="TieBreakerKind.PanelDecision"/>, with the panel's reason; audited, and shown on the ties page.
/// </summary>
public sealed class RecordPanelDecision(AppDbContext db, RoundRanking ranking, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<RecordPanelDecision> logger)
{
    public const int MaxReasonLength = 1000;

    public Task<SetupResult> HandleAsync(int contestId, int roundId, PanelDecisionForm form, string userId, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            // Fresh, not cached: what is recorded is decided on the ranking this transaction reads.
            var result = await ranking.ComputeFreshAsync(roundId, ct);
            if (result is null || result.Round.ContestId != contestId) return SetupResult.Fail("", t["未找到该赛段。"]);
            // A field no browser leaves out may still be missing from a hand-made request: bound as null, refused below.
            var wanted = (form.EntryIds ?? []).Distinct().Order().ToList();
            var order = form.Order ?? [];
            // Only a tie the ranking shows right now may be decided: a stale page (scores changed since) must not record one.
            var tie = result.Groups.SelectMany(g => g.Entries.Where(e => e.NeedsPanelDecision).GroupBy(e => (e.Rank, e.ScoreHundredths)))
                .FirstOrDefault(g => g.Key.ScoreHundredths == form.ScoreHundredths && g.Select(e => e.EntryId).Order().SequenceEqual(wanted));
            if (tie is null || wanted.Count < 2)
                return SetupResult.Fail("", t["这些项目目前不是需要评审会决定的并列，请刷新页面后重试。"]);

            var errors = new List<FieldError>();
            if (order.Count != wanted.Count || !order.Order().SequenceEqual(wanted))
                errors.Add(new(nameof(form.Order), t["请为每个名次选择一个不同的项目，每个并列项目恰好出现一次。"]));
            var reason = form.Reason?.Trim() ?? "";
            if (reason.Length == 0)
                errors.Add(new(nameof(form.Reason), t["请填写评审会决定的理由。"]));
            else if (reason.Length > MaxReasonLength)
                errors.Add(new(nameof(form.Reason), t["理由不能超过 {0} 个字符。", MaxReasonLength]));
            if (errors.Count > 0) return SetupResult.Fail(errors);

            var decision = new PanelDecision
            {
                RoundId = roundId, ScoreHundredths = form.ScoreHundredths, EntryIds = TieDraw.Join(wanted),
                DecidedOrder = TieDraw.Join(order), Reason = reason, DecidedAt = clock.GetUtcNow().UtcDateTime, DecidedByUserId = userId,
            };
            db.PanelDecisions.Add(decision);
            await db.SaveChangesAsync(ct);
            audit.Record(contestId, "PanelDecision", decision.Id, "Decide", null,
                new { decision.RoundId, decision.ScoreHundredths, decision.EntryIds, decision.DecidedOrder, decision.Reason }, reason);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Tie of entries {EntryIds} in round {RoundId} decided by the panel: {Order}", decision.EntryIds, roundId,
                decision.DecidedOrder);
            return SetupResult.Done(decision.Id, t["评审会决定已记录：名次顺序 {0}。", decision.DecidedOrder]);
        }, ct);
}
