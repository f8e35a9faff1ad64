using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Benchmarks.LiveLoad;

/// <summary>What one scenario measured: score-to-screen per submission (warm-up entry left out) and the submit phases.</summary>
public sealed record ScenarioResult(IReadOnlyList<double> LatenciesMs, int Submits, double SubmitSeconds, int NotShown,
    int Lost, int Duplicated, int Refused, string Notes, int PayloadBytes)
{
    /// <summary>Where the time goes: submit to the judge's answer, and submit to the first of the S screens.</summary>
    public IReadOnlyList<double> AcknowledgedMs { get; init; } = [];
    public IReadOnlyList<double> FirstScreenMs { get; init; } = [];
    public double MessagesPerEntry { get; init; }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        // Nearest rank.
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public double SubmitsPerSecond => SubmitSeconds > 0 ? Submits / SubmitSeconds : double.NaN;
}

/// <summary>
/// The two sides of the live-load run. Both run the same roadshow shape: per entry, the stage moves on and opens for
/// scoring (broadcast), the run waits until every screen shows it open, the J judges submit (the app's all at once from
/// their own connections), and the run waits (bounded) until all S screens show all J submissions. Entry 0 is a warm-up
/// (JIT, first queries) and is not counted.
/// </summary>
/// <remarks>
/// Judges score what their tablets show, a minute or more after scoring opens, so a sheet never travels beside the
/// broadcast of the step that opened scoring; sending the sheets the moment the step returned would time that
/// broadcast's delivery to every screen into the first sheets' latency, on the app's side two steps' worth (next and
/// open scoring) and on the bare side one.
/// </remarks>
public static class LiveLoadScenarios
{
    private static readonly TimeSpan ShownTimeout = TimeSpan.FromSeconds(30);

    public static string JudgeName(int i) => $"评委{i + 1:D2}";

    public static async Task<ScenarioResult> BareAsync(int judges, int spectators, int entries, CancellationToken ct)
    {
        var names = Enumerable.Range(0, judges).Select(JudgeName).ToList();
        var entryIds = Enumerable.Range(1, entries + 1).ToList();
        var tracker = new ScreenTracker(entryIds, names, spectators);
        await using var server = await BareStageServer.StartAsync(new BareStage(names));
        var url = new Uri(server.Address, BareStageServer.Path);

        var screens = await ConnectManyAsync(spectators, async _ =>
        {
            var screen = tracker.NewScreen();
            var c = Build(url, null);
            c.On<LiveStage>(StageHub.StageChanged, screen.Show);
            await c.StartAsync(ct);
            await c.InvokeAsync(nameof(BareStageHub.Join), ct);
            return c;
        });
        var panel = await ConnectManyAsync(judges, async _ =>
        {
            var c = Build(url, null);
            await c.StartAsync(ct);
            return c;
        });
        try
        {
            var latencies = new List<double>();
            List<double> acknowledged = [], firstScreen = [];
            var receivedBefore = 0;
            double seconds = 0;
            int notShown = 0, submits = 0;
            for (var e = 0; e < entryIds.Count; e++)
            {
                var entryId = entryIds[e];
                await server.NextAsync(entryId);
                await tracker.WaitOpenForScoringAsync(entryId, ShownTimeout, ct);
                // The floor: one broadcast at a time, each on every screen before the next, so no broadcast queues
                // behind another (J at once without coalescing measures the queue, not the broadcast).
                var started = Stopwatch.GetTimestamp();
                for (var j = 0; j < panel.Count; j++)
                {
                    tracker.MarkSubmitted(e, j);
                    await panel[j].InvokeAsync<bool>(nameof(BareStageHub.Submit), entryId, j, ct);
                    tracker.MarkAcknowledged(e, j);
                    await tracker.WaitShownAsync(e, j, ShownTimeout, ct);
                }
                var phase = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (e == 0) { receivedBefore = tracker.ReceivedByFirstScreen; continue; }
                acknowledged.AddRange(tracker.AcknowledgedMs(e));
                firstScreen.AddRange(tracker.FirstScreenMs(e));
                seconds += phase;
                submits += judges;
                latencies.AddRange(tracker.LatenciesMs(e));
                notShown += tracker.NotShown(e);
            }
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(server.Stage.Submitted(entryIds[^1], 0), System.Text.Json.JsonSerializerOptions.Web).Length;
            return new ScenarioResult(latencies, submits, seconds, notShown, 0, 0, 0, "", bytes)
            {
                AcknowledgedMs = acknowledged, FirstScreenMs = firstScreen,
                MessagesPerEntry = (tracker.ReceivedByFirstScreen - receivedBefore) / (double)(entryIds.Count - 1),
            };
        }
        finally
        {
            await DisposeManyAsync(panel);
            await DisposeManyAsync(screens);
        }
    }

