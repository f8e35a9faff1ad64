using System.Security.Claims;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Adds, changes and removes a contest's rounds. A round's dates and text can change at any time; it can be removed only
/// while it is a draft, since later states mean judges may already be working in it. Its ranking rules
/// (<see cref="RoundRules"/>) are frozen once scoring opens: a change then needs a stated reason and becomes a public
/// <see cref="RoundRuleChange"/>.
/// </summary>
public sealed class SaveRound(AppDbContext db, AuditLog audit, TimeProvider clock, IHttpContextAccessor http,
    IStringLocalizer<SharedResource> t, ILogger<SaveRound> logger)
{
    /// <param name="roundId">0 adds a new round after the last one.</param>
    public Task<SetupResult> HandleAsync(int contestId, int roundId, RoundForm form, CancellationToken ct) =>
        db.SaveAtomicallyAsync(async ct =>
        {
            var contest = await db.Contests.Include(c => c.Rounds).ThenInclude(r => r.Criteria)
                .Include(c => c.Rounds).ThenInclude(r => r.JudgeGroups).Include(c => c.Rounds).ThenInclude(r => r.JudgeGroupMembers)
                .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == contestId, ct);
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
            var judges = round is null ? [] : (await RoundJudges.ListAsync(db, round.Id, ct)).Select(j => j.UserId).ToHashSet();
            if (RankingErrors(contest, round, form) is { Count: > 0 } rankingErrors)
                return SetupResult.Fail(rankingErrors);
            if (JudgeGroupErrors(form, judges) is { Count: > 0 } groupErrors)
                return SetupResult.Fail(groupErrors);

            var before = round is null ? null : Snapshot(round);
            var rulesBefore = round is { RulesFrozen: true } ? RoundRules.From(round, contest.Rounds) : null;
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
            round.DescriptionEn = string.IsNullOrWhiteSpace(form.DescriptionEn) ? null : form.DescriptionEn.Trim();
            round.Aggregation = form.Aggregation;
            round.TrimMinJudges = form.TrimMinJudges;
            round.TrimCount = form.TrimCount;
            round.EarlierRoundWeights = RankingRules.FormatEarlierWeights(
                form.EarlierWeights.Select(w => new EarlierRoundWeight(w.RoundId, w.WeightPercent ?? 0)));
            round.MissingEarlierScore = form.MissingEarlierScore;
            round.TieBreakers = RankingRules.FormatTieBreakers(form.TieBreakers.Select(TieBreakerRule.Parse).OfType<TieBreakerRule>());
            round.TrimFallback = form.TrimFallback;
            ApplyJudgeGroups(round, form);
            round.PublicJuryWeightPercent = form.PublicJuryWeightPercent ?? 0;
            round.MinScoreHundredths = form.MinScore is { } min ? (int)(min * 100m) : null;
            round.RankByIndustry = form.RankByIndustry;
            contest.UpdatedAt = clock.GetUtcNow().UtcDateTime;

            var message = t["赛段已保存。"].Value;
            if (rulesBefore is not null && RoundRules.From(round, contest.Rounds) is var rulesAfter && !rulesAfter.SameAs(rulesBefore))
            {
                var change = await RuleChangeAsync(round, rulesBefore, rulesAfter, form.RuleChangeReason, ct);
                if (!change.Succeeded)
                {
                    // Nothing of this form may be saved by a later SaveChanges of the same request.
                    db.ChangeTracker.Clear();
                    return change;
                }
                message = change.Message!;
            }

            await db.SaveChangesAsync(ct);
            audit.Record(contestId, "Round", round.Id, before is null ? "Create" : "Update", before, Snapshot(round),
                rulesBefore is null ? null : form.RuleChangeReason?.Trim() is { Length: > 0 } reason ? reason : null);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Round {RoundId} of contest {ContestId} saved", round.Id, contestId);
            return SetupResult.Done(round.Id, message);
        }, ct);

    /// <summary>
    /// A change of frozen rules: refused without a reason or once the round's result is final; otherwise recorded as a
    /// public notice. A version published under the old rules can then only be replaced (see PublishResults).
    /// </summary>
    private async Task<SetupResult> RuleChangeAsync(Round round, RoundRules before, RoundRules after, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
            return SetupResult.Fail(nameof(RoundForm.RuleChangeReason),
                t["评分已开始，计分规则已冻结：修改计分方式、去分规则、赛段加权或决胜规则须填写变更原因，变更将在结果旁公开公告。"]);
        var versions = await db.RankingVersions.AsNoTracking().Where(v => v.RoundId == round.Id)
            .Select(v => new { v.Number, v.Stage }).ToListAsync(ct);
        if (versions.Any(v => v.Stage == PublicationStage.Final))
            return SetupResult.Fail("", t["该赛段的结果已定稿，计分规则不能再修改。"]);

        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        db.RoundRuleChanges.Add(new RoundRuleChange
        {
            ContestId = round.ContestId, RoundId = round.Id, ChangedAt = clock.GetUtcNow().UtcDateTime, ChangedByUserId = userId,
            ChangedByName = name, Reason = reason, RulesBefore = before.ToJson(), RulesAfter = after.ToJson(),
        });
        audit.Record(round.ContestId, "Round", round.Id, "ChangeRules", before, after, reason);
        logger.LogInformation("Ranking rules of round {RoundId} changed after scoring opened by {UserId}", round.Id, userId);
        var message = t["赛段已保存。计分规则变更已记录，并在结果页公开公告。"].Value;
        if (versions.Count > 0)
            message += " " + t["已发布的第 {0} 版按变更前的规则计算，不能定稿：请按现行规则重新发布新版本，新版本须重新公示。", versions.Max(v => v.Number)].Value;
        return SetupResult.Done(round.Id, message);
    }

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
        if (!Enum.IsDefined(form.TrimFallback))
            errors.Add(new(nameof(form.TrimFallback), t["请选择评委人数不足以去掉最高分和最低分时的处理方式。"]));

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
        else if (rules.Count(r => RankingRules.IsRecorded(r!.Kind)) > 1)
            errors.Add(new(nameof(form.TieBreakers), t["抽签和评审会决定都会排定全部剩余名次，只能选用其中一条。"]));
        else if (rules.FindIndex(r => r!.Kind == TieBreakerKind.LotDraw) is var lot && lot >= 0 && lot != rules.Count - 1)
            errors.Add(new(nameof(form.TieBreakers), t["抽签只能作为最后一条决胜规则。"]));
        else if (rules.FindIndex(r => r!.Kind == TieBreakerKind.PanelDecision) is var panel && panel >= 0 && panel != rules.Count - 1)
            errors.Add(new(nameof(form.TieBreakers), t["评审会决定只能作为最后一条决胜规则。"]));

        if (form.PublicJuryWeightPercent is < 0 or > Round.MaxPublicJuryWeightPercent)
            errors.Add(new(nameof(form.PublicJuryWeightPercent), t["大众评审（人气分）权重须在 {0} 到 {1} 之间。", 0, Round.MaxPublicJuryWeightPercent]));
        // Spectators vote on the live page of a roadshow session; an online review has no audience.
        else if (form.PublicJuryWeightPercent > 0 && form.Kind != RoundKind.Roadshow)
            errors.Add(new(nameof(form.PublicJuryWeightPercent), t["大众评审（人气分）只适用于路演赛段。"]));
        if (form.MinScore is { } min && (min is < 0.01m or > 1000m))
            errors.Add(new(nameof(form.MinScore), t["最低晋级（获奖）分数须在 {0} 到 {1} 之间。", 0.01m, 1000]));
        else if (form.MinScore is { } minimum && decimal.Round(minimum, 2) != minimum)
            errors.Add(new(nameof(form.MinScore), t["最低晋级（获奖）分数最多保留两位小数。"]));
        return errors;
    }

    /// <summary>
    /// Judge groups: none, or 2 to <see cref="RankingRules.MaxJudgeGroups"/> named lines whose weights add up to 100, not
    /// with z-scores; every judge line names a judge of the round and, when there are groups, one of the group lines.
    /// </summary>
    private List<FieldError> JudgeGroupErrors(RoundForm form, IReadOnlySet<string> judges)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < form.JudgeGroups.Count; i++)
        {
            var g = form.JudgeGroups[i];
            if (g.IsBlank) continue;
            var field = $"{nameof(form.JudgeGroups)}[{i}]";
            if (string.IsNullOrWhiteSpace(g.Name)) errors.Add(new($"{field}.Name", t["请填写评委组名称。"]));
            if (string.IsNullOrWhiteSpace(g.NameEn)) errors.Add(new($"{field}.NameEn", t["请填写英文名称。"]));
            if (g.WeightPercent is not (>= 1 and <= 99)) errors.Add(new($"{field}.WeightPercent", t["评委组权重须在 {0} 到 {1} 之间。", 1, 99]));
        }
        var groups = form.JudgeGroups.Where(g => !g.IsBlank).ToList();
        if (form.JudgeGroups.Count > RankingRules.MaxJudgeGroups || groups.Count > RankingRules.MaxJudgeGroups)
            errors.Add(new(nameof(form.JudgeGroups), t["评委组最多 {0} 个。", RankingRules.MaxJudgeGroups]));
        else if (groups.Count == 1)
            errors.Add(new(nameof(form.JudgeGroups), t["评委分组至少需要两个组；全部评委同等计分时请不设评委组。"]));
        else if (groups.Count > 1 && errors.Count == 0 && groups.Sum(g => g.WeightPercent ?? 0) != 100)
            errors.Add(new(nameof(form.JudgeGroups), t["各评委组的权重之和须为 100%（当前 {0}%）。", groups.Sum(g => g.WeightPercent ?? 0)]));
        if (groups.Count > 0 && form.Aggregation == AggregationMethod.ZScore)
            errors.Add(new(nameof(form.JudgeGroups), t["标准分（Z 分数）计分不能与评委分组同时使用。"]));

        var seen = new HashSet<string>();
        for (var i = 0; i < form.JudgeGroupMembers.Count; i++)
        {
            var m = form.JudgeGroupMembers[i];
            var field = $"{nameof(form.JudgeGroupMembers)}[{i}].Group";
            if (m.JudgeUserId is null || !judges.Contains(m.JudgeUserId) || !seen.Add(m.JudgeUserId))
                errors.Add(new(nameof(form.JudgeGroupMembers), t["评委名单已变化，请刷新页面后重试。"]));
            else if (m.Group is > 0 && (m.Group > form.JudgeGroups.Count || form.JudgeGroups[m.Group.Value - 1].IsBlank))
                errors.Add(new(field, t["所选评委组不存在。"]));
            else if (m.Group is null or 0 && groups.Count > 0)
                errors.Add(new(field, t["请为每位评委选择评委组。"]));
            else if (m.Group is < 0)
                errors.Add(new(field, t["所选评委组不存在。"]));
        }
        return errors;
    }

    /// <summary>Rewrites the groups in place by position (as the rubric does) and moves each judge to their group.</summary>
    private void ApplyJudgeGroups(Round round, RoundForm form)
    {
        var lines = form.JudgeGroups.Select((g, i) => (Form: g, Line: i + 1)).Where(x => !x.Form.IsBlank).ToList();
        var existing = round.JudgeGroups.OrderBy(g => g.Sequence).ToList();
        var next = existing.Count == 0 ? 1 : existing.Max(g => g.Sequence) + 1;
        var byLine = new Dictionary<int, JudgeGroup>();
        for (var i = 0; i < lines.Count; i++)
        {
            var group = i < existing.Count ? existing[i] : null;
            if (group is null)
            {
                group = new JudgeGroup { Name = "", NameEn = "", Sequence = next++ };
                round.JudgeGroups.Add(group);
            }
            group.Name = lines[i].Form.Name!.Trim();
            group.NameEn = lines[i].Form.NameEn!.Trim();
            group.WeightPercent = lines[i].Form.WeightPercent!.Value;
            byLine[lines[i].Line] = group;
        }

        var wanted = form.JudgeGroupMembers.Where(m => m.Group is > 0 && byLine.ContainsKey(m.Group.Value))
            .ToDictionary(m => m.JudgeUserId!, m => byLine[m.Group!.Value]);
        foreach (var member in round.JudgeGroupMembers.ToList())
        {
            if (wanted.Remove(member.JudgeUserId, out var group)) member.Group = group;
            else db.JudgeGroupMembers.Remove(member);
        }
        foreach (var (judge, group) in wanted)
            round.JudgeGroupMembers.Add(new JudgeGroupMember { JudgeUserId = judge, Group = group });
        foreach (var extra in existing.Skip(lines.Count))
            db.JudgeGroups.Remove(extra);
    }

    public async Task<SetupResult> RemoveAsync(int contestId, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.Include(r => r.Criteria).Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return SetupResult.Fail("", t["未找到该赛段。"]);
        if (round.Status != RoundStatus.Draft)
            return SetupResult.Fail("", t["只有草稿状态的赛段可以删除。"]);
        var snapshot = Snapshot(round);
        db.RubricCriteria.RemoveRange(round.Criteria);
        db.JudgeGroupMembers.RemoveRange(round.JudgeGroupMembers);
        db.JudgeGroups.RemoveRange(round.JudgeGroups);
        db.Rounds.Remove(round);
        audit.Record(contestId, "Round", round.Id, "Delete", snapshot);
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
                string.IsNullOrWhiteSpace(c.DescriptionEn) ? null : c.DescriptionEn.Trim(),
                (int)(c.MaxPoints!.Value * 100m), c.StepHundredths, c.WeightPercent))], ct);
    }

    /// <summary>Replaces the shared rubric, or <paramref name="trackId"/>'s own lines, with a template's lines.</summary>
    public async Task<SetupResult> CopyTemplateAsync(int contestId, int roundId, string? templateCode, int? trackId, CancellationToken ct)
    {
        var templates = await SeedFiles.Default.RubricTemplatesAsync(ct);
        var template = templates.SingleOrDefault(x => x.Code == templateCode);
        if (template is null) return SetupResult.Fail("", t["未找到该评分模板。"]);
        return await ReplaceCriteriaAsync(contestId, roundId, trackId, "CopyRubricTemplate", template.Code,
            [.. template.Criteria.Select(c => new CriterionValues(c.Name, c.NameEn, c.Description ?? "", string.IsNullOrWhiteSpace(c.DescriptionEn) ? null : c.DescriptionEn,
                (int)decimal.Round(c.MaxPoints * 100m), StepFor((int)decimal.Round(c.MaxPoints * 100m)), null))], ct);
    }

    /// <summary>The half-point step of the templates, or whole tenths where a template's full marks are not in halves.</summary>
    private static int StepFor(int maxHundredths) => maxHundredths % 50 == 0 ? 50 : 10;

    private static string Points(int hundredths) =>
        (hundredths / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record CriterionValues(string Name, string NameEn, string Description, string? DescriptionEn, int MaxPointsHundredths, int StepHundredths,
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
            criterion.DescriptionEn = lines[i].DescriptionEn;
            criterion.MaxPointsHundredths = lines[i].MaxPointsHundredths;
            criterion.StepHundredths = lines[i].StepHundredths;
            criterion.WeightPercent = lines[i].WeightPercent;
            saved.Add(criterion);
        }
        foreach (var extra in existing.Skip(lines.Count))
            db.RubricCriteria.Remove(extra);

        audit.Record(contestId, "Round", round.Id, action, before, RubricSnapshot(round.Criteria.Where(c => db.Entry(c).State != EntityState.Deleted)), reason);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Rubric of round {RoundId} (track {TrackId}) saved with {Count} criteria", roundId, trackId, lines.Count);
        return SetupResult.Done(round.Id, t["评分标准已保存，共 {0} 项，满分合计 {1}。", lines.Count, Points(Rubric.FullMarksHundredths(saved))]);
    }

    private static object Snapshot(Round r) => new
    {
        r.ContestId, r.Sequence, r.Name, r.NameEn, Kind = r.Kind.ToString(), Status = r.Status.ToString(), r.StartsAt, r.EndsAt,
        Aggregation = r.Aggregation.ToString(), r.TrimMinJudges, r.TrimCount, r.EarlierRoundWeights,
        MissingEarlierScore = r.MissingEarlierScore.ToString(), r.TieBreakers, TrimFallback = r.TrimFallback.ToString(), r.ScoringOpenedAt,
        r.PublicJuryWeightPercent, r.MinScoreHundredths, r.RankByIndustry,
        JudgeGroups = r.JudgeGroups.OrderBy(g => g.Sequence).Select(g => new
        {
            g.Name, g.NameEn, g.WeightPercent,
            Judges = r.JudgeGroupMembers.Where(m => m.Group == g || m.JudgeGroupId == g.Id && g.Id != 0)
                .Select(m => m.JudgeUserId).Order(StringComparer.Ordinal).ToList(),
        }).ToList(),
    };

    private static object RubricSnapshot(IEnumerable<RubricCriterion> criteria) =>
        criteria.OrderBy(c => c.Sequence).Select(c => new { c.TrackId, c.Name, c.MaxPointsHundredths, c.StepHundredths, c.WeightPercent }).ToList();
}
