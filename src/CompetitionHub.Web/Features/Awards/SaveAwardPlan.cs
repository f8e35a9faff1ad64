using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Awards;

public sealed record PlanForm
{
    public int TrackId { get; init; }

    [Range(0, 1000, ErrorMessage = "获奖数量须在 {1} 到 {2} 之间。")]
    public int FirstPrizes { get; init; }

    [Range(0, 1000, ErrorMessage = "获奖数量须在 {1} 到 {2} 之间。")]
    public int SecondPrizes { get; init; }

    [Range(0, 1000, ErrorMessage = "获奖数量须在 {1} 到 {2} 之间。")]
    public int ThirdPrizes { get; init; }

    [Range(0, 1000, ErrorMessage = "获奖数量须在 {1} 到 {2} 之间。")]
    public int ExcellencePrizes { get; init; }
}

/// <summary>The organizer sets how many prizes of each grade a track gives; refused once the track's prizes are confirmed.</summary>
public sealed class SaveAwardPlan(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveAwardPlan> logger)
{
    public async Task<SetupResult> HandleAsync(AwardsBoard board, PlanForm form, CancellationToken ct)
    {
        if (board.FinalRound is null) return SetupResult.Fail("", t["该赛事还没有赛段。"]);
        if (board.Tracks.All(x => x.TrackId != form.TrackId)) return SetupResult.Fail("", t["未找到该组别。"]);
        var plan = await db.AwardPlans.SingleOrDefaultAsync(p => p.RoundId == board.FinalRound.Id && p.TrackId == form.TrackId, ct);
        if (plan?.ConfirmedAt is not null) return SetupResult.Fail("", t["该组别的获奖名单已确认，奖项数量不能再修改。"]);
        var before = plan?.Counts;
        if (plan is null)
        {
            plan = new AwardPlan { ContestId = board.ContestId, RoundId = board.FinalRound.Id, TrackId = form.TrackId };
            db.AwardPlans.Add(plan);
        }
        plan.FirstPrizes = form.FirstPrizes;
        plan.SecondPrizes = form.SecondPrizes;
        plan.ThirdPrizes = form.ThirdPrizes;
        plan.ExcellencePrizes = form.ExcellencePrizes;
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(board.ContestId, nameof(AwardPlan), $"{board.FinalRound.Id}/{form.TrackId}", "counts", before, plan.Counts);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.VersionConflict or DatabaseError.UniqueViolation)
        {
            return SetupResult.Fail("", t["奖项设置已被他人修改，请刷新后重试。"]);
        }
        logger.LogInformation("Award plan of round {RoundId} track {TrackId} saved", board.FinalRound.Id, form.TrackId);
        return SetupResult.Done(plan.Id, t["奖项数量已保存。"]);
    }
}
