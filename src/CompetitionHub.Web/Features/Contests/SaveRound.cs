using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Rankings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Adds, changes and removes a contest's rounds. A round's dates and text can change at any time; it can be removed only
/// while it is a draft, since later states mean judges may already be working in it.
/// </summary>
public sealed class SaveRound(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveRound> logger)
{
    /// <param name="roundId">0 adds a new round after the last one.</param>
    public Task<SetupResult> HandleAsync(int contestId, int roundId, RoundForm form, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var contest = await db.Contests.Include(c => c.Rounds).ThenInclude(r => r.Criteria).SingleOrDefaultAsync(c => c.Id == contestId, ct);
            if (contest is null) return SetupResult.Fail("", t["未找到该赛事。"]);
            var round = roundId == 0 ? null : contest.Rounds.SingleOrDefault(r => r.Id == roundId);
            if (roundId != 0 && round is null) return SetupResult.Fail("", t["未找到该赛段。"]);

            if (!Enum.IsDefined(form.Kind))
                return SetupResult.Fail(nameof(form.Kind), t["请选择赛段类型。"]);
            if (!Enum.IsDefined(form.Aggregation))
                return SetupResult.Fail(nameof(form.Aggregation), t["请选择计分方式。"]);
            if (form.TrimMinJudges is < 3 or > 15)
                return SetupResult.Fail(nameof(form.TrimMinJudges), t["去掉最高分和最低分所需的最少评委数须在 {0} 到 {1} 之间。", 3, 15]);
            if (form.StartsAt is { } starts && form.EndsAt is { } ends && ends <= starts)
                return SetupResult.Fail(nameof(form.EndsAt), t["结束时间必须晚于开始时间。"]);
            if (RankingErrors(contest, round, form) is { Count: > 0 } rankingErrors)
                return SetupResult.Fail(rankingErrors);

            var before = round is null ? null : Snapshot(round);
            if (round is null)
            {
                round = new Round
                {
                    ContestId = contestId, Name = "", NameEn = "", Status = RoundStatus.Draft,
                    Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1,
                };
                contest.Rounds.Add(round);
            }
            round.Name = form.Name!.Trim();
            round.NameEn = form.NameEn!.Trim();
            round.Kind = form.Kind;
            round.StartsAt = ChinaTime.ToUtc(form.StartsAt);
            round.EndsAt = ChinaTime.ToUtc(form.EndsAt);
            round.Description = form.Description?.Trim() ?? "";
            round.Aggregation = form.Aggregation;
            round.TrimMinJudges = form.TrimMinJudges;
            round.TrimCount = form.TrimCount;
            round.EarlierRoundWeights = RankingRules.FormatEarlierWeights(
                form.EarlierWeights.Select(w => new EarlierRoundWeight(w.RoundId, w.WeightPercent ?? 0)));
            round.MissingEarlierScore = form.MissingEarlierScore;
            round.TieBreakers = RankingRules.FormatTieBreakers(form.TieBreakers.Select(TieBreakerRule.Parse).OfType<TieBreakerRule>());
            contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;

            await db.SaveChangesAsync(ct);
            audit.Record("Round", round.Id, before is null ? "Create" : "Update", before, Snapshot(round));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Round {RoundId} of contest {ContestId} saved", round.Id, contestId);
            return SetupResult.Done(round.Id, t["赛段已保存。"]);
        }, ct);

    /// <summary>The ranking settings: trim count, z-scores, weights of earlier rounds, the ordered tie-breakers.</summary>
    private List<FieldError> RankingErrors(Contest contest, Round? round, RoundForm form)
    {
        var errors = new List<FieldError>();
        if (form.TrimCount is < 1 or > 7)
            errors.Add(new(nameof(form.TrimCount), t["去掉的最高分和最低分个数须在 {0} 到 {1} 之间。", 1, 7]));
        else if (form.Aggregation == AggregationMethod.TrimmedMean && form.TrimMinJudges < 2 * form.TrimCount + 1)
            errors.Add(new(nameof(form.TrimMinJudges), t["去掉 {0} 个最高分和 {0} 个最低分，至少需要 {1} 位评委。", form.TrimCount, 2 * form.TrimCount + 1]));
        // Judges of a roadshow panel all score every entry, and the live reveal scores one entry at a time.
        if (form.Aggregation == AggregationMethod.ZScore && form.Kind != RoundKind.OnlineReview)
            errors.Add(new(nameof(form.Aggregation), t["标准分（Z 分数）计分只适用于网络评审赛段。"]));
        if (!Enum.IsDefined(form.MissingEarlierScore))
            errors.Add(new(nameof(form.MissingEarlierScore), t["请选择缺少前序赛段成绩时的处理方式。"]));

        var earlier = contest.Rounds.Where(r => round is null || r.Sequence < round.Sequence).Select(r => r.Id).ToHashSet();
        var weights = form.EarlierWeights.Where(w => w.WeightPercent is > 0).ToList();
        if (weights.Any(w => !earlier.Contains(w.RoundId)) || weights.Select(w => w.RoundId).Distinct().Count() != weights.Count)
            errors.Add(new(nameof(form.EarlierWeights), t["只能加权本赛事中在本赛段之前的赛段，且每个赛段只能出现一次。"]));
        else if (weights.Any(w => w.WeightPercent > 99) || weights.Sum(w => w.WeightPercent ?? 0) >= 100)
            errors.Add(new(nameof(form.EarlierWeights), t["前序赛段的权重合计须小于 100%，本赛段自身须保留权重。"]));

        var tokens = form.TieBreakers.Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
        var rules = tokens.Select(TieBreakerRule.Parse).ToList();
        // A breaker names a line of the shared rubric; tracks with their own rubric read the line in the same position.
        var criteria = round?.Criteria.Where(c => c.TrackId is null).Select(c => c.Id).ToHashSet() ?? [];
        if (tokens.Count > RankingRules.MaxTieBreakers)
            errors.Add(new(nameof(form.TieBreakers), t["决胜规则最多 {0} 条。", RankingRules.MaxTieBreakers]));
        else if (rules.Any(r => r is null || r.Kind == TieBreakerKind.Criterion && !criteria.Contains(r.CriterionId ?? 0)))
            errors.Add(new(nameof(form.TieBreakers), t["决胜规则无效：评分项须属于本赛段的评分标准。"]));
        else if (rules.Distinct().Count() != rules.Count)
            errors.Add(new(nameof(form.TieBreakers), t["决胜规则不能重复。"]));
        else if (rules.FindIndex(r => r!.Kind == TieBreakerKind.LotDraw) is var lot && lot >= 0 && lot != rules.Count - 1)
            errors.Add(new(nameof(form.TieBreakers), t["抽签只能作为最后一条决胜规则。"]));
        return errors;
    }

    public async Task<SetupResult> RemoveAsync(int contestId, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return SetupResult.Fail("", t["未找到该赛段。"]);
        if (round.Status != RoundStatus.Draft)
            return SetupResult.Fail("", t["只有草稿状态的赛段可以删除。"]);
        db.RubricCriteria.RemoveRange(round.Criteria);
        db.Rounds.Remove(round);
        audit.Record("Round", round.Id, "Delete", Snapshot(round));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Round {RoundId} of contest {ContestId} removed", roundId, contestId);
        return SetupResult.Done(contestId, t["赛段“{0}”已删除。", round.LocalizedName]);
    }

    /// <summary>
    /// Replaces one rubric of the round (the shared one, or a track's own lines) with the form's lines; blank lines are
    /// ignored and ticked ones dropped. Every field's error is reported at once.
    /// </summary>
    public async Task<SetupResult> SaveRubricAsync(int contestId, int roundId, RubricForm form, CancellationToken ct)
    {
        var lines = form.Criteria.Where(c => !c.Remove && !c.IsBlank).ToList();
        var errors = new List<FieldError>();
        var weighted = lines.Any(c => c.WeightPercent is not null);
        for (var i = 0; i < form.Criteria.Count; i++)
        {
            var c = form.Criteria[i];
            if (c.Remove || c.IsBlank) continue;
            var field = $"Criteria[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name)) errors.Add(new($"{field}.Name", t["请填写评分项名称。"]));
            if (string.IsNullOrWhiteSpace(c.NameEn)) errors.Add(new($"{field}.NameEn", t["请填写英文名称。"]));
            var stepValid = Rubric.Steps.Contains(c.StepHundredths);
            if (!stepValid) errors.Add(new($"{field}.StepHundredths", t["评分步长须为 0.1、0.5 或 1 分。"]));
            if (c.MaxPoints is not { } max || max <= 0 || max > 1000)
                errors.Add(new($"{field}.MaxPoints", t["满分须在 0.01 到 1000 之间。"]));
            else if (decimal.Round(max, 2) != max)
                errors.Add(new($"{field}.MaxPoints", t["满分最多保留两位小数。"]));
            // Full marks must be reachable in the line's steps, or no judge could give them.
            else if (stepValid && (int)(max * 100) % c.StepHundredths != 0)
                errors.Add(new($"{field}.MaxPoints", t["满分须是评分步长（{0} 分）的整数倍。", Points(c.StepHundredths)]));
            if (c.WeightPercent is { } w && w is < 1 or > 100)
                errors.Add(new($"{field}.WeightPercent", t["权重须在 {0} 到 {1} 之间。", 1, 100]));
            else if (weighted && c.WeightPercent is null)
                errors.Add(new($"{field}.WeightPercent", t["其他评分项已设置权重：请为每一项填写权重，或全部留空。"]));
        }
        if (weighted && lines.All(c => c.WeightPercent is not null) && lines.Sum(c => c.WeightPercent!.Value) is var sum && sum != 100)
            errors.Add(new("Weights", t["各项权重合计须为 100%，当前为 {0}%。", sum]));
        if (lines.Count > 50) errors.Add(new("", t["评分项最多 {0} 个。", 50]));
        if (errors.Count > 0) return SetupResult.Fail(errors);

        return await ReplaceCriteriaAsync(contestId, roundId, form.TrackId, "UpdateRubric", null,
            [.. lines.Select(c => new CriterionValues(c.Name!.Trim(), c.NameEn!.Trim(), c.Description?.Trim() ?? "",
                (int)(c.MaxPoints!.Value * 100m), c.StepHundredths, c.WeightPercent))], ct);
    }

    /// <summary>Replaces the shared rubric, or <paramref name="trackId"/>'s own lines, with a template's lines.</summary>
    public async Task<SetupResult> CopyTemplateAsync(int contestId, int roundId, string? templateCode, int? trackId, CancellationToken ct)
    {
        var templates = await SeedFiles.Default.RubricTemplatesAsync(ct);
        var template = templates.SingleOrDefault(x => x.Code == templateCode);
        if (template is null) return SetupResult.Fail("", t["未找到该评分模板。"]);
        return await ReplaceCriteriaAsync(contestId, roundId, trackId, "CopyRubricTemplate", template.Code,
            [.. template.Criteria.Select(c => new CriterionValues(c.Name, c.NameEn, c.Description ?? "",
                (int)decimal.Round(c.MaxPoints * 100m), StepFor((int)decimal.Round(c.MaxPoints * 100m)), null))], ct);
    }

    /// <summary>The half-point step of the templates, or whole tenths where a template's full marks are not in halves.</summary>
    private static int StepFor(int maxHundredths) => maxHundredths % 50 == 0 ? 50 : 10;

    private static string Points(int hundredths) =>
        (hundredths / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record CriterionValues(string Name, string NameEn, string Description, int MaxPointsHundredths, int StepHundredths,
        int? WeightPercent);

    private async Task<SetupResult> ReplaceCriteriaAsync(int contestId, int roundId, int? trackId, string action, string? reason,
        List<CriterionValues> lines, CancellationToken ct)
    {
        var round = await db.Rounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return SetupResult.Fail("", t["未找到该赛段。"]);
        if (trackId is { } track && !await db.ContestTracks.AnyAsync(x => x.Id == track && x.ContestId == contestId, ct))
            return SetupResult.Fail("", t["未找到该组别。"]);
        // Once scoring starts, judges' sheets refer to these lines; changing them would change scores already given.
        if (round.Status is not (RoundStatus.Draft or RoundStatus.Open))
            return SetupResult.Fail("", t["评分开始后不能再修改评分标准。"]);

        var before = RubricSnapshot(round.Criteria);
        // Lines keep their sequence numbers by position: rewriting values in place never collides with the unique
        // (round, sequence) index the way delete-then-insert in one batch could. New lines go after all of the round's.
        var existing = round.Criteria.Where(c => c.TrackId == trackId).OrderBy(c => c.Sequence).ToList();
        var last = round.Criteria.Count == 0 ? 0 : round.Criteria.Max(c => c.Sequence);
        var saved = new List<RubricCriterion>();
        for (var i = 0; i < lines.Count; i++)
        {
            var criterion = i < existing.Count ? existing[i] : null;
            if (criterion is null)
            {
                criterion = new RubricCriterion { RoundId = round.Id, TrackId = trackId, Name = "", NameEn = "", Sequence = ++last };
                round.Criteria.Add(criterion);
            }
            criterion.Name = lines[i].Name;
            criterion.NameEn = lines[i].NameEn;
            criterion.Description = lines[i].Description;
            criterion.MaxPointsHundredths = lines[i].MaxPointsHundredths;
            criterion.StepHundredths = lines[i].StepHundredths;
            criterion.WeightPercent = lines[i].WeightPercent;
            saved.Add(criterion);
        }
        foreach (var extra in existing.Skip(lines.Count))
            db.RubricCriteria.Remove(extra);

        audit.Record("Round", round.Id, action, before, RubricSnapshot(round.Criteria.Where(c => db.Entry(c).State != EntityState.Deleted)), reason);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Rubric of round {RoundId} (track {TrackId}) saved with {Count} criteria", roundId, trackId, lines.Count);
        return SetupResult.Done(round.Id, t["评分标准已保存，共 {0} 项，满分合计 {1}。", lines.Count, Points(Rubric.FullMarksHundredths(saved))]);
    }

    private static object Snapshot(Round r) => new
    {
        r.ContestId, r.Sequence, r.Name, r.NameEn, Kind = r.Kind.ToString(), Status = r.Status.ToString(), r.StartsAt, r.EndsAt,
        Aggregation = r.Aggregation.ToString(), r.TrimMinJudges, r.TrimCount, r.EarlierRoundWeights,
        MissingEarlierScore = r.MissingEarlierScore.ToString(), r.TieBreakers,
    };

    private static object RubricSnapshot(IEnumerable<RubricCriterion> criteria) =>
        criteria.OrderBy(c => c.Sequence).Select(c => new { c.TrackId, c.Name, c.MaxPointsHundredths, c.StepHundredths, c.WeightPercent }).ToList();
}