    public static async Task<ScenarioResult> AppAsync(DatabaseProvider database, int judges, int spectators, int entries, CancellationToken ct)
    {
        await using var app = new BenchmarkApp(database) { Kestrel = true }
            .With("Hangfire:Server", "false")
            // The stage's one Information line per step and SignalR's connection lines would flood the console.
            .With("Logging:LogLevel:Default", "Warning");
        var address = app.ServerAddress;
        var arranged = await ArrangeAsync(app, judges, entries + 1);
        var tracker = new ScreenTracker(arranged.Entries, Enumerable.Range(0, judges).Select(JudgeName).ToList(), spectators);
        var url = new Uri(address, StageHub.Path);

        // Judges sign in through the login form; the cookie goes with their WebSocket handshake.
        var browsers = new ConcurrentBag<Browserless>();
        var panel = await ConnectManyAsync(judges, async j =>
        {
            var browser = new Browserless(address);
            browsers.Add(browser);
            await browser.SignInAsync(arranged.Emails[j]);
            var c = Build(url, browser);
            await c.StartAsync(ct);
            var joined = await c.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), arranged.SessionId, ct);
            if (joined.Error is not null) throw new InvalidOperationException(joined.Error);
            return c;
        }, parallel: 4);
        var screens = await ConnectManyAsync(spectators, async _ =>
        {
            var screen = tracker.NewScreen();
            var c = Build(url, null);
            c.On<LiveStage>(StageHub.StageChanged, screen.Show);
            screen.ReadWhole = async () => (await c.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), arranged.SessionId, ct)).Stage;
            await c.StartAsync(ct);
            var joined = await c.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), arranged.SessionId, ct);
            screen.Show(joined.Stage ?? throw new InvalidOperationException(joined.Error));
            return c;
        });

        try
        {
            long version = 0;
            async Task StepAsync(StageStep step)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<StageControl>().HandleAsync(arranged.SessionId, step, version, closeAnyway: true, ct);
                if (!result.Succeeded) throw new InvalidOperationException($"{step}: {result.Error}");
                version++;
            }

            var latencies = new List<double>();
            List<double> acknowledged = [], firstScreen = [];
            var receivedBefore = 0;
            var sent = new ConcurrentDictionary<Guid, bool>();
            var errors = new ConcurrentBag<string>();
            int refused = 0, resendsAcknowledged = 0, resendsOther = 0, doubleSends = 0;
            double seconds = 0;
            int notShown = 0, submits = 0;
            var random = new Random(2026);
            for (var e = 0; e < arranged.Entries.Count; e++)
            {
                var entryId = arranged.Entries[e];
                await StepAsync(StageStep.Next);
                await StepAsync(StageStep.OpenScoring);
                await tracker.WaitOpenForScoringAsync(entryId, ShownTimeout, ct);
                var sheets = Enumerable.Range(0, judges).Select(_ => new StageScore(Guid.NewGuid(), arranged.SessionId, entryId,
                    new Dictionary<int, decimal> { [arranged.Criterion1] = random.Next(60, 121) / 2m, [arranged.Criterion2] = random.Next(40, 81) / 2m },
                    "表达清晰，市场分析充分")).ToList();
                var started = Stopwatch.GetTimestamp();
                var entry = e;
                await Task.WhenAll(panel.Select(async (c, j) =>
                {
                    var sheet = sheets[j];
                    tracker.MarkSubmitted(entry, j);
                    // A few tablets send the same sheet twice at once (a retry before the first answer arrived).
                    var twice = j == 0 && entry % 3 == 2;
                    var first = c.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), sheet, ct);
                    var second = twice ? c.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), sheet, ct) : null;
                    var outcomes = second is null ? [await first] : await Task.WhenAll(first, second);
                    tracker.MarkAcknowledged(entry, j);
                    if (twice) Interlocked.Increment(ref doubleSends);
                    if (outcomes.Any(o => o.Accepted)) sent[sheet.SubmissionId] = true;
                    else { Interlocked.Increment(ref refused); errors.Add(outcomes[0].Error ?? "?"); }
                    if (twice && !outcomes.Any(o => o.Accepted && o.AlreadyRecorded)) Interlocked.Increment(ref resendsOther);
                    // A few resend after the acknowledgement (the tablet did not see it): must be acknowledged, not stored again.
                    if (j == 0 && entry % 3 == 1)
                    {
                        var again = await c.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore), sheet, ct);
                        if (again is { Accepted: true, AlreadyRecorded: true }) Interlocked.Increment(ref resendsAcknowledged);
                        else Interlocked.Increment(ref resendsOther);
                    }
                }));
                var phase = Stopwatch.GetElapsedTime(started).TotalSeconds;
                await tracker.WaitAllShownAsync(e, ShownTimeout, ct);
                await StepAsync(StageStep.CloseScoring);
                await StepAsync(StageStep.Reveal);
                if (e == 0) { receivedBefore = tracker.ReceivedByFirstScreen; continue; }
                acknowledged.AddRange(tracker.AcknowledgedMs(e));
                firstScreen.AddRange(tracker.FirstScreenMs(e));
                seconds += phase;
                submits += judges;
                latencies.AddRange(tracker.LatenciesMs(e));
                notShown += tracker.NotShown(e);
            }

            // Every accepted submission is one row, and no row exists twice or without a submission behind it.
            var rows = await app.WithDbAsync(db => db.ScoreSheets.Where(s => s.RoundId == arranged.RoundId)
                .Select(s => new { s.SubmissionId, s.EntryId, s.JudgeUserId, s.Status }).ToListAsync(ct));
            var stored = rows.Select(r => r.SubmissionId).ToHashSet();
            var lost = sent.Keys.Count(id => !stored.Contains(id));
            var duplicated = rows.Count - rows.Select(r => (r.EntryId, r.JudgeUserId)).Distinct().Count() + rows.Count(r => !sent.ContainsKey(r.SubmissionId));
            var expected = arranged.Entries.Count * judges;
            var notes = $"{rows.Count} ScoreSheet rows for {expected} submissions ({sent.Count} acknowledged); " +
                $"{doubleSends} sheets sent twice at once, {resendsAcknowledged} resends after the answer acknowledged as already recorded, " +
                $"{resendsOther} resend answers other than that" + (errors.IsEmpty ? "" : $"; refusals: {string.Join(" | ", errors.Distinct().Take(3))}");
            var last = await SnapshotBytesAsync(app, arranged.SessionId, ct);
            notes += $"; {tracker.WholeReads} whole reads by screens for a left-out board; last state {last.BoardLeftOut:N0} B with its board left out";
            notes += "; " + await AloneAsync(app, arranged, ct);
            return new ScenarioResult(latencies, submits, seconds, notShown, lost + (expected - sent.Count), duplicated, refused, notes, last.Whole)
            {
                AcknowledgedMs = acknowledged, FirstScreenMs = firstScreen,
                MessagesPerEntry = (tracker.ReceivedByFirstScreen - receivedBefore) / (double)(arranged.Entries.Count - 1),
            };
        }
        finally
        {
            await DisposeManyAsync(panel);
            await DisposeManyAsync(screens);
            foreach (var b in browsers) b.Dispose();
        }
    }

    /// <summary>
    /// Two parts of the path timed alone, one call at a time after the run, with nothing else going on: the conflict map
    /// every submission consults, and the stage snapshot every broadcast builds.
    /// </summary>
    private static async Task<string> AloneAsync(AppFactory app, Arranged arranged, CancellationToken ct)
    {
        const int calls = 20;
        var contestId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == arranged.RoundId).Select(r => r.ContestId).SingleAsync(ct));
        var conflicts = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConflictMap>().ActivePairsAsync(contestId, ct);
        }
        conflicts.Stop();
        var snapshot = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StageSnapshots>().BuildAsync(arranged.SessionId, ct);
        }
        snapshot.Stop();
        var entries = await app.WithDbAsync(db => db.Entries.CountAsync(e => e.ContestId == contestId, ct));
        var judges = await app.WithDbAsync(db => db.ContestJudges.CountAsync(j => j.ContestId == contestId, ct));
        return string.Create(CultureInfo.InvariantCulture,
            $"alone, one call at a time: ConflictMap.ActivePairsAsync {conflicts.Elapsed.TotalMilliseconds / calls:F1} ms ({entries} entries, {judges} pool judges in the contest), StageSnapshots.BuildAsync {snapshot.Elapsed.TotalMilliseconds / calls:F1} ms");
    }

    /// <summary>The last state's JSON size, whole and as a broadcast that leaves its unchanged board out.</summary>
    private static async Task<(int Whole, int BoardLeftOut)> SnapshotBytesAsync(AppFactory app, int sessionId, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var stage = await scope.ServiceProvider.GetRequiredService<StageSnapshots>().BuildAsync(sessionId, ct)
            ?? throw new InvalidOperationException("The session has no stage.");
        return (System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(stage, System.Text.Json.JsonSerializerOptions.Web).Length,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(stage.WithBoardLeftOut(), System.Text.Json.JsonSerializerOptions.Web).Length);
    }

    private sealed record Arranged(int RoundId, int SessionId, List<int> Entries, List<string> Emails, int Criterion1, int Criterion2);

    /// <summary>A roadshow round of the seeded cie-jilin contest, its entries in drawn order and a panel of accepted pool judges.</summary>
    private static async Task<Arranged> ArrangeAsync(AppFactory app, int judges, int entries)
    {
        var emails = new List<string>();
        var userIds = new List<string>();
        for (var i = 0; i < judges; i++)
        {
            var email = TestUsers.NewEmail("load-judge");
            var user = await app.CreateUserAsync(email, TestUsers.DemoPassword, JudgeName(i), roles: Roles.Judge);
            emails.Add(email);
            userIds.Add(user.Id);
        }

        return await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var contest = await db.Contests.Include(c => c.Rounds).Include(c => c.Tracks).AsSplitQuery().SingleAsync(c => c.Slug == "cie-jilin");
            var a = new RubricCriterion { Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50 };
            var b = new RubricCriterion { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 50 };
            var round = new Round
            {
                ContestId = contest.Id, Name = "复赛路演（负载测试）", NameEn = "Semi-final roadshow (load)", Kind = RoundKind.Roadshow,
                Status = RoundStatus.Scoring, Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1, Criteria = [a, b],
            };
            db.Rounds.Add(round);
            foreach (var (email, userId, i) in emails.Zip(userIds).Select((p, i) => (p.First, p.Second, i)))
            {
                db.ContestJudges.Add(new ContestJudge
                {
                    ContestId = contest.Id, Email = email, Name = JudgeName(i), UserId = userId, Status = JudgeStatus.Accepted,
                    InvitedAt = now, AnsweredAt = now, InvitedByUserId = userId,
                });
            }
            var track = contest.Tracks.OrderBy(t => t.SortOrder).First();
            var created = Enumerable.Range(1, entries).Select(i => new Entry
            {
                ContestId = contest.Id, TrackId = track.Id, Team = new Team { Name = $"团队路演项目{i:D4}", CreatedAt = now },
                Title = $"路演项目{i:D4} 智能农业装备", Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
                CompanyName = $"吉林路演项目{i:D4}有限公司", ContactName = "联系人", ContactPhone = "13800000000", ContactEmail = "contact@example.com",
                Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            }).ToList();
            db.Entries.AddRange(created);
            await db.SaveChangesAsync();

            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "第一场（负载测试）", Venue = "长春国际会展中心 A 厅", StartsAt = now,
                Panel = userIds.Select(id => new SessionJudge { JudgeUserId = id }).ToList(),
                // The running order as a draw would leave it.
                Slots = created.Select((e, i) => new SessionSlot { RoundId = round.Id, EntryId = e.Id, Position = i + 1 }).ToList(),
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            return new Arranged(round.Id, session.Id, created.Select(e => e.Id).ToList(), emails, a.Id, b.Id);
        });
    }

    private static HubConnection Build(Uri url, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            // A thousand clients on two busy cores can miss a 30 s keep-alive window without anything being wrong.
            .WithServerTimeout(TimeSpan.FromMinutes(2))
            .Build();

    private static async Task<List<HubConnection>> ConnectManyAsync(int count, Func<int, Task<HubConnection>> connect, int parallel = 32)
    {
        var connections = new HubConnection[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => connections[i] = await connect(i));
        return [.. connections];
    }

    private static Task DisposeManyAsync(IEnumerable<HubConnection> connections) =>
        Parallel.ForEachAsync(connections.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (c, _) => await c.DisposeAsync());
}
