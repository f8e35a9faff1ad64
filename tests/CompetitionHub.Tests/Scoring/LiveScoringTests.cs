using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Live;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Roadshow;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Scoring;

/// <summary>
/// A roadshow session run end to end over real SignalR connections on Kestrel: the organizer's console steps are real
/// POSTs, judges score from signed-in hub connections, a spectator watches anonymously.
/// </summary>
public sealed class LiveScoringTests(LiveScoringTests.Host host) : IClassFixture<LiveScoringTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            Watching(Trap);
        }

        public CommandTrap Trap { get; } = new();
    }

    private sealed record Judge(string Email, string UserId);

    /// <summary>A roadshow round with a two-line rubric, <paramref name="entries"/> drawn entries and a panel of <paramref name="judges"/>.</summary>
    private sealed record Stage(int RoundId, int SessionId, List<int> Entries, List<Judge> Panel, int Criterion1, int Criterion2);

    private async Task<Stage> ArrangeAsync(int judges, int entries = 2, RoundStatus status = RoundStatus.Scoring)
    {
        var roundId = await host.CreateRoundAsync(RoundKind.Roadshow, status);
        var (c1, c2) = await host.WithDbAsync(async db =>
        {
            var a = new RubricCriterion { RoundId = roundId, Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50 };
            var b = new RubricCriterion { RoundId = roundId, Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 50 };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var contestId = await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.ContestId).SingleAsync());
        var created = (await host.CreateApprovedEntriesAsync(entries)).Select(e => e.Id).ToList();
        var panel = new List<Judge>();
        for (var i = 0; i < judges; i++) panel.Add(await PoolJudgeAsync(contestId, $"评委{i + 1}"));
        var sessionId = await host.SessionAsync(roundId, "第一场" + ReviewData.Tag(), DateTime.UtcNow, panel.Select(j => j.UserId).ToArray(), created.ToArray());
        // The running order as a draw would leave it.
        await host.WithDbAsync(async db =>
        {
            var slots = await db.SessionSlots.Where(s => s.SessionId == sessionId).ToListAsync();
            foreach (var s in slots) s.Position = created.IndexOf(s.EntryId) + 1;
            await db.SaveChangesAsync();
        });
        return new Stage(roundId, sessionId, created, panel, c1, c2);
    }

    private async Task<Judge> PoolJudgeAsync(int contestId, string name)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, name, roles: Roles.Judge);
        await host.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, UserId = user.Id, Status = JudgeStatus.Accepted,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = user.Id,
            });
            await db.SaveChangesAsync();
        });
        return new Judge(email, user.Id);
    }

    private Task DeclareConflictAsync(Stage stage, Judge judge, int entryId) =>
        host.WithDbAsync(async db =>
        {
            var contestId = await db.Rounds.Where(r => r.Id == stage.RoundId).Select(r => r.ContestId).SingleAsync();
            db.Conflicts.Add(new Conflict
            {
                ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entryId, Type = ConflictType.Advisor,
                Source = ConflictSource.Declared, Reason = "曾担任该项目顾问", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    private async Task<Browserless> OrganizerAsync()
    {
        var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        return organizer;
    }

    /// <summary>Posts a console step with the stage's current version, as the console page would.</summary>
    /// <param name="closeAnyway">When closing finds judges who have not scored, the console asks; this answers 仍然结束评分.</param>
    private async Task<string> StepAsync(Browserless browser, Stage stage, string step, bool closeAnyway = false)
    {
        var organizer = browser.Http;
        var console = $"/manage/sessions/{stage.SessionId}/console";
        var response = await organizer.PostFormAsync($"{console}/{step}", [], console);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var shown = await organizer.GetAsync(console);
        var page = await shown.TextAsync();
        if (!closeAnyway || !page.Contains("id=\"closeConfirm\"")) return page;
        response = await (await organizer.FillFormAsync(shown, $"{console}/{step}", [new("closeAnyway", "true")])).SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await (await organizer.GetAsync(console)).TextAsync();
    }

    private static HubConnection Connect(Uri server, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, StageHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    private async Task<(HubConnection Connection, Browserless Browser)> ConnectJudgeAsync(Judge judge, Stage stage)
    {
        var browser = new Browserless(host.ServerAddress);
        await browser.SignInAsync(judge.Email);
        var connection = Connect(host.ServerAddress, browser);
        await connection.StartAsync();
        var joined = await connection.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        Assert.Null(joined.Error);
        return (connection, browser);
    }

    private static StageScore Sheet(Stage stage, int entryId, decimal a, decimal b, Guid? submissionId = null) =>
        new(submissionId ?? Guid.NewGuid(), stage.SessionId, entryId, new Dictionary<int, decimal> { [stage.Criterion1] = a, [stage.Criterion2] = b }, "表达清晰");

    private static Task<ScoreOutcome> SubmitAsync(HubConnection connection, StageScore score) =>
        connection.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), score);

    [Theory]
    [InlineData(RoundStatus.Draft)]
    [InlineData(RoundStatus.Open)]
    public async Task SubmitScore_IsRefusedAsNotYetScoring_WhenTheRoundHasNotReachedScoring(RoundStatus status)
    {
        var stage = await ArrangeAsync(judges: 1, status: status);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        try
        {
            var outcome = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 50, 30));

            Assert.False(outcome.Accepted);
            Assert.False(outcome.Retry);
            Assert.Equal("该赛段尚未开始评分。", outcome.Error);
            Assert.False(await host.WithDbAsync(db => db.ScoreSheets.AnyAsync(s => s.RoundId == stage.RoundId)));
        }
        finally
        {
            await connection.DisposeAsync();
            browser.Dispose();
        }
    }

    [Fact]
    public async Task SubmitScore_TakesTheTracksOwnWeightedLines_WhenTheEntryOnStageHasThem()
    {
        var stage = await ArrangeAsync(judges: 1);
        var entry = stage.Entries[0];
        var (trackId, revenue, profit) = await host.WithDbAsync(async db =>
        {
            var track = await db.Entries.Where(e => e.Id == entry).Select(e => e.TrackId).SingleAsync();
            var a = new RubricCriterion { RoundId = stage.RoundId, TrackId = track, Sequence = 3, Name = "营收增长", NameEn = "Revenue growth", MaxPointsHundredths = 2000, StepHundredths = 10, WeightPercent = 60 };
            var b = new RubricCriterion { RoundId = stage.RoundId, TrackId = track, Sequence = 4, Name = "盈利能力", NameEn = "Profitability", MaxPointsHundredths = 1000, StepHundredths = 100, WeightPercent = 40 };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (track, a.Id, b.Id);
        });
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        try
        {
            var page = await browser.Http.GetStringAsync($"/judging/sessions/{stage.SessionId}");
            var joined = await connection.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
            var shared = await SubmitAsync(connection, Sheet(stage, entry, 50, 30));
            var own = await SubmitAsync(connection, new StageScore(Guid.NewGuid(), stage.SessionId, entry,
                new Dictionary<int, decimal> { [revenue] = 15.3m, [profit] = 7 }, "表达清晰"));

            // The sheet carries every rubric; the page shows the one of the entry's track (the broadcast names it).
            Assert.Contains($"data-weight=\"60\" data-rubric-track=\"{trackId}\"", page);
            Assert.Equal(trackId, joined.Stage!.Entry!.TrackId);
            Assert.False(shared.Accepted);
            Assert.Equal("评分包含不属于该评分标准的项目。", shared.Error);
            // 15.3/20·60 + 7/10·40 = 45.9 + 28 = 73.9
            Assert.True(own.Accepted, own.Error);
            Assert.Equal(7390, own.TotalHundredths);
        }
        finally
        {
            await connection.DisposeAsync();
            browser.Dispose();
        }
    }

    [Fact]
    public async Task Reveal_StoresTrimmedMeanOfFiveAndReachesSpectator_WhenOneOfSixJudgesIsRecused()
    {
        var stage = await ArrangeAsync(judges: 6);
        var entry = stage.Entries[0];
        var recused = stage.Panel[5];
        await DeclareConflictAsync(stage, recused, entry);
        using var organizer = await OrganizerAsync();

        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var revealed = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s => { if (s.Phase == nameof(StagePhase.Revealed)) revealed.TrySetResult(s); });
        await spectator.StartAsync();
        var before = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        Assert.Equal(nameof(StagePhase.Idle), before.Stage!.Phase);

        await StepAsync(organizer, stage, "next");
        var console = await StepAsync(organizer, stage, "openscoring");
        Assert.Contains("回避", console);

        // Totals 80, 85.5, 90, 70, 95: the trimmed mean drops 70 and 95 and averages 80, 85.5, 90 = 85.1666… -> 85.17.
        (decimal A, decimal B)[] points = [(50, 30), (50, 35.5m), (55, 35), (40, 30), (58, 37)];
        var connections = new List<(HubConnection Connection, Browserless Browser)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                connections.Add(await ConnectJudgeAsync(stage.Panel[i], stage));
                var outcome = await SubmitAsync(connections[i].Connection, Sheet(stage, entry, points[i].A, points[i].B));
                Assert.True(outcome.Accepted, outcome.Error);
                Assert.False(outcome.AlreadyRecorded);
            }
            var recusedJudge = await ConnectJudgeAsync(recused, stage);
            connections.Add(recusedJudge);
            var refused = await SubmitAsync(recusedJudge.Connection, Sheet(stage, entry, 60, 40));
            Assert.False(refused.Accepted);
            Assert.Contains("回避", refused.Error);

            // Every non-recused judge submitted, so closing needs no confirmation.
            console = await StepAsync(organizer, stage, "closescoring");
            Assert.DoesNotContain("id=\"status-error\"", console);
            await StepAsync(organizer, stage, "reveal");

            var score = await host.WithDbAsync(db => db.EntryScores.SingleAsync(s => s.RoundId == stage.RoundId && s.EntryId == entry));
            Assert.Equal(8517, score.ScoreHundredths);
            Assert.Equal((3, 2), (score.JudgeCount, score.DroppedCount));
            Assert.Equal(5, score.JudgeTotalsHundredths.Count);
            Assert.Equal(nameof(AggregationMethod.TrimmedMean), score.Method);

            var heard = await revealed.Task.WaitAsync(TimeSpan.FromSeconds(15));
            var shown = Assert.Single(heard.Revealed);
            Assert.Equal(85.17m, shown.Score);
            Assert.Equal([70m, 80m, 85.5m, 90m, 95m], shown.JudgeTotals);
            var rank = Assert.Single(Assert.Single(heard.Groups).Ranking);
            Assert.Equal((entry, 85.17m, 1), (rank.EntryId, rank.Score, rank.Rank));
            Assert.Contains(heard.Panel, j => j.Recused && !j.Submitted);
            Assert.Equal(5, heard.Panel.Count(j => j.Submitted));
            // Spectators get seats, never names; the organizer's console puts the names to the seats.
            Assert.Equal([1, 2, 3, 4, 5, 6], heard.Panel.Select(j => j.Seat));
            var names = await host.WithDbAsync(db => db.Users.Where(u => stage.Panel.Select(p => p.UserId).Contains(u.Id))
                .Select(u => u.DisplayName).ToListAsync());
            var wire = System.Text.Json.JsonSerializer.Serialize(heard,
                new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.Equal(6, names.Count);
            Assert.All(names, n => Assert.DoesNotContain(n, wire));
            Assert.All(names, n => Assert.Contains(n, console));
        }
        finally
        {
            foreach (var (c, b) in connections) { await c.DisposeAsync(); b.Dispose(); }
        }
    }

    /// <summary>
    /// The big screen ranks by the round's rules, as the published ranking will. Judge groups 专家 70 % (judges 1, 2) and
    /// 媒体 30 % (judge 3), mean: A gets 80 and 90 from the experts and 50 from the media, so 0.7 × 85 + 0.3 × 50 = 74.50
    /// (the plain mean of the three would be 73.33). B is scored by the experts only: its media part is left out and the
    /// experts' 70 % scaled to 100 %, so (50 + 60) / 2 = 55.00.
    /// </summary>
    [Fact]
    public async Task Reveal_ShowsTheJudgeGroupsWeightedScore_OnTheBigScreenAndInItsRanking()
    {
        var stage = await ArrangeAsync(judges: 3);
        await host.WithDbAsync(async db =>
        {
            var experts = new JudgeGroup { RoundId = stage.RoundId, Sequence = 1, Name = "专家", NameEn = "Experts", WeightPercent = 70 };
            var media = new JudgeGroup { RoundId = stage.RoundId, Sequence = 2, Name = "媒体", NameEn = "Media", WeightPercent = 30 };
            db.AddRange(experts, media);
            await db.SaveChangesAsync();
            db.AddRange(new JudgeGroupMember { RoundId = stage.RoundId, JudgeUserId = stage.Panel[0].UserId, JudgeGroupId = experts.Id },
                new JudgeGroupMember { RoundId = stage.RoundId, JudgeUserId = stage.Panel[1].UserId, JudgeGroupId = experts.Id },
                new JudgeGroupMember { RoundId = stage.RoundId, JudgeUserId = stage.Panel[2].UserId, JudgeGroupId = media.Id });
            await db.SaveChangesAsync();
        });
        var heard = await RunSessionAsync(stage, [[(50, 30), (50, 40), (30, 20)], [(30, 20), (30, 30), null]]);

        Assert.Equal([(stage.Entries[0], 74.50m), (stage.Entries[1], 55.00m)], heard.Revealed.Select(r => (r.EntryId, r.Score)));
        Assert.Equal([(1, stage.Entries[0], 74.50m), (2, stage.Entries[1], 55.00m)],
            Assert.Single(heard.Groups).Ranking.Select(r => (r.Rank, r.EntryId, r.Score)));
    }

    /// <summary>
    /// Trimmed mean (k = 1, at least 5 judges) with the fallback "Refuse": an entry three judges scored gets no score and no
    /// rank on the big screen (评委人数不足), not the plain mean of its three totals.
    /// </summary>
    [Fact]
    public async Task Reveal_ShowsNoScoreAndNoRank_WhenTheRoundRefusesATrimmedMeanOfTooFewJudges()
    {
        var stage = await ArrangeAsync(judges: 3, entries: 1);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == stage.RoundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Aggregation, AggregationMethod.TrimmedMean).SetProperty(r => r.TrimCount, 1)
            .SetProperty(r => r.TrimMinJudges, 5).SetProperty(r => r.TrimFallback, TrimFallback.Refuse)));

        var heard = await RunSessionAsync(stage, [[(50, 30), (50, 40), (30, 20)]]);

        var shown = Assert.Single(heard.Revealed);
        Assert.Null(shown.Score);
        Assert.Equal(nameof(UnrankedReason.TooFewJudges), shown.Unranked);
        Assert.Equal([50m, 80m, 90m], shown.JudgeTotals);
        var group = Assert.Single(heard.Groups);
        Assert.Empty(group.Ranking);
        Assert.Equal(stage.Entries[0], Assert.Single(group.Unranked).EntryId);
        using var organizer = await OrganizerAsync();
        Assert.Contains("评委人数不足，未排名", await organizer.Http.GetStringAsync($"/manage/sessions/{stage.SessionId}/console"));
    }

    /// <summary>
    /// Runs the session through the console: each entry in order goes on stage, the panel judges submit the given points
    /// (null = that judge does not score it), scoring closes (anyway) and the score is revealed. Returns the last stage a
    /// spectator heard.
    /// </summary>
    /// <summary>
    /// Both entries total 70.00; the round breaks ties by 商业模式, where the second has more (50 against 30). The big screen
    /// orders them as the ranking the results are published from does.
    /// </summary>
    [Fact]
    public async Task Reveal_RanksAsThePublishedRanking_WhenATieBreakerSeparatesEqualScores()
    {
        var stage = await ArrangeAsync(judges: 1);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == stage.RoundId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.TieBreakers, $"Criterion:{stage.Criterion1}")));

        var heard = await RunSessionAsync(stage, [[(30, 40)], [(50, 20)]]);

        var shown = Assert.Single(heard.Groups).Ranking.Select(r => (r.EntryId, r.Rank)).ToList();
        Assert.Equal([(stage.Entries[1], 1), (stage.Entries[0], 2)], shown);
        await using var scope = host.Services.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(stage.RoundId, CancellationToken.None);
        Assert.Equal(published!.Groups.SelectMany(g => g.Entries).Select(e => (e.EntryId, e.Rank)), shown);
    }

    /// <summary>
    /// The revealed entries' ranking on the big screen is kept between reveals, like the round's own ranking, but not past a
    /// change to what it is computed from: a tie-breaker given to the round after both entries (70.00 each) were revealed
    /// reorders the screen a spectator joins, though the revealed entries are the same.
    /// </summary>
    [Fact]
    public async Task JoinStage_ShowsTheNewRanking_WhenTheRoundsTieBreakerChangesAfterTheReveal()
    {
        var stage = await ArrangeAsync(judges: 1);
        var heard = await RunSessionAsync(stage, [[(30, 40)], [(50, 20)]]);
        Assert.Equal([1, 1], Assert.Single(heard.Groups).Ranking.Select(r => r.Rank));

        await host.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == stage.RoundId);
            round.TieBreakers = $"Criterion:{stage.Criterion1}";
            await db.SaveChangesAsync();
        });
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        await spectator.StartAsync();
        var joined = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);

        Assert.Equal([(stage.Entries[1], 1), (stage.Entries[0], 2)],
            Assert.Single(joined.Stage!.Groups).Ranking.Select(r => (r.EntryId, r.Rank)));
    }

    /// <summary>
    /// The stage is built again after every step and for every screen that joins; between two reveals the revealed
    /// entries' ranking is taken from memory (only a ranking reads the round's panel decisions).
    /// </summary>
    [Fact]
    public async Task Step_ShowsTheRevealedRankingWithoutComputingItAgain_WhenNothingRankedChangedSinceTheReveal()
    {
        var stage = await ArrangeAsync(judges: 1, entries: 3);
        await RunSessionAsync(stage, [[(30, 40)], [(50, 30)]]);
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var onStage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s => { if (s.Entry?.EntryId == stage.Entries[2]) onStage.TrySetResult(); });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);

        host.Trap.Before("\"PanelDecisions\"", _ => Task.CompletedTask);
        await StepAsync(organizer, stage, "next");
        await onStage.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var joined = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);

        Assert.Equal(0, host.Trap.Matches);
        Assert.Equal(stage.Entries[2], joined.Stage!.Entry!.EntryId);
        Assert.Equal([(stage.Entries[1], 1), (stage.Entries[0], 2)], Assert.Single(joined.Stage.Groups).Ranking.Select(r => (r.EntryId, r.Rank)));
    }

    private async Task<LiveStage> RunSessionAsync(Stage stage, (decimal A, decimal B)?[][] points)
    {
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var all = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s => { if (s.Revealed.Count == points.Length && s.Phase == nameof(StagePhase.Revealed)) all.TrySetResult(s); });
        await spectator.StartAsync();
        await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        var connections = new List<(HubConnection Connection, Browserless Browser)>();
        try
        {
            foreach (var judge in stage.Panel) connections.Add(await ConnectJudgeAsync(judge, stage));
            for (var e = 0; e < points.Length; e++)
            {
                await StepAsync(organizer, stage, "next");
                await StepAsync(organizer, stage, "openscoring");
                for (var j = 0; j < stage.Panel.Count; j++)
                {
                    if (points[e][j] is not { } p) continue;
                    var outcome = await SubmitAsync(connections[j].Connection, Sheet(stage, stage.Entries[e], p.A, p.B));
                    Assert.True(outcome.Accepted, outcome.Error);
                }
                await StepAsync(organizer, stage, "closescoring", closeAnyway: true);
                await StepAsync(organizer, stage, "reveal");
            }
            return await all.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            foreach (var (c, b) in connections) { await c.DisposeAsync(); b.Dispose(); }
        }
    }

    [Fact]
    public async Task SubmitScore_IsAcknowledgedAsAlreadyRecordedAndCountedOnce_WhenResent()
    {
        var stage = await ArrangeAsync(judges: 2);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = connection;
        var sheet = Sheet(stage, stage.Entries[0], 45.5m, 30);

        var first = await SubmitAsync(connection, sheet);
        var again = await SubmitAsync(connection, sheet);

        Assert.True(first.Accepted, first.Error);
        Assert.False(first.AlreadyRecorded);
        Assert.True(again.Accepted);
        Assert.True(again.AlreadyRecorded);
        Assert.Equal(first.SheetId, again.SheetId);
        Assert.Equal(1, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
        // The audit trail names the judge, though the sheet was stored by the hub's queue and not in the judge's request.
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "ScoreSheet" && a.EntityId == $"{stage.RoundId}/{stage.Entries[0]}"));
        Assert.Equal(stage.Panel[0].UserId, audit.UserId);
        Assert.False(string.IsNullOrEmpty(audit.UserName));

        // The panel shows the judge once as submitted and the other as missing; closing asks for confirmation.
        var console = await StepAsync(organizer, stage, "closescoring");
        Assert.Contains("id=\"closeAnyway\"", console);
        console = await StepAsync(organizer, stage, "closescoring", closeAnyway: true);
        Assert.Contains("id=\"step-reveal\" class=\"btn btn-primary\"", console);
    }

    [Fact]
    public async Task SubmitScore_IsRefusedAsConflicted_WhenTheJudgeIsRecusedWhileTheEntryIsBeingScored()
    {
        var (stage, refused) = await SecondSheetAfterAsync((stage, entry) => DeclareConflictAsync(stage, stage.Panel[1], entry));

        Assert.False(refused.Accepted);
        Assert.Equal("您与该项目存在利益冲突，已回避，不能评分。", refused.Error);
        Assert.Equal(1, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task SubmitScore_IsRefusedAsNotOnThePanel_WhenTheJudgeLeavesThePanelWhileTheEntryIsBeingScored()
    {
        var (_, refused) = await SecondSheetAfterAsync((stage, _) => host.WithDbAsync(async db =>
        {
            db.SessionJudges.Remove(await db.SessionJudges.SingleAsync(j => j.SessionId == stage.SessionId && j.JudgeUserId == stage.Panel[1].UserId));
            await db.SaveChangesAsync();
        }));

        Assert.False(refused.Accepted);
        Assert.Equal("您不是该项目所在场次的评委。", refused.Error);
    }

    [Fact]
    public async Task SubmitScore_IsRefusedAsEnded_WhenTheRoundLeavesScoringWhileTheEntryIsOnStage()
    {
        // As the round's own step does it: one conditional UPDATE, which no save interceptor sees.
        var (_, refused) = await SecondSheetAfterAsync((stage, _) => host.WithDbAsync(db =>
            db.Rounds.Where(r => r.Id == stage.RoundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Closed))));

        Assert.False(refused.Accepted);
        Assert.Equal("该赛段评分已结束，不能再评分。", refused.Error);
    }

    /// <summary>
    /// Two panel judges score the first entry on stage: the first sheet is accepted (so the stage's checks for the entry
    /// are read and kept), then <paramref name="change"/> happens mid-window, then the second judge's sheet is sent.
    /// </summary>
    private async Task<(Stage Stage, ScoreOutcome Second)> SecondSheetAfterAsync(Func<Stage, int, Task> change)
    {
        var stage = await ArrangeAsync(judges: 2);
        var entry = stage.Entries[0];
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (first, firstBrowser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        var (second, secondBrowser) = await ConnectJudgeAsync(stage.Panel[1], stage);
        using var _ = firstBrowser;
        using var __ = secondBrowser;
        await using var ___ = first;
        await using var ____ = second;

        var accepted = await SubmitAsync(first, Sheet(stage, entry, 50, 30));
        Assert.True(accepted.Accepted, accepted.Error);
        await change(stage, entry);
        return (stage, await SubmitAsync(second, Sheet(stage, entry, 50, 30)));
    }

    [Fact]
    public async Task SubmitScore_ReachesTheScreensWithTheEntryNowOnStage_WhenTheStageMovedWithoutThisInstanceBroadcasting()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var firstShown = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondShown = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (!s.Panel.Any(j => j.Submitted)) return;
            if (s.Entry?.EntryId == stage.Entries[0]) firstShown.TrySetResult(s);
            if (s.Entry?.EntryId == stage.Entries[1]) secondShown.TrySetResult(s);
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (judge, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = judge;
        var first = await SubmitAsync(judge, Sheet(stage, stage.Entries[0], 50, 30));
        Assert.True(first.Accepted, first.Error);
        await firstShown.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // As another instance moves it on: that instance's broadcast goes out through the backplane, and this instance's
        // broadcaster, which sent the stage of the first entry last, hears of no step.
        var version = await host.WithDbAsync(async db =>
        {
            var state = await db.StageStates.SingleAsync(s => s.SessionId == stage.SessionId);
            (state.EntryId, state.Phase, state.PhaseStartedAt) = (stage.Entries[1], StagePhase.Scoring, DateTime.UtcNow);
            state.Version++;
            await db.SaveChangesAsync();
            return state.Version;
        });
        var second = await SubmitAsync(judge, Sheet(stage, stage.Entries[1], 45, 25));
        Assert.True(second.Accepted, second.Error);

        var shown = await secondShown.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(version, shown.Version);
        Assert.Equal(nameof(StagePhase.Scoring), shown.Phase);
        Assert.True(Assert.Single(shown.Panel).Submitted);
    }

    [Fact]
    public async Task SubmitScore_ReachesTheScreensWithoutTheRevealedListAndRanking_WhenTheyAreThoseSentBefore()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var revealed = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var marked = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (s.Phase == nameof(StagePhase.Revealed)) revealed.TrySetResult(s);
            if (s.Entry?.EntryId == stage.Entries[1] && s.Panel.Any(j => j.Submitted)) marked.TrySetResult(s);
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        var (judge, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = judge;

        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        Assert.True((await SubmitAsync(judge, Sheet(stage, stage.Entries[0], 50, 30))).Accepted);
        await StepAsync(organizer, stage, "closescoring");
        await StepAsync(organizer, stage, "reveal");
        var board = await revealed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(board.BoardLeftOut);
        Assert.Equal(stage.Entries[0], Assert.Single(board.Revealed).EntryId);
        Assert.Single(Assert.Single(board.Groups).Ranking);

        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        Assert.True((await SubmitAsync(judge, Sheet(stage, stage.Entries[1], 45, 25))).Accepted);

        // Nothing was revealed since: the mark comes without the list and ranking, named by the key the screen holds.
        var mark = await marked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(mark.BoardLeftOut);
        Assert.Empty(mark.Revealed);
        Assert.Empty(mark.Groups);
        Assert.Equal(board.BoardKey, mark.BoardKey);
        // A screen joining now reads them whole, under the same key.
        var joined = (await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Stage!;
        Assert.False(joined.BoardLeftOut);
        Assert.Equal(board.BoardKey, joined.BoardKey);
        Assert.Equal(stage.Entries[0], Assert.Single(joined.Revealed).EntryId);
        Assert.True(Assert.Single(joined.Panel).Submitted);
    }

    [Fact]
    public async Task SubmitScore_ReachesTheScreensWithARecusalDeclaredDuringScoring_WhenTheNextSheetIsStored()
    {
        var stage = await ArrangeAsync(judges: 3);
        var entry = stage.Entries[0];
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var firstShown = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondShown = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (s.Entry?.EntryId != entry) return;
            if (s.Panel.Count(j => j.Submitted) == 1) firstShown.TrySetResult(s);
            if (s.Panel.Count(j => j.Submitted) == 2) secondShown.TrySetResult(s);
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (first, firstBrowser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        var (second, secondBrowser) = await ConnectJudgeAsync(stage.Panel[1], stage);
        using var _ = firstBrowser;
        using var __ = secondBrowser;
        await using var ___ = first;
        await using var ____ = second;
        Assert.True((await SubmitAsync(first, Sheet(stage, entry, 50, 30))).Accepted);
        Assert.DoesNotContain((await firstShown.Task.WaitAsync(TimeSpan.FromSeconds(15))).Panel, j => j.Recused);

        // Declared while the entry is being scored, on this instance, with no stage step after it.
        await DeclareConflictAsync(stage, stage.Panel[2], entry);
        Assert.True((await SubmitAsync(second, Sheet(stage, entry, 45, 25))).Accepted);

        var shown = await secondShown.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([false, false, true], shown.Panel.Select(j => j.Recused));
        Assert.Equal([true, true, false], shown.Panel.Select(j => j.Submitted));
    }

    [Fact]
    public async Task SubmitScore_ReachesTheScreens_WhileTheSheetsQueuedBehindItAreStillBeingStored()
    {
        var stage = await ArrangeAsync(judges: 2);
        var entry = stage.Entries[0];
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var scoringShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstShown = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (s.Entry?.EntryId != entry || s.Phase != nameof(StagePhase.Scoring)) return;
            scoringShown.TrySetResult();
            if (s.Panel.Any(j => j.Submitted)) firstShown.TrySetResult(s);
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        await scoringShown.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var (first, firstBrowser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        var (second, secondBrowser) = await ConnectJudgeAsync(stage.Panel[1], stage);
        using var _ = firstBrowser;
        using var __ = secondBrowser;
        await using var ___ = first;
        await using var ____ = second;

        // The first judge's group is held at its checks' read of the stage until the second judge's sheet waits behind it;
        // the second judge's group is then held at the same read, and stays held until the first mark is on the screen.
        const string stageCheck = "INNER JOIN \"RoadshowSessions\"";
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Trap.Before(stageCheck, async _ =>
        {
            firstHeld.TrySetResult();
            await releaseFirst.Task.WaitAsync(TimeSpan.FromSeconds(30));
        });
        var firstOutcome = SubmitAsync(first, Sheet(stage, entry, 50, 30));
        await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(15));
        host.Trap.Before(stageCheck, async _ =>
        {
            secondHeld.TrySetResult();
            await releaseSecond.Task.WaitAsync(TimeSpan.FromSeconds(30));
        });
        var secondOutcome = SubmitAsync(second, Sheet(stage, entry, 45, 25));
        // No client can see the queue; the sheet crosses the loopback socket in a millisecond or two. Were it later, the
        // first mark would reach the screen whether or not it waits for the queue, and the test could not fail, not flake.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        releaseFirst.TrySetResult();
        Assert.True((await firstOutcome.WaitAsync(TimeSpan.FromSeconds(15))).Accepted);
        await secondHeld.Task.WaitAsync(TimeSpan.FromSeconds(15));

        try
        {
            var shown = await firstShown.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, shown.Panel.Count(j => j.Submitted));
        }
        finally
        {
            releaseSecond.TrySetResult();
        }
        Assert.True((await secondOutcome.WaitAsync(TimeSpan.FromSeconds(15))).Accepted);
    }

    [Fact]
    public async Task SubmitScore_IsCheckedWithoutReadingTheSessionsEntries_WhenScoringWasOpenedOnThisInstance()
    {
        var stage = await ArrangeAsync(judges: 2);
        var entry = stage.Entries[0];
        using var organizer = await OrganizerAsync();
        var (judge, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = judge;
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var scoringShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (s.Entry?.EntryId == entry && s.Phase == nameof(StagePhase.Scoring)) scoringShown.TrySetResult();
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        await scoringShown.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // From here only the first sheet's storing reads: where the entry stands in the session (its round, the panel's
        // session) was read as scoring opened, not while the judge waits for the answer.
        host.Trap.Before("\"SessionSlots\"", _ => Task.CompletedTask);
        var outcome = await SubmitAsync(judge, Sheet(stage, entry, 50, 30));

        Assert.True(outcome.Accepted, outcome.Error);
        Assert.Equal(0, host.Trap.Matches);
        Assert.Equal(1, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId && s.EntryId == entry)));
    }

    [Fact]
    public async Task Step_ReachesTheScreensOnlyAsTheNewestStage_WhenTheStepBeforeIsStillBeingBuilt()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        var shown = new List<string>();
        var scoringShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s =>
        {
            lock (shown) shown.Add(s.Phase);
            if (s.Phase == nameof(StagePhase.Scoring)) scoringShown.TrySetResult();
        });
        await spectator.StartAsync();
        Assert.Null((await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        var console = $"/manage/sessions/{stage.SessionId}/console";
        var next = await organizer.Http.FillFormAsync($"{console}/next", [], formPage: console);

        // The broadcaster's build of the stage after "next" is held at the scores it reads (the step itself reads none)
        // until the organizer has opened scoring as well: the state it then holds is already old.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Trap.Before("\"EntryScores\"", async _ =>
        {
            held.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await next.SubmitAsync()).StatusCode);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await StepAsync(organizer, stage, "openscoring");
        release.TrySetResult();

        await scoringShown.Task.WaitAsync(TimeSpan.FromSeconds(15));
        lock (shown) Assert.Equal([nameof(StagePhase.Scoring)], shown);
    }

    [Fact]
    public async Task SubmitScore_IsRefused_WhenScoringIsClosedOrEntryIsNotOnStage()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = connection;

        var beforeOpen = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30));
        await StepAsync(organizer, stage, "openscoring");
        var otherEntry = await SubmitAsync(connection, Sheet(stage, stage.Entries[1], 40, 30));
        await StepAsync(organizer, stage, "closescoring", closeAnyway: true);
        var afterClose = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30));

        foreach (var outcome in new[] { beforeOpen, otherEntry, afterClose })
        {
            Assert.False(outcome.Accepted);
            Assert.Equal("该项目当前未开放评分。", outcome.Error);
        }
        Assert.Equal(0, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task SubmitScore_IsRefusedWithThePagesMessage_WhenTheCommentIsOverTheLimit()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = connection;

        var outcome = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30) with { Comment = new string('评', 6500) });

        Assert.False(outcome.Accepted);
        Assert.Equal("评语不能超过 2000 个字符。", outcome.Error);
        Assert.Equal(0, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task SubmitScore_StoresTheCommentWithoutControlOrBidiCharacters()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = connection;

        var outcome = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30) with { Comment = " \u202E表达\u0001清晰\u2066\n逻辑完整 " });

        Assert.True(outcome.Accepted, outcome.Error);
        var stored = await host.WithDbAsync(db => db.ScoreSheets.SingleAsync(s => s.RoundId == stage.RoundId));
        Assert.Equal("表达清晰\n逻辑完整", stored.Comment);
    }

    [Fact]
    public async Task SubmitScore_IsRefusedAndStoresNothing_WhenTheCommentHoldsNul()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(stage.Panel[0], stage);
        using var _ = browser;
        await using var __ = connection;

        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30) with { Comment = "表达\0清晰" }));

        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(0, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task SubmitScore_IsRefused_WhenJudgeIsNotOnThePanel()
    {
        var stage = await ArrangeAsync(judges: 1);
        var contestId = await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == stage.RoundId).Select(r => r.ContestId).SingleAsync());
        var outsider = await PoolJudgeAsync(contestId, "场外评委");
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var (connection, browser) = await ConnectJudgeAsync(outsider, stage);
        using var _ = browser;
        await using var __ = connection;

        var outcome = await SubmitAsync(connection, Sheet(stage, stage.Entries[0], 40, 30));

        Assert.False(outcome.Accepted);
        Assert.Equal("您不是该项目所在场次的评委。", outcome.Error);
        Assert.Equal(0, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task SubmitScore_IsRefused_WhenAnonymous()
    {
        var stage = await ArrangeAsync(judges: 1);
        await using var anonymous = Connect(host.ServerAddress, signedIn: null);
        await anonymous.StartAsync();

        var outcome = await SubmitAsync(anonymous, Sheet(stage, stage.Entries[0], 40, 30));

        Assert.False(outcome.Accepted);
        Assert.Equal("请先登录评委账号。", outcome.Error);
    }

    [Fact]
    public async Task JoinStage_ReturnsCurrentSnapshot_WhenClientReconnects()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        await spectator.StartAsync();
        var first = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        await spectator.StopAsync();

        // While disconnected the stage moves on twice; the broadcasts are missed.
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "qa");
        await spectator.StartAsync();
        var again = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);

        Assert.Equal(0, first.Stage!.Version);
        Assert.Equal(2, again.Stage!.Version);
        Assert.Equal(nameof(StagePhase.Qa), again.Stage.Phase);
        Assert.Equal(stage.Entries[0], again.Stage.Entry!.EntryId);
        Assert.Equal(1, again.Stage.Entry.Position);
    }

    [Fact]
    public async Task JoinStage_ReturnsError_WhenSessionDoesNotExist()
    {
        await using var spectator = Connect(host.ServerAddress, signedIn: null);
        await spectator.StartAsync();

        var joined = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), int.MaxValue);

        Assert.Null(joined.Stage);
        Assert.Equal("路演场次不存在。", joined.Error);
    }

    [Fact]
    public async Task Step_IsRefused_WhenVersionIsStale()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var organizer = await OrganizerAsync();
        await StepAsync(organizer, stage, "next");
        var console = $"/manage/sessions/{stage.SessionId}/console";

        // A second organizer's page still shows version 0.
        var response = await organizer.Http.PostTamperedAsync($"{console}/openscoring", [new("version", "0")], console);
        var page = await (await organizer.Http.GetAsync(console)).TextAsync();

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("舞台状态已被其他人更新", page);
        Assert.Equal(StagePhase.Pitch, await host.WithDbAsync(db => db.StageStates.Where(s => s.SessionId == stage.SessionId).Select(s => s.Phase).SingleAsync()));
    }

    [Fact]
    public async Task Console_IsDeniedButTabletAndScreenAreServed_WhenPanelJudge()
    {
        var stage = await ArrangeAsync(judges: 1);
        using var judge = new Browserless(host.ServerAddress);
        await judge.SignInAsync(stage.Panel[0].Email);
        using var anonymous = new Browserless(host.ServerAddress);

        var console = await judge.Http.GetAsync($"/manage/sessions/{stage.SessionId}/console");
        var tablet = await judge.Http.GetAsync($"/judging/sessions/{stage.SessionId}");
        var screen = await anonymous.Http.GetAsync($"/live/sessions/{stage.SessionId}/screen");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/account/access-denied", console.Headers.Location!.OriginalString.Replace(host.ServerAddress.ToString().TrimEnd('/'), ""));
        Assert.Equal(System.Net.HttpStatusCode.OK, tablet.StatusCode);
        Assert.Contains("id=\"scoreForm\"", await tablet.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, screen.StatusCode);
    }
}
