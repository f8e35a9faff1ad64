using System.Globalization;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Scoring;

public sealed class RecordScoreTests(RecordScoreTests.Host host) : IClassFixture<RecordScoreTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    }

    private DateTime InAMonth => host.Clock.GetUtcNow().UtcDateTime.AddDays(30);

    private async Task<(TestRound Round, int EntryId, TestJudge Judge)> AssignedAsync(DateTime? endsAt = null)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var contestId = await host.ContestIdAsync();
        var round = await host.OnlineRoundAsync(contestId, endsAt ?? InAMonth);
        var entry = await host.CreateEntryAsync(EntryStatus.Approved, "评分项目" + ReviewData.Tag());
        var judge = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(round.Id, entry.Id, judge.UserId);
        return (round, entry.Id, judge);
    }

    [Fact]
    public async Task HandleAsync_StoresADraftThenTheSubmittedSheet_WhenTheJudgeIsAssigned()
    {
        var (round, entryId, judge) = await AssignedAsync();

        var draft = await host.ScoreAsync(judge.UserId, round, entryId, 20, 10, submit: false);
        var submitted = await host.ScoreAsync(judge.UserId, round, entryId, 27.5m, 18, submit: true);

        Assert.True(draft.Accepted);
        Assert.Equal(SheetStatus.Draft, draft.Status);
        Assert.Equal(3000, draft.TotalHundredths);
        Assert.True(submitted.Accepted);
        Assert.False(submitted.AlreadyRecorded);
        Assert.Equal(SheetStatus.Submitted, submitted.Status);
        var sheet = Assert.Single(await host.SheetsAsync(round.Id, entryId));
        Assert.Equal(draft.SheetId, sheet.Id);
        Assert.Equal(SheetStatus.Submitted, sheet.Status);
        Assert.Equal(4550, sheet.TotalHundredths);
        Assert.Equal(4550, sheet.EffectiveTotalHundredths);
        Assert.Equal([2750, 1800], sheet.Lines.Select(l => l.PointsHundredths));
        Assert.NotNull(sheet.SubmittedAt);
    }

    [Fact]
    public async Task HandleAsync_AcknowledgesAResendOnce_WhenTheSameSubmissionIdArrivesAgain()
    {
        var (round, entryId, judge) = await AssignedAsync();
        var submissionId = Guid.NewGuid();

        var first = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true, submissionId);
        var again = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true, submissionId);

        Assert.True(first.Accepted);
        Assert.False(first.AlreadyRecorded);
        Assert.True(again.Accepted);
        Assert.True(again.AlreadyRecorded);
        Assert.Equal(first.SheetId, again.SheetId);
        Assert.Single(await host.SheetsAsync(round.Id, entryId));
    }

    [Fact]
    public async Task HandleAsync_AcknowledgesAResend_WhenTheRoundEndedAfterTheFirstArrived()
    {
        var (round, entryId, judge) = await AssignedAsync(endsAt: host.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var submissionId = Guid.NewGuid();
        var first = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true, submissionId);

        // The tablet never saw the answer and sends the sheet again once the deadline has passed.
        host.Clock.Advance(TimeSpan.FromHours(2));
        var again = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true, submissionId);

        Assert.True(again is { Accepted: true, AlreadyRecorded: true }, again.Error);
        Assert.Equal(first.SheetId, again.SheetId);
    }

    [Fact]
    public async Task HandleAsync_RefusesAndStoresNothing_WhenAnotherJudgeSendsASubmissionIdAlreadyStored()
    {
        var (round, entryId, judge) = await AssignedAsync();
        var other = await host.PoolJudgeAsync(round.ContestId);
        await host.AssignAsync(round.Id, entryId, other.UserId);
        var submissionId = Guid.NewGuid();
        await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true, submissionId);

        var reused = await host.ScoreAsync(other.UserId, round, entryId, 20, 10, submit: true, submissionId);

        Assert.False(reused.Accepted);
        Assert.Equal("评分提交编号无效，请刷新页面后重试。", reused.Error);
        Assert.Equal(judge.UserId, Assert.Single(await host.SheetsAsync(round.Id, entryId)).JudgeUserId);
    }

    private static ScoreRequest Request(string judgeUserId, TestRound round, int entryId, decimal innovation, decimal market, Guid? id = null) =>
        new(judgeUserId, new ScoreInput(id ?? Guid.NewGuid(), round.Id, entryId,
            new Dictionary<int, decimal> { [round.Innovation] = innovation, [round.Market] = market }, "评语", Submit: true));

    private async Task<IReadOnlyList<ScoreOutcome>> HandleManyAsync(IReadOnlyList<ScoreRequest> requests)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecordScore>().HandleManyAsync(requests, CancellationToken.None);
    }

    [Fact]
    public async Task HandleManyAsync_AnswersEachSheetInOrderAndStoresEachOnce_WhenAGroupHoldsRepeatsAndRefusals()
    {
        var (round, entryId, first) = await AssignedAsync();
        var contestId = round.ContestId;
        var second = await host.PoolJudgeAsync(contestId);
        await host.AssignAsync(round.Id, entryId, second.UserId);
        var stranger = await host.PoolJudgeAsync(contestId);
        var twice = Guid.NewGuid();

        var outcomes = await HandleManyAsync(
        [
            Request(first.UserId, round, entryId, 25, 15, twice),
            Request(second.UserId, round, entryId, 20, 10),
            Request(first.UserId, round, entryId, 25, 15, twice), // the same sheet sent twice at once
            Request(first.UserId, round, entryId, 10, 5), // another sheet for an entry already scored
            Request(stranger.UserId, round, entryId, 30, 20), // not assigned
            Request(second.UserId, round, entryId, 31, 10, Guid.NewGuid()), // out of range, and the judge's sheet is in the group too
        ]);

        Assert.Equal(6, outcomes.Count);
        Assert.True(outcomes[0] is { Accepted: true, AlreadyRecorded: false, TotalHundredths: 4000 });
        Assert.True(outcomes[1] is { Accepted: true, AlreadyRecorded: false, TotalHundredths: 3000 });
        Assert.True(outcomes[2] is { Accepted: true, AlreadyRecorded: true });
        Assert.Equal(outcomes[0].SheetId, outcomes[2].SheetId);
        Assert.Equal("该项目的评分已提交，不能再修改；如需更正，请提交更正申请。", outcomes[3].Error);
        Assert.Equal("该项目未分配给您评审。", outcomes[4].Error);
        Assert.False(outcomes[5].Accepted);
        var sheets = await host.SheetsAsync(round.Id, entryId);
        Assert.Equal(2, sheets.Count);
        Assert.Equal([3000, 4000], sheets.Select(s => s.TotalHundredths).Order());
    }

    [Fact]
    public async Task HandleManyAsync_StoresNewSheetsWithTheirRecordsAndANewRankingStamp_WhenTheGroupAlsoCarriesOnADraft()
    {
        var (round, entryId, first) = await AssignedAsync();
        var contestId = round.ContestId;
        var judges = new List<TestJudge> { first };
        for (var i = 0; i < 3; i++)
        {
            judges.Add(await host.PoolJudgeAsync(contestId));
            await host.AssignAsync(round.Id, entryId, judges[^1].UserId);
        }
        var draft = await host.ScoreAsync(first.UserId, round, entryId, 20, 10, submit: false);
        Task<Guid> StampAsync() => host.WithDbAsync(db => db.RankingStamps.Where(s => s.ContestId == contestId).Select(s => s.Stamp).SingleAsync());
        var stamp = await StampAsync();
        var at = host.Clock.GetUtcNow().UtcDateTime;

        var outcomes = await HandleManyAsync(
        [
            // The draft carried on as a draft: no ranking counts it, so only the new sheets can replace the stamp.
            Request(first.UserId, round, entryId, 27.5m, 18) with { Input = Request(first.UserId, round, entryId, 27.5m, 18).Input with { Submit = false } },
            Request(judges[1].UserId, round, entryId, 25, 15),
            Request(judges[2].UserId, round, entryId, 20, 10) with { JudgeUserName = "评委乙" },
            Request(judges[3].UserId, round, entryId, 10, 5) with { Input = Request(judges[3].UserId, round, entryId, 10, 5).Input with { Submit = false, Comment = "  草稿  " } },
        ]);

        Assert.All(outcomes, o => Assert.True(o is { Accepted: true, AlreadyRecorded: false }, o.Error));
        var sheets = (await host.SheetsAsync(round.Id, entryId)).ToDictionary(s => s.JudgeUserId);
        Assert.Equal(4, sheets.Count);
        Assert.Equal(draft.SheetId, sheets[first.UserId].Id);
        for (var i = 0; i < 4; i++)
        {
            var sheet = sheets[judges[i].UserId];
            Assert.Equal(outcomes[i].SheetId, sheet.Id);
            Assert.Equal(outcomes[i].TotalHundredths, sheet.TotalHundredths);
            Assert.Equal(sheet.TotalHundredths, sheet.EffectiveTotalHundredths);
            Assert.Equal(i is 0 or 3 ? SheetStatus.Draft : SheetStatus.Submitted, sheet.Status);
            Assert.Equal(i is 0 or 3 ? null : at, sheet.SubmittedAt);
            Assert.Equal(at, sheet.UpdatedAt);
        }
        Assert.Equal([2750, 1800], sheets[first.UserId].Lines.Select(l => l.PointsHundredths));
        Assert.Equal([1000, 500], sheets[judges[3].UserId].Lines.Select(l => l.PointsHundredths));
        Assert.Equal("草稿", sheets[judges[3].UserId].Comment);
        var records = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "ScoreSheet" && a.EntityId == $"{round.Id}/{entryId}").ToListAsync());
        Assert.Equal(judges[1..3].Select(j => j.UserId).Order(), records.Select(r => r.UserId).Order());
        Assert.All(records, r => Assert.Equal((contestId, "submitted", at), (r.ContestId, r.Action, r.At)));
        Assert.Equal("评委乙", records.Single(r => r.UserId == judges[2].UserId).UserName);
        Assert.Contains("\"total\":30", records.Single(r => r.UserId == judges[2].UserId).After);
        Assert.NotEqual(stamp, await StampAsync());
    }

    [Fact]
    public async Task HandleManyAsync_StoresEverySheetOnce_WhenTwoGroupsWithTheSameSheetsRace()
    {
        // Two panels' worth of the same five sheets (the original and its resend on reconnect) stored at once, ten times.
        for (var repetition = 0; repetition < 10; repetition++)
        {
            var (round, entryId, first) = await AssignedAsync();
            var requests = new List<ScoreRequest> { Request(first.UserId, round, entryId, 25, 15) };
            for (var i = 0; i < 4; i++)
            {
                var judge = await host.PoolJudgeAsync(round.ContestId);
                await host.AssignAsync(round.Id, entryId, judge.UserId);
                requests.Add(Request(judge.UserId, round, entryId, 20 + i, 10));
            }

            var answers = await Task.WhenAll(HandleManyAsync(requests), HandleManyAsync(requests));

            // Whichever group lost the race answers every sheet as already recorded (or stored), never refused, never twice.
            Assert.All(answers.SelectMany(a => a), o => Assert.True(o.Accepted, o.Error));
            Assert.All(Enumerable.Range(0, requests.Count), i => Assert.Equal(answers[0][i].SheetId, answers[1][i].SheetId));
            Assert.Equal(requests.Count, answers.SelectMany(a => a).Count(o => !o.AlreadyRecorded));
            Assert.Equal(requests.Count, (await host.SheetsAsync(round.Id, entryId)).Count);
        }
    }

    [Fact]
    public async Task HandleAsync_RefusesAChange_WhenTheSheetIsSubmitted()
    {
        var (round, entryId, judge) = await AssignedAsync();
        await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true);

        var change = await host.ScoreAsync(judge.UserId, round, entryId, 30, 20, submit: true);
        var draft = await host.ScoreAsync(judge.UserId, round, entryId, 30, 20, submit: false);

        Assert.False(change.Accepted);
        Assert.Equal("该项目的评分已提交，不能再修改；如需更正，请提交更正申请。", change.Error);
        Assert.False(draft.Accepted);
        Assert.Equal(4000, Assert.Single(await host.SheetsAsync(round.Id, entryId)).TotalHundredths);
    }

    [Fact]
    public async Task HandleAsync_Refuses_WhenTheJudgeIsNotAssigned()
    {
        var (round, entryId, _) = await AssignedAsync();
        var other = await host.PoolJudgeAsync(round.ContestId);

        var outcome = await host.ScoreAsync(other.UserId, round, entryId, 25, 15, submit: true);

        Assert.False(outcome.Accepted);
        Assert.Equal("该项目未分配给您评审。", outcome.Error);
        Assert.Empty(await host.SheetsAsync(round.Id, entryId));
    }

    [Fact]
    public async Task HandleAsync_Refuses_WhenTheRoundHasEnded()
    {
        var (round, entryId, judge) = await AssignedAsync(endsAt: host.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var before = await host.ScoreAsync(judge.UserId, round, entryId, 20, 10, submit: false);

        host.Clock.Advance(TimeSpan.FromHours(2));
        var after = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true);

        Assert.True(before.Accepted);
        Assert.False(after.Accepted);
        Assert.Equal("网络评审已截止，不能再评分。", after.Error);
        Assert.Equal(SheetStatus.Draft, Assert.Single(await host.SheetsAsync(round.Id, entryId)).Status);
    }

    [Fact]
    public async Task HandleAsync_Refuses_WhenTheJudgeHasAConflictWithTheEntry()
    {
        var (round, entryId, judge) = await AssignedAsync();
        await host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = round.ContestId, JudgeUserId = judge.UserId, EntryId = entryId, Type = ConflictType.Advisor,
                Source = ConflictSource.Declared, Reason = "担任该项目顾问", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var outcome = await host.ScoreAsync(judge.UserId, round, entryId, 25, 15, submit: true);

        Assert.False(outcome.Accepted);
        Assert.Equal("您与该项目存在利益冲突，已回避，不能评分。", outcome.Error);
        Assert.Empty(await host.SheetsAsync(round.Id, entryId));
    }

    [Theory]
    [InlineData(30.5, 10, "“创新性”的分数须在 0 到 30 之间。")]
    [InlineData(-1, 10, "“创新性”的分数须在 0 到 30 之间。")]
    [InlineData(20.25, 10, "“创新性”的分数须以 0.5 分为单位。")]
    [InlineData(20.001, 10, "“创新性”的分数须在 0 到 30 之间。")]
    [InlineData(20, 10.5, "“市场前景”的分数须以 1 分为单位。")]
    public async Task HandleAsync_RefusesWithALocalizedMessage_WhenPointsAreOutOfRangeOrOffStep(double innovation, double market, string expected)
    {
        var (round, entryId, judge) = await AssignedAsync();

        var outcome = await host.ScoreAsync(judge.UserId, round, entryId, (decimal)innovation, (decimal)market, submit: true);

        Assert.False(outcome.Accepted);
        Assert.Equal(expected, outcome.Error);
        Assert.Empty(await host.SheetsAsync(round.Id, entryId));
    }

    [Fact]
    public async Task HandleAsync_Refuses_WhenACriterionIsMissingOrUnknown()
    {
        var (round, entryId, judge) = await AssignedAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var record = scope.ServiceProvider.GetRequiredService<RecordScore>();

        var missing = await record.HandleAsync(judge.UserId, new ScoreInput(Guid.NewGuid(), round.Id, entryId,
            new Dictionary<int, decimal> { [round.Innovation] = 20 }, null, true), CancellationToken.None);
        var unknown = await record.HandleAsync(judge.UserId, new ScoreInput(Guid.NewGuid(), round.Id, entryId,
            new Dictionary<int, decimal> { [round.Innovation] = 20, [round.Market] = 10, [-5] = 1 }, null, true), CancellationToken.None);

        Assert.Equal("请为“市场前景”评分。", missing.Error);
        Assert.Equal("评分包含不属于该评分标准的项目。", unknown.Error);
        Assert.Empty(await host.SheetsAsync(round.Id, entryId));
    }

    [Fact]
    public async Task HandleAsync_RefusesInEnglish_WhenTheCultureIsEnglish()
    {
        var (round, entryId, _) = await AssignedAsync();
        var other = await host.PoolJudgeAsync(round.ContestId);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");

        var outcome = await host.ScoreAsync(other.UserId, round, entryId, 25, 15, submit: true);

        Assert.False(outcome.Accepted);
        Assert.DoesNotContain("未分配", outcome.Error);
    }
}
