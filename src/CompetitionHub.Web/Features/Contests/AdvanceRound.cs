using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Moves a round one step forward: Draft → Open → Scoring → Closed → Published. Never back and never two steps, because
/// each state promises something to judges and contestants (scores are final once closed, results public once published).
/// </summary>
public sealed class AdvanceRound(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<AdvanceRound> logger)
{
    public static RoundStatus? Next(RoundStatus status) => status == RoundStatus.Published ? null : status + 1;

    public Task<SetupResult> HandleAsync(int contestId, int roundId, RoundStatus? to, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria)
                .SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
            if (round is null) return SetupResult.Fail("", t["未找到该赛段。"]);
            var from = round.Status;
            if (to is not { } target || !Enum.IsDefined(target) || Next(from) != target)
            {
                var next = Next(from);
                return SetupResult.Fail("", next is { } n
                    ? t["赛段状态只能按顺序前进一步：当前为“{0}”，下一步是“{1}”。", t[ContestLabels.RoundStatus(from)], t[ContestLabels.RoundStatus(n)]]
                    : t["赛段已公布，状态不能再改变。"]);
            }
            if (from == RoundStatus.Draft && round.Criteria.Count == 0)
                return SetupResult.Fail("", t["请先设置评分标准，再开放赛段。"]);

            // Scoring opens now: from this moment the ranking rules are frozen (SaveRound asks for a reason to change them).
            var openedAt = target == RoundStatus.Scoring ? clock.GetUtcNow().UtcDateTime : round.ScoringOpenedAt;
            // Two managers pressing the button at once: the conditional update lets exactly one of them move the round.
            var moved = await db.Rounds.Where(r => r.Id == roundId && r.Status == from)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, target).SetProperty(r => r.ScoringOpenedAt, openedAt), ct);
            if (moved == 0)
                return SetupResult.Fail("", t["赛段状态已被他人修改，请刷新后重试。"]);
            // The ranking carries its round, status included; the update above bypasses the save that would stamp it.
            await RankingStamps.BumpAsync(db, contestId, ct);
            audit.Record(contestId, "Round", roundId, "Advance", new { Status = from.ToString() },
                target == RoundStatus.Scoring ? new { Status = target.ToString(), ScoringOpenedAt = openedAt } : (object)new { Status = target.ToString() });
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Round {RoundId} of contest {ContestId} moved from {From} to {To}", roundId, contestId, from, target);
            return SetupResult.Done(roundId, t["赛段“{0}”已进入“{1}”。", round.LocalizedName, t[ContestLabels.RoundStatus(target)]]);
        }, ct);
}
