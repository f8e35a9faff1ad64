using System.Net;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Publication;

/// <summary>
/// A round's ranking rules once scoring opens: a change needs a reason, is announced publicly beside the results, and a
/// version computed under the old rules cannot be finalized but is replaced by a new one that goes through 公示 again.
/// </summary>
public sealed class FrozenRulesTests(FrozenRulesTests.Host host) : IClassFixture<FrozenRulesTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 6, 1, 2, 0, 0, TimeSpan.Zero));
    }

    private DateTime Now => host.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task SaveRound_RefusesAChangedMethodWithoutAReason_AndAnnouncesItWithOne_WhenScoringHasOpened()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, Now.AddDays(30), status: RoundStatus.Open, aggregation: AggregationMethod.Mean);
        var organizer = await host.DemoOrganizerAsync();
        var page = $"/manage/contests/{contestId}/rounds/{round.Id}";

        // Before scoring opens the rules change freely.
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(page, [new("Form.TrimMinJudges", "6")], page)).StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => db.RoundRuleChanges.CountAsync(c => c.RoundId == round.Id)));

        // Open → Scoring through the page's button: scoring opens now.
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync($"{page}/advance", [], page)).StatusCode);
        Assert.Equal(Now, await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).Select(r => r.ScoringOpenedAt).SingleAsync()));
        Assert.Contains("id=\"round-rules-frozen\"", await organizer.GetStringAsync(page));

        // A changed method without a reason: refused at the reason field, nothing saved.
        var refused = await organizer.PostFormAsync(page, [new("Form.Aggregation", "Median"), new("Form.Description", "改为中位数")], page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("评分已开始，计分规则已冻结：修改计分方式、去分规则、赛段加权或决胜规则须填写变更原因", html);
        Assert.Matches("data-valmsg-for=\"Form.RuleChangeReason\"[^>]*>评分已开始", html);
        var unchanged = await host.WithDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id));
        Assert.Equal((AggregationMethod.Mean, ""), (unchanged.Aggregation, unchanged.Description));
        Assert.Equal(0, await host.WithDbAsync(db => db.RoundRuleChanges.CountAsync(c => c.RoundId == round.Id)));

        // Text that is not a rule still changes without a reason.
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(page, [new("Form.Description", "评审说明")], page)).StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => db.RoundRuleChanges.CountAsync(c => c.RoundId == round.Id)));

        // With a reason: saved, recorded with the rules before and after, audited.
        var saved = await organizer.PostFormAsync(page,
            [new("Form.Aggregation", "Median"), new("Form.RuleChangeReason", "评审委员会决定以中位数抵御个别极端分。")], page);
        Assert.Contains("计分规则变更已记录", await organizer.FollowAsync(saved));
        var change = await host.WithDbAsync(db => db.RoundRuleChanges.AsNoTracking().SingleAsync(c => c.RoundId == round.Id));
        Assert.Equal("评审委员会决定以中位数抵御个别极端分。", change.Reason);
        Assert.Equal("Mean", RoundRules.FromJson(change.RulesBefore)!.Method);
        Assert.Equal("Median", RoundRules.FromJson(change.RulesAfter)!.Method);
        Assert.NotEmpty(change.ChangedByName);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Round" && a.EntityId == round.Id.ToString()
            && a.Action == "ChangeRules" && a.Reason == change.Reason)));
        Assert.Equal(AggregationMethod.Median, await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).Select(r => r.Aggregation).SingleAsync()));
    }

    [Fact]
    public async Task Finalize_IsRefusedAndANewVersionGoesThroughAnnouncement_WhenTheRulesChangedAfterPublication()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        var roundPage = $"/manage/contests/{a.ContestId}/rounds/{a.Round.Id}";
        await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "7"), ("Current", "0"), ("Note", "")));
        var v1 = await host.WithDbAsync(db => db.RankingVersions.AsNoTracking().SingleAsync(v => v.RoundId == a.Round.Id));
        Assert.Equal("Mean", RoundRules.FromJson(v1.Rules)!.Method);

        // The public page states the rules the version was computed under, and 评委人数 shows the panel and the counted judges.
        var statement = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync(a.PublicUrl));
        Assert.Contains("id=\"method-statement\"", statement);
        Assert.Contains("各评委总分的平均分。", statement);
        Assert.Contains("四舍五入保留两位小数", statement);
        Assert.Contains("未设决胜规则", statement);
        Assert.DoesNotContain("id=\"rule-changes\"", statement);

        // After publication the organizer adds a tie-breaker, with a reason.
        var saved = await organizer.PostFormAsync(roundPage,
            [new("Form.TieBreakers[0]", "TopScores"), new("Form.RuleChangeReason", "按竞赛章程补充同分决胜规则。")], roundPage);
        Assert.Contains("已发布的第 1 版按变更前的规则计算，不能定稿", await organizer.FollowAsync(saved));

        // The notice is public, beside the results, with the reason and what changed.
        var notice = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync(a.PublicUrl));
        Assert.Contains("id=\"rule-changes\"", notice);
        Assert.Contains("规则变更公告", notice);
        Assert.Contains("变更原因：按竞赛章程补充同分决胜规则。", notice);
        Assert.Contains("原为：未设决胜规则", notice);
        Assert.Contains("现为：依次使用：1. 获评委最高分次数多者优先", notice);
        Assert.Contains("id=\"rules-changed-notice\"", await organizer.GetStringAsync(a.ManageUrl));

        // After the period, version 1 cannot be finalized.
        host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        organizer = await host.DemoOrganizerAsync();
        var refused = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize", a.ManageUrl,
            ("Number", "1"), ("Version", v1.Version.ToString())));
        Assert.Contains("第 1 版是按变更前的计分规则计算的，不能定稿", WebUtility.HtmlDecode(refused));
        Assert.Equal(PublicationStage.Announcement, await host.WithDbAsync(db => db.RankingVersions.Where(v => v.Id == v1.Id).Select(v => v.Stage).SingleAsync()));

        // A new version under the new rules goes through 公示 again, then it can be finalized.
        await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl,
            ("Days", "3"), ("Current", "1"), ("Note", "按变更后的决胜规则重新计算")));
        var v2 = await host.WithDbAsync(db => db.RankingVersions.AsNoTracking().SingleAsync(v => v.RoundId == a.Round.Id && v.Number == 2));
        Assert.Equal((PublicationStage.Announcement, Now.AddDays(3), 1), (v2.Stage, v2.AnnouncementEndsAt, v2.RuleChangeCount));
        Assert.Equal(["TopScores"], RoundRules.FromJson(v2.Rules)!.TieBreakers.Select(b => b.Token));
        Assert.Contains("公示期尚未结束", WebUtility.HtmlDecode(await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize",
            a.ManageUrl, ("Number", "2"), ("Version", v2.Version.ToString())))));
        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        organizer = await host.DemoOrganizerAsync();
        await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize", a.ManageUrl, ("Number", "2"), ("Version", v2.Version.ToString())));
        Assert.Equal(PublicationStage.Final, await host.WithDbAsync(db => db.RankingVersions.Where(v => v.Id == v2.Id).Select(v => v.Stage).SingleAsync()));

        // The API states each version's own rules and the change; once final, the rules no longer change.
        using (var first = JsonDocument.Parse(await host.CreateClient().GetStringAsync($"/api/v1/rounds/{a.Round.Id}/rankings/versions/1")))
        {
            var method = first.RootElement.GetProperty("method");
            Assert.Equal(0, method.GetProperty("rules").GetProperty("tieBreakers").GetArrayLength());
            var change = Assert.Single(method.GetProperty("ruleChanges").EnumerateArray().ToList());
            Assert.Equal("按竞赛章程补充同分决胜规则。", change.GetProperty("reason").GetString());
            Assert.Contains(method.GetProperty("statement").EnumerateArray(), l => l.GetProperty("key").GetString() == "rounding"
                && l.GetProperty("text").GetProperty("en").GetString()!.Contains("half up", StringComparison.Ordinal));
        }
        var late = await organizer.PostFormAsync(roundPage, [new("Form.TieBreakers[0]", ""), new("Form.RuleChangeReason", "撤回")], roundPage);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("该赛段的结果已定稿，计分规则不能再修改。", await late.TextAsync());
    }
    /// <summary>
    /// Judge groups (names, weights, who is in which) and the trimmed-mean fallback are ranking rules like the method:
    /// set freely before scoring opens, then each change needs a reason, even a swap of two judges that keeps the counts.
    /// </summary>
    [Fact]
    public async Task SaveRound_RefusesChangedJudgeGroupsOrFallbackWithoutAReason_WhenScoringHasOpened()
    {
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, Now.AddDays(30), status: RoundStatus.Open, aggregation: AggregationMethod.TrimmedMean);
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "分组冻结项目" + ReviewData.Tag());
        for (var j = 0; j < 4; j++)
        {
            var judge = await host.CreateUserAsync(TestUsers.NewEmail("judge"), TestUsers.DemoPassword, $"冻结评委{j + 1}", roles: Roles.Judge);
            await host.AssignAsync(round.Id, entry.Id, judge.Id);
        }
        var organizer = await host.DemoOrganizerAsync();
        var page = $"/manage/contests/{contestId}/rounds/{round.Id}";
        List<KeyValuePair<string, string>> Groups(int expertWeight, params int[] groupOfJudge) =>
        [
            new("Form.JudgeGroups[0].Name", "专家评委"), new("Form.JudgeGroups[0].NameEn", "Experts"), new("Form.JudgeGroups[0].WeightPercent", $"{expertWeight}"),
            new("Form.JudgeGroups[1].Name", "媒体评委"), new("Form.JudgeGroups[1].NameEn", "Media"), new("Form.JudgeGroups[1].WeightPercent", $"{100 - expertWeight}"),
            .. groupOfJudge.Select((g, i) => new KeyValuePair<string, string>($"Form.JudgeGroupMembers[{i}].Group", $"{g}")),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(page, Groups(70, 1, 1, 2, 2), page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync($"{page}/advance", [], page)).StatusCode);
        var frozen = await host.WithDbAsync(db => db.Rounds.AsNoTracking().Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers)
            .SingleAsync(r => r.Id == round.Id));
        Assert.NotNull(frozen.ScoringOpenedAt);

        // Each change without a reason is refused at the reason field and changes nothing.
        foreach (var change in new[] { Groups(60, 1, 1, 2, 2), Groups(70, 1, 2, 1, 2), [new("Form.TrimFallback", "Refuse")] })
        {
            var refused = await organizer.PostFormAsync(page, change, page);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Matches("data-valmsg-for=\"Form.RuleChangeReason\"[^>]*>评分已开始", await refused.TextAsync());
        }
        var unchanged = await host.WithDbAsync(db => db.Rounds.AsNoTracking().Include(r => r.JudgeGroups).Include(r => r.JudgeGroupMembers)
            .SingleAsync(r => r.Id == round.Id));
        Assert.Equal(TrimFallback.Mean, unchanged.TrimFallback);
        Assert.Equal(frozen.JudgeGroups.Select(g => (g.Id, g.WeightPercent)).Order(), unchanged.JudgeGroups.Select(g => (g.Id, g.WeightPercent)).Order());
        Assert.Equal(frozen.JudgeGroupMembers.Select(m => (m.JudgeUserId, m.JudgeGroupId)).Order(),
            unchanged.JudgeGroupMembers.Select(m => (m.JudgeUserId, m.JudgeGroupId)).Order());
        Assert.Equal(0, await host.WithDbAsync(db => db.RoundRuleChanges.CountAsync(c => c.RoundId == round.Id)));

        // With a reason the swap and the fallback are saved and announced with the rules before and after.
        var saved = await organizer.PostFormAsync(page,
            [.. Groups(70, 1, 2, 1, 2), new("Form.TrimFallback", "Refuse"), new("Form.RuleChangeReason", "媒体评委回避，与专家评委对调。")], page);
        Assert.Contains("计分规则变更已记录", await organizer.FollowAsync(saved));
        var recorded = await host.WithDbAsync(db => db.RoundRuleChanges.AsNoTracking().SingleAsync(c => c.RoundId == round.Id));
        var (before, after) = (RoundRules.FromJson(recorded.RulesBefore)!, RoundRules.FromJson(recorded.RulesAfter)!);
        Assert.Equal(("Mean", "Refuse"), (before.TrimFallback, after.TrimFallback));
        Assert.Equal([("专家评委", 70, 2), ("媒体评委", 30, 2)], after.JudgeGroups.Select(g => (g.Name, g.WeightPercent, g.Judges)));
        Assert.NotEqual(before.JudgeGroupMembership, after.JudgeGroupMembership);
        var judgeIds = await host.WithDbAsync(db => db.JudgeGroupMembers.Where(m => m.RoundId == round.Id).Select(m => m.JudgeUserId).ToListAsync());
        Assert.All(judgeIds, id => Assert.DoesNotContain(id, recorded.RulesAfter));
    }

    [Fact]
    public async Task SaveRound_RefusesAChangedPublicJuryWeightWithoutAReason_AndRecordsItWithOne_WhenScoringHasOpened()
    {
        var contestId = await host.ContestIdAsync();
        var roundId = (await host.OnlineRoundAsync(contestId, Now.AddDays(30), status: RoundStatus.Open)).Id;
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Kind, RoundKind.Roadshow)));
        var organizer = await host.DemoOrganizerAsync();
        var page = $"/manage/contests/{contestId}/rounds/{roundId}";
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync(page, [new("Form.PublicJuryWeightPercent", "10")], page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync($"{page}/advance", [], page)).StatusCode);

        // 10 % → 20 % after scoring opened, without a reason: refused, nothing saved.
        var refused = await organizer.PostFormAsync(page, [new("Form.PublicJuryWeightPercent", "20")], page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("data-valmsg-for=\"Form.RuleChangeReason\"[^>]*>评分已开始", await refused.TextAsync());
        Assert.Equal(10, await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.PublicJuryWeightPercent).SingleAsync()));
        Assert.Equal(0, await host.WithDbAsync(db => db.RoundRuleChanges.CountAsync(c => c.RoundId == roundId)));

        // With a reason: saved and recorded with the weight before and after, and the statement's words for both.
        var saved = await organizer.PostFormAsync(page,
            [new("Form.PublicJuryWeightPercent", "20"), new("Form.RuleChangeReason", "组委会决定提高人气分权重。")], page);
        Assert.Contains("计分规则变更已记录", await organizer.FollowAsync(saved));
        var change = await host.WithDbAsync(db => db.RoundRuleChanges.AsNoTracking().SingleAsync(c => c.RoundId == roundId));
        Assert.Equal((10, 20), (RoundRules.FromJson(change.RulesBefore)!.PublicJuryWeightPercent, RoundRules.FromJson(change.RulesAfter)!.PublicJuryWeightPercent));
        System.Globalization.CultureInfo.CurrentUICulture = RulesStatement.Chinese;
        var t = host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<CompetitionHub.Web.SharedResource>>();
        var difference = Assert.Single(RulesStatement.Differences(RoundRules.FromJson(change.RulesBefore)!, RoundRules.FromJson(change.RulesAfter)!, t));
        Assert.StartsWith("人气分占 10%，评委得分占 90%。", difference.Before);
        Assert.StartsWith("人气分占 20%，评委得分占 80%。", difference.After);
    }
}
