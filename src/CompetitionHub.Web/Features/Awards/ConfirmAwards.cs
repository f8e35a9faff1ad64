using CompetitionHub.Web.Infrastructure;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Awards;

public sealed record AwardsForm
{
    public int TrackId { get; init; }
    public Guid Version { get; init; }
    /// <summary>
    /// Entry id → grade name (First, Second, Third, Excellence) or "" for no prize. The page shows a track's ranking a page
    /// at a time, so an entry not posted keeps its proposed grade (the form says so).
    /// </summary>
    public Dictionary<int, string> Grades { get; init; } = [];
    public string? Reason { get; init; }
}

/// <summary>
/// The organizer confirms a track's prizes: the proposal as it stands or adjusted. A change from the proposal, or tied
/// entries given different grades, needs a written reason. Winners become Awarded; the plan is claimed with a conditional
/// update so two confirmations cannot both store prizes. Each winning team is mailed its prize and certificate link
/// (<see cref="AwardMail"/>) in the same transaction.
/// </summary>
public sealed class ConfirmAwards(AppDbContext db, AuditLog audit, AwardMail mail, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<ConfirmAwards> logger)
{
    public const int MaxReasonLength = 1000;

    public async Task<SetupResult> HandleAsync(AwardsBoard board, AwardsForm form, ClaimsPrincipal user, string siteBase, CancellationToken ct)
    {
        if (board.FinalRound is not { } round) return SetupResult.Fail("", t["该赛事还没有赛段。"]);
        if (round.Status < RoundStatus.Closed) return SetupResult.Fail("", t["决赛评分尚未结束：关闭赛段后才能确认获奖名单。"]);
        var track = board.Tracks.SingleOrDefault(x => x.TrackId == form.TrackId);
        if (track is null) return SetupResult.Fail("", t["未找到该组别。"]);
        if (track.Plan is null) return SetupResult.Fail("", t["请先保存该组别的奖项数量。"]);
        if (track.Confirmed) return SetupResult.Fail("", t["该组别的获奖名单已确认。"]);
        if (track.Plan.Version != form.Version) return SetupResult.Fail("", t["奖项设置已被他人修改，请刷新后重试。"]);

        var chosen = new Dictionary<int, PrizeGrade?>();
        foreach (var row in track.Rows)
        {
            if (!form.Grades.TryGetValue(row.EntryId, out var posted)) chosen[row.EntryId] = row.Proposed;
            else if (string.IsNullOrEmpty(posted)) chosen[row.EntryId] = null;
            else if (Enum.TryParse<PrizeGrade>(posted, out var grade) && Enum.IsDefined(grade)) chosen[row.EntryId] = grade;
            else return SetupResult.Fail("", t["请为每个项目选择有效的奖项。"]);
        }
        if (track.Rows.FirstOrDefault(r => r.BelowMinimum && chosen[r.EntryId] is not null) is { } under)
            return SetupResult.Fail("", t["“{0}”得分 {1} 低于最低获奖分数 {2}，不能获奖。",
                (await db.EntryNamesAsync(board.ContestId, [under.EntryId], ct)).Of(under.EntryId).Title, under.Score,
                (round.MinScoreHundredths!.Value / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)]);
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (reason?.Length > MaxReasonLength) return SetupResult.Fail(nameof(AwardsForm.Reason), t["理由不能超过 {0} 个字符。", MaxReasonLength]);
        var changed = track.Rows.Where(r => r.Proposed != chosen[r.EntryId]).Select(r => r.EntryId).ToList();
        var splits = GradeProposal.SplitTies(track.Ranking, chosen);
        if ((changed.Count > 0 || splits.Count > 0) && reason is null)
            return SetupResult.Fail(nameof(AwardsForm.Reason), splits.Count > 0
                ? t["第 {0} 名并列的项目获得了不同的奖项：请调整，或填写理由后确认。", splits[0].Rank]
                : t["获奖名单与按名次建议的不同：请填写调整理由。"]);

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                var claimed = await db.AwardPlans.Where(p => p.Id == track.Plan.Id && p.ConfirmedAt == null && p.Version == form.Version)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ConfirmedAt, now).SetProperty(p => p.ConfirmedByUserId, userId)
                        .SetProperty(p => p.Version, Guid.NewGuid()), ct);
                if (claimed == 0) return SetupResult.Fail("", t["该组别的获奖名单刚被他人确认或修改，请刷新后查看。"]);

                var winners = track.Rows.Where(r => chosen[r.EntryId] is not null).ToList();
                var ids = winners.Select(w => w.EntryId).ToList();
                var entries = await db.Entries.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
                var awards = new List<Award>();
                foreach (var row in winners)
                {
                    var grade = chosen[row.EntryId]!.Value;
                    var entry = entries[row.EntryId];
                    var award = new Award
                    {
                        ContestId = board.ContestId, TrackId = track.TrackId, EntryId = row.EntryId, Kind = AwardKind.Prize, Grade = grade,
                        Rank = row.Rank, AwardedAt = now, Reason = changed.Contains(row.EntryId) ? reason : null,
                    };
                    db.Awards.Add(award);
                    awards.Add(award);
                    var before = entry.Status;
                    entry.Status = EntryStatus.Awarded;
                    entry.UpdatedAt = now;
                    audit.Record(board.ContestId, nameof(Entry), entry.Id, "awarded", new { status = before.ToString() },
                        new { status = entry.Status.ToString(), grade = grade.ToString(), row.Rank, proposed = row.Proposed?.ToString() },
                        changed.Contains(row.EntryId) ? reason : null);
                }
                audit.Record(board.ContestId, nameof(AwardPlan), $"{round.Id}/{track.TrackId}", "confirm", null,
                    new { counts = track.Plan.Counts, prizes = winners.Select(w => new { w.EntryId, grade = chosen[w.EntryId].ToString() }), changed }, reason);
                await db.SaveChangesAsync(ct);
                // After the save, since the certificate link names the award; still in the transaction, so no prize goes unmailed.
                foreach (var award in awards) await mail.QueueAsync(award, entries[award.EntryId], siteBase, ct);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Prizes of contest {ContestId} track {TrackId} confirmed: {Winners} winners", board.ContestId, track.TrackId, winners.Count);
                return SetupResult.Done(track.TrackId, t["“{0}”的获奖名单已确认：{1} 个项目获奖。", track.TrackName, winners.Count]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.VersionConflict or DatabaseError.UniqueViolation)
        {
            // An entry changed (e.g. withdrew) since the page was read.
            return SetupResult.Fail("", t["该组别的项目刚有变化，请刷新后重新确认。"]);
        }
    }
}
