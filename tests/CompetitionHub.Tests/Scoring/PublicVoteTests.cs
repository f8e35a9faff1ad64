using System.Net;
using System.Text.Json.Nodes;
using CompetitionHub.Tests.Publication;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Roadshow;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Scoring;

/// <summary>
/// The public jury (人气分) of a roadshow session over real SignalR connections on Kestrel: the organizer's console steps
/// are real POSTs, spectators vote from signed-in hub connections, the big screen listens anonymously.
/// </summary>
public sealed class PublicVoteTests(PublicVoteTests.Host host) : IClassFixture<PublicVoteTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => Kestrel = true;
    }

    private sealed record Stage(int RoundId, int SessionId, List<TestEntry> Entries, string JudgeEmail);

    /// <summary>A roadshow round with a 10 % public jury, two drawn entries and a panel of one judge.</summary>
    private async Task<Stage> ArrangeAsync()
    {
        var roundId = await host.CreateRoundAsync(RoundKind.Roadshow, RoundStatus.Open);
        await host.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
            round.PublicJuryWeightPercent = 10;
            round.Aggregation = AggregationMethod.Mean;
            db.RubricCriteria.Add(new RubricCriterion { RoundId = roundId, Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000 });
            await db.SaveChangesAsync();
        });
        var entries = await host.CreateApprovedEntriesAsync(2);
        var judgeId = await host.CreateJudgeAsync("评委甲");
        var judgeEmail = (await host.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == judgeId))).Email!;
        var sessionId = await host.SessionAsync(roundId, "第一场" + ReviewData.Tag(), DateTime.UtcNow, [judgeId], [.. entries.Select(e => e.Id)]);
        await host.WithDbAsync(async db =>
        {
            var slots = await db.SessionSlots.Where(s => s.SessionId == sessionId).ToListAsync();
            foreach (var s in slots) s.Position = entries.FindIndex(e => e.Id == s.EntryId) + 1;
            await db.SaveChangesAsync();
        });
        return new Stage(roundId, sessionId, entries, judgeEmail);
    }

    private async Task StepAsync(Browserless organizer, Stage stage, string step)
    {
        var console = $"/manage/sessions/{stage.SessionId}/console";
        var response = await organizer.Http.PostFormAsync($"{console}/{step}", [], console);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
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

    private async Task<(Browserless Browser, HubConnection Connection)> SpectatorAsync(string? email = null, string password = "Secret123")
    {
        if (email is null)
        {
            email = TestUsers.NewEmail("fan");
            await host.CreateUserAsync(email, password, "观众");
        }
        var browser = new Browserless(host.ServerAddress);
        await browser.SignInAsync(email, password);
        var connection = Connect(host.ServerAddress, browser);
        await connection.StartAsync();
        return (browser, connection);
    }

    private static Task<VoteOutcome> VoteAsync(HubConnection connection, Stage stage, int entryId) =>
        connection.InvokeAsync<VoteOutcome>(nameof(StageHub.CastVote), stage.SessionId, entryId);

    [Fact]
    public async Task CastVote_CountsOnceAndReachesTheBigScreen_WhenASignedInSpectatorVotesWhileTheEntryIsScored()
    {
        var stage = await ArrangeAsync();
        var onStage = stage.Entries[0].Id;
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);

        await using var screen = Connect(host.ServerAddress, signedIn: null);
        var counted = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<LiveStage>(StageHub.StageChanged, s =>
        {
            if (s.PublicJury?.Votes.Any(v => v.EntryId == onStage && v.Votes == 1) == true) counted.TrySetResult(s);
        });
        await screen.StartAsync();
        var joined = await screen.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        Assert.Equal(10, joined.Stage!.PublicJury!.WeightPercent);
        Assert.False(joined.Stage.PublicJury.Open);
        Assert.All(joined.Stage.PublicJury.Votes, v => Assert.Equal(0, v.Votes));

        var (fanBrowser, fan) = await SpectatorAsync();
        using var _ = fanBrowser;
        await using var fanConnection = fan;

        // Before the judges score the entry, voting is closed.
        await StepAsync(organizer, stage, "next");
        var early = await VoteAsync(fan, stage, onStage);
        Assert.False(early.Accepted);
        Assert.Contains("台上项目评分期间才能投票", early.Error);

        await StepAsync(organizer, stage, "openscoring");
        var accepted = await VoteAsync(fan, stage, onStage);
        Assert.True(accepted.Accepted, accepted.Error);
        Assert.Equal(1, accepted.Votes);

        var heard = await counted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(heard.PublicJury!.Open);
        Assert.Equal([(onStage, 1), (stage.Entries[1].Id, 0)], heard.PublicJury.Votes.Select(v => (v.EntryId, v.Votes)));

        // The same account again: refused, with a message that says why, and the count stays at one.
        var repeat = await VoteAsync(fan, stage, onStage);
        Assert.False(repeat.Accepted);
        Assert.True(repeat.AlreadyVoted);
        Assert.Equal("您已为该项目投过票：每个账号对每个项目只能投一票。", repeat.Error);
        Assert.Equal(1, repeat.Votes);

        // The entry not on stage, a judge of the panel, the entry's own team and an anonymous connection are refused.
        var other = await VoteAsync(fan, stage, stage.Entries[1].Id);
        Assert.Contains("台上项目评分期间才能投票", other.Error);
        var (judgeBrowser, judge) = await SpectatorAsync(stage.JudgeEmail, TestUsers.DemoPassword);
        using (judgeBrowser)
        await using (judge)
            Assert.Equal("本场评委不能参加大众评审投票。", (await VoteAsync(judge, stage, onStage)).Error);
        var (leaderBrowser, leader) = await SpectatorAsync(stage.Entries[0].LeaderEmail!);
        using (leaderBrowser)
        await using (leader)
            Assert.Equal("不能为自己团队的项目投票。", (await VoteAsync(leader, stage, onStage)).Error);
        Assert.Equal("请先登录，再为台上项目投票。", (await VoteAsync(screen, stage, onStage)).Error);
        Assert.Equal(1, await host.WithDbAsync(db => db.PublicVotes.CountAsync(v => v.RoundId == stage.RoundId)));

        // The console shows the count too.
        var console = await organizer.Http.GetStringAsync($"/manage/sessions/{stage.SessionId}/console");
        Assert.Contains("id=\"publicJury\"", console);
        Assert.Contains("1 票", console);
    }

    [Fact]
    public async Task CastVote_CountsOneVote_WhenTheSameAccountVotesFromEightConnectionsAtOnce()
    {
        var stage = await ArrangeAsync();
        var onStage = stage.Entries[0].Id;
        using var organizer = new Browserless(host.ServerAddress);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await StepAsync(organizer, stage, "next");
        await StepAsync(organizer, stage, "openscoring");
        var email = TestUsers.NewEmail("fan");
        await host.CreateUserAsync(email, "Secret123", "观众");
        var phones = new List<(Browserless Browser, HubConnection Connection)>();
        for (var i = 0; i < 8; i++) phones.Add(await SpectatorAsync(email));
        try
        {
            var outcomes = await Task.WhenAll(phones.Select(p => VoteAsync(p.Connection, stage, onStage)));

            Assert.Single(outcomes, o => o.Accepted);
            Assert.All(outcomes.Where(o => !o.Accepted), o =>
            {
                Assert.True(o.AlreadyVoted);
                Assert.Equal("您已为该项目投过票：每个账号对每个项目只能投一票。", o.Error);
            });
            Assert.Equal(1, await host.WithDbAsync(db => db.PublicVotes.CountAsync(v => v.RoundId == stage.RoundId)));
        }
        finally
        {
            foreach (var (browser, connection) in phones)
            {
                await connection.DisposeAsync();
                browser.Dispose();
            }
        }
    }

    [Fact]
    public async Task CastPublicVote_StoresOneVote_WhenTwentyCallsForOneAccountRaceInSeparateScopes()
    {
        // The use case's own check cannot see a vote another instance is storing at the same moment; the unique index
        // settles it. Twenty calls in parallel, each in its own scope (as on several instances): one vote, nineteen refusals.
        var stage = await ArrangeAsync();
        var onStage = stage.Entries[0].Id;
        await host.WithDbAsync(async db =>
        {
            db.StageStates.Add(new StageState { SessionId = stage.SessionId, EntryId = onStage, Phase = StagePhase.Scoring, Version = 3 });
            await db.SaveChangesAsync();
        });
        var user = await host.CreateUserAsync(TestUsers.NewEmail("fan"), "Secret123", "观众");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CastPublicVote>().HandleAsync(user.Id, stage.SessionId, onStage, default);
        }));

        Assert.Single(outcomes, o => o.Accepted);
        Assert.Equal(19, outcomes.Count(o => o.AlreadyVoted));
        Assert.Equal(1, await host.WithDbAsync(db => db.PublicVotes.CountAsync(v => v.RoundId == stage.RoundId)));
    }

    [Fact]
    public async Task PublicVotes_RefuseASecondRowForTheSameAccountAndEntry_AsAUniqueViolation()
    {
        var stage = await ArrangeAsync();
        var user = await host.CreateUserAsync(TestUsers.NewEmail("fan"), "Secret123", "观众");
        PublicVote Vote() => new() { RoundId = stage.RoundId, SessionId = stage.SessionId, EntryId = stage.Entries[0].Id, UserId = user.Id, CastAt = DateTime.UtcNow };
        await host.WithDbAsync(async db =>
        {
            db.PublicVotes.Add(Vote());
            await db.SaveChangesAsync();
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.PublicVotes.Add(Vote());
            await db.SaveChangesAsync();
        }));

        Assert.Equal(DatabaseError.UniqueViolation, error.Classify());
    }

    [Fact]
    public async Task Compute_RanksWithThePublicJuryPart_WhenTheRoundHasVotes()
    {
        // One judge: entry A = 80.00, entry B = 85.00. Votes: A 1, B 0 (most = 1), w = 10 %, full marks 100.
        // Public jury: A = 100.00, B = 0. Own: A = 0.9 × 80 + 0.1 × 100 = 82.00; B = 0.9 × 85 + 0 = 76.50. A ranks first.
        var stage = await ArrangeAsync();
        int a = stage.Entries[0].Id, b = stage.Entries[1].Id;
        await host.ScoreAsync(stage.RoundId, [a, b], [80, 85]);
        var user = await host.CreateUserAsync(TestUsers.NewEmail("fan"), "Secret123", "观众");
        await host.WithDbAsync(async db =>
        {
            db.PublicVotes.Add(new PublicVote { RoundId = stage.RoundId, SessionId = stage.SessionId, EntryId = a, UserId = user.Id, CastAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RoundRanking>().ComputeAsync(stage.RoundId, default);

        var ranked = result!.Groups.SelectMany(g => g.Entries).Where(e => e.EntryId == a || e.EntryId == b).OrderByDescending(e => e.ScoreHundredths).ToList();
        Assert.Equal([(a, 8200), (b, 7650)], ranked.Select(e => (e.EntryId, e.ScoreHundredths)));
        Assert.Equal((1, 10000m, 8000m), (ranked[0].PublicVotes, ranked[0].PublicJuryHundredths, ranked[0].JudgesHundredths));
    }

    /// <summary>
    /// Votes cast from spectators' phones go into the published version and its public export. A gets 2 votes, B 1
    /// (most = 2), w = 10 %, full marks 100; the judge gave A 80 and B 85. Public jury A = 100, B = 50; own score
    /// A = 0.9 × 80 + 0.1 × 100 = 82.00, B = 0.9 × 85 + 0.1 × 50 = 81.50. tools/verify-results.py reproduces both from the
    /// export alone, and a vote count changed in the export does not pass.
    /// </summary>
    [Fact]
    public async Task VerifyScript_ReproducesThePublicJuryPart_FromTheVotesInThePublicExport()
    {
        var stage = await ArrangeAsync();
        int a = stage.Entries[0].Id, b = stage.Entries[1].Id;
        var fans = new List<(Browserless Browser, HubConnection Connection)> { await SpectatorAsync(), await SpectatorAsync() };
        try
        {
            await OnStageAsync(stage, a);
            foreach (var fan in fans) Assert.True((await VoteAsync(fan.Connection, stage, a)).Accepted);
            await OnStageAsync(stage, b);
            Assert.True((await VoteAsync(fans[0].Connection, stage, b)).Accepted);
        }
        finally
        {
            foreach (var (browser, connection) in fans)
            {
                await connection.DisposeAsync();
                browser.Dispose();
            }
        }
        await host.ScoreAsync(stage.RoundId, [a, b], [80, 85]);
        var contestId = await host.WithDbAsync(async db =>
        {
            await db.Rounds.Where(r => r.Id == stage.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed));
            return await db.Rounds.Where(r => r.Id == stage.RoundId).Select(r => r.ContestId).SingleAsync();
        });
        using (var organizer = new Browserless(host.ServerAddress))
        {
            await organizer.SignInAsync(TestUsers.DemoOrganizer);
            await VerifyScript.PublishAsync(organizer.Http, contestId, stage.RoundId);
        }

        using var anyone = new Browserless(host.ServerAddress);
        var export = await VerifyScript.DownloadAsync(anyone.Http, contestId, stage.RoundId, 1);
        var run = await VerifyScript.RunAsync(export);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("all 2 published entries reproduced", run.Output);
        var json = JsonNode.Parse(export)!;
        Assert.Equal([(stage.RoundId, a, 2), (stage.RoundId, b, 1)], json["votes"]!.AsArray()
            .Select(v => ((int)v!["roundId"]!, (int)v["entryId"]!, (int)v["votes"]!)));
        Assert.Equal([(a, 1, 8200, 2, "8000", "10000"), (b, 2, 8150, 1, "8500", "5000")], json["ranking"]!["groups"]![0]!["entries"]!.AsArray()
            .Select(e => ((int)e!["entryId"]!, (int)e["rank"]!, (int)e["scoreHundredths"]!, (int)e["publicVotes"]!,
                (string)e["judgesHundredths"]!, (string)e["publicJuryHundredths"]!)));

        // The public page shows each part beside the score.
        var page = WebUtility.HtmlDecode(await anyone.Http.GetStringAsync($"/contests/{contestId}/rounds/{stage.RoundId}/results"));
        Assert.Matches($"data-entry-id=\"{a}\"[\\s\\S]*?class=\"small ranking-jury\" data-votes=\"2\">评委 80 × 90%；人气 100（2 票）× 10%<", page);
        Assert.Matches($"data-entry-id=\"{b}\"[\\s\\S]*?class=\"small ranking-jury\" data-votes=\"1\">评委 85 × 90%；人气 50（1 票）× 10%<", page);

        // One more vote for B in the file: B would be 0.9 × 85 + 0.1 × 100 = 86.50 and rank first.
        json["votes"]![1]!["votes"] = 2;
        var tampered = await VerifyScript.RunAsync(json.ToJsonString());
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"entry {b} (", tampered.Output);
        Assert.Contains("score (hundredths) published 8150, recomputed 8650", tampered.Output);
        Assert.Contains("public jury votes published 1, the export's votes give 2", tampered.Output);
    }

    /// <summary>The entry on stage with its judges scoring: what the console's 下一个 and 开始评分 leave.</summary>
    private Task OnStageAsync(Stage stage, int entryId) =>
        host.WithDbAsync(async db =>
        {
            var state = await db.StageStates.SingleOrDefaultAsync(s => s.SessionId == stage.SessionId);
            if (state is null) db.StageStates.Add(state = new StageState { SessionId = stage.SessionId });
            state.EntryId = entryId;
            state.Phase = StagePhase.Scoring;
            state.Version++;
            await db.SaveChangesAsync();
        });
}
