using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Scoring;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.ScaleOut;

/// <summary>
/// Two instances of the built app, separate processes behind a round-robin reverse proxy, started at once on one empty
/// PostgreSQL database, each running Hangfire workers, with a Redis backplane and one shared uploads folder
/// (<see cref="Deployment"/>): what a person does through the proxy works whichever instance answers, what must happen
/// once happens once, and losing an instance loses nothing that was acknowledged.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesTests.TwoInstances app, ITestOutputHelper output) : IClassFixture<TwoInstancesTests.TwoInstances>
{
    /// <summary>The sweeper's period here; Hangfire 1.8 reads a sixth cron field as seconds.</summary>
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public sealed class TwoInstances : IAsyncLifetime
    {
        public Deployment Deployment { get; private set; } = null!;
        public AppFactory Arranger { get; private set; } = null!;
        public IReadOnlyList<string> StartLogs { get; private set; } = [];
        public TimeSpan StartedIn { get; private set; }

        public async Task InitializeAsync()
        {
            if (!TestDatabase.IsPostgreSql || !Deployment.Available) return;
            var clock = Stopwatch.StartNew();
            Deployment = await Deployment.StartAsync(2, "--Notifications:SweepCron=*/2 * * * * *");
            StartedIn = clock.Elapsed;
            StartLogs = [Deployment.Instance(0).Output, Deployment.Instance(1).Output];
            Arranger = Deployment.Arranger();
            _ = Arranger.Services;
        }

        public async Task DisposeAsync()
        {
            if (Arranger is not null) await Arranger.DisposeAsync();
            if (Deployment is not null) await Deployment.DisposeAsync();
        }
    }

    [DeploymentFact]
    public async Task Start_MigratesSeedsAndMakesOneKey_WhenBothInstancesStartAtOnceOnAnEmptyDatabase()
    {
        output.WriteLine($"Both instances healthy and in the proxy's rotation {app.StartedIn.TotalSeconds:0.0} s after launch.");

        // Seed rows without a unique index that would have refused a second copy: each is there once.
        var events = await app.Arranger.WithDbAsync(db => db.ActivityEvents.GroupBy(e => new { e.ContestId, e.Title })
            .Where(g => g.Count() > 1).Select(g => g.Key.Title).ToListAsync());
        var seats = await app.Arranger.WithDbAsync(db => db.ContestJudges.GroupBy(j => new { j.ContestId, j.Email })
            .Where(g => g.Count() > 1).Select(g => g.Key.Email).ToListAsync());
        var profiles = await app.Arranger.WithDbAsync(db => db.JudgeProfiles.GroupBy(p => p.UserId)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync());
        Assert.Empty(events);
        Assert.Empty(seats);
        Assert.Empty(profiles);
        Assert.True(await app.Arranger.WithDbAsync(db => db.ActivityEvents.AnyAsync()), "The Development seeds were not loaded.");
        // One key: two would split the key ring, each instance protecting with its own (see AccountsSetup.PrepareKeyRing).
        Assert.Equal(1, await app.Arranger.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        for (var i = 0; i < 2; i++)
            Assert.True(LoggedErrors(app.StartLogs[i]).Count == 0, $"Instance {i} logged errors while starting:{Environment.NewLine}{string.Join(Environment.NewLine, LoggedErrors(app.StartLogs[i]))}");
    }

    [DeploymentFact]
    public async Task SignIn_KeepsThePersonSignedIn_WhicheverInstanceAnswers()
    {
        var cookies = new CookieContainer();
        using var onA = app.Deployment.Browser(pinnedTo: 0, cookies);
        using var onB = app.Deployment.Browser(pinnedTo: 1, cookies);
        using var anywhere = app.Deployment.Browser(cookies: cookies);

        // The sign-in form as A served it, posted to B: B reads A's antiforgery token and issues the cookie.
        var form = await onA.Http.GetAsync("/account/login");
        Assert.Equal(0, Deployment.AnsweredBy(form));
        var signedIn = await (await onB.Http.FillFormAsync(form, "/account/login",
            [new("Email", TestUsers.DemoContestant), new("Password", TestUsers.DemoPassword)])).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(1, Deployment.AnsweredBy(signedIn));

        var answeredBy = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var page = await anywhere.Http.GetAsync("/teams");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("action=\"/account/logout\"", await page.Content.ReadAsStringAsync());
            answeredBy.Add(Deployment.AnsweredBy(page));
        }
        Assert.Equal([0, 1], answeredBy.Distinct().Order());

        // And the other way: a form B served, posted to A.
        var signedOut = await (await onA.Http.FillFormAsync(await onB.Http.GetAsync("/teams"), "/account/logout", [])).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(0, Deployment.AnsweredBy(signedOut));
        Assert.Equal(HttpStatusCode.Redirect, (await onB.Http.GetAsync("/teams")).StatusCode);
    }

    [DeploymentFact]
    public async Task SubmitScore_ReachesASpectatorOnTheOtherInstance_WhenTheJudgeScoresOnOne()
    {
        var stage = await OpenStageAsync();
        using var judge = app.Deployment.Browser();
        await judge.SignInAsync(stage.JudgeEmail);

        await using var spectator = StageConnection(pinnedTo: 1, signedIn: null);
        var heard = new TaskCompletionSource<LiveStage>(TaskCreationOptions.RunContinuationsAsynchronously);
        spectator.On<LiveStage>(StageHub.StageChanged, s => { if (s.Panel.Any(j => j.Submitted)) heard.TrySetResult(s); });
        await spectator.StartAsync();
        var watching = await spectator.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId);
        Assert.Equal(nameof(StagePhase.Scoring), watching.Stage!.Phase);
        Assert.DoesNotContain(watching.Stage.Panel, j => j.Submitted);

        await using var tablet = StageConnection(pinnedTo: 0, judge);
        await tablet.StartAsync();
        Assert.Null((await tablet.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), stage.SessionId)).Error);
        var outcome = await tablet.InvokeAsync<ScoreOutcome>(nameof(StageHub.SubmitScore),
            new StageScore(Guid.NewGuid(), stage.SessionId, stage.EntryId, stage.Points, "思路清晰，市场分析扎实。"));
        Assert.True(outcome.Accepted, outcome.Error);

        var shown = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(stage.EntryId, shown.Entry?.EntryId);
        Assert.True(Assert.Single(shown.Panel).Submitted);
    }

    [DeploymentFact]
    public async Task Connect_Succeeds_WhenTheClientSkipsNegotiationAsThePagesDo()
    {
        // Unpinned, so the rotation spreads them; each connection is one request and stays where it landed.
        for (var i = 0; i < 4; i++)
        {
            await using var connection = StageConnection(pinnedTo: null, signedIn: null);
            await connection.StartAsync();
            var joined = await connection.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), 0);
            Assert.Equal("路演场次不存在。", joined.Error);
        }
    }

    [DeploymentFact]
    public async Task Connect_Fails_WhenTheClientNegotiatesThroughTheRotation()
    {
        // What the pages did before: negotiate, then connect. Round robin sends the connection to the other instance,
        // which has never heard of the connection negotiated: the reason the pages skip negotiation (wwwroot-assets/src/js/live.js).
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.Deployment.ProxyAddress, StageHub.Path)).Build();

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
    }

    [DeploymentFact]
    public async Task SendDueNotifications_DeliversEachMailOnce_WhenBothInstancesRunWorkers()
    {
        // Twenty people at once, so that senders on both instances run while the rows are due.
        var emails = Enumerable.Range(0, 20).Select(_ => TestUsers.NewEmail("once")).ToList();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (email, _) =>
        {
            using var onA = app.Deployment.Browser(pinnedTo: 0);
            var registered = await onA.Http.PostFormAsync("/account/register", RegistrationForm(email));
            Assert.True(await AcknowledgedAsync(onA.Http, email, registered), $"Registering {email} was not acknowledged.");
        });

        await app.Deployment.Smtp.WaitForAsync(m => emails.Contains(Recipient(m)), emails.Count, Patience);
        // Every worker and both sweepers have had their chance at each row by the time two more sweeps have run.
        await SweepsAsync(DateTimeOffset.UtcNow, settled: 2);

        var received = app.Deployment.Smtp.Messages.Where(m => emails.Contains(Recipient(m))).GroupBy(Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(emails, e => Assert.Equal(1, received.GetValueOrDefault(e)));
        var rows = await app.Arranger.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => emails.Contains(n.Recipient)).ToListAsync());
        Assert.Equal(emails.Count, rows.Count);
        Assert.All(rows, n => Assert.Equal((NotificationStatus.Sent, 1), (n.Status, n.Attempts)));
    }

    [DeploymentFact]
    public async Task Sweeper_RunsOncePerPeriod_WhenBothInstancesScheduleIt()
    {
        var runs = await SweepsAsync(DateTimeOffset.UtcNow, settled: 4);

        output.WriteLine(string.Join(Environment.NewLine, runs.OrderBy(r => r.TriggeredAt)
            .Select(r => $"{r.TriggeredAt:HH:mm:ss} job {r.JobId} ({r.RecurringJobId}) for the period from {r.Period:HH:mm:ss}")));
        var periods = runs.GroupBy(r => r.Period).OrderBy(g => g.Key).ToList();
        Assert.All(periods, p => Assert.True(p.Count() == 1, $"The sweep of the period from {p.Key:HH:mm:ss} ran {p.Count()} times."));
        // Every period, not only once in a while (a late sweep may take the next period's place).
        Assert.True(periods.Zip(periods.Skip(1)).Count(p => p.Second.Key - p.First.Key == SweepPeriod) >= periods.Count / 2,
            "The sweeper skipped most periods.");
    }

    [DeploymentFact]
    public async Task Download_ServesTheFile_WhenItWasUploadedThroughTheOtherInstance()
    {
        var steps = Steps();
        using var culture = ScenarioSteps.ChineseCulture();
        var contest = await steps.OpenContestAsync();
        var email = TestUsers.NewEmail("uploader");
        var leader = await steps.UserAsync(email, "上传队长", Roles.Contestant);
        var entryId = await steps.DraftEntryAsync(contest.ContestId, await steps.TeamAsync(leader, "多实例上传团队"), leader, "多实例上传项目", EntryKind.Startup);
        var cookies = new CookieContainer();
        using var onA = app.Deployment.Browser(pinnedTo: 0, cookies);
        using var onB = app.Deployment.Browser(pinnedTo: 1, cookies);
        await onA.SignInAsync(email);
        var content = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

        var uploaded = await onA.Http.PostFormAsync($"/entries/{entryId}/materials", [new("kind", "BusinessPlan")],
            [new FormFile("file", "商业计划书.pdf", content, "application/pdf")], $"/entries/{entryId}");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(0, Deployment.AnsweredBy(uploaded));

        var material = await app.Arranger.WithDbAsync(db => db.EntryMaterials.AsNoTracking().SingleAsync(m => m.EntryId == entryId));
        var page = await onB.Http.GetAsync($"/entries/{entryId}");
        Assert.Contains($"href=\"/materials/{material.Id}\"", await page.Content.ReadAsStringAsync());
        var download = await onB.Http.GetAsync($"/materials/{material.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(1, Deployment.AnsweredBy(download));
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        // Written aside and renamed: nothing half-written is left under another name.
        Assert.Contains(material.StoredName, Directory.GetFiles(app.Deployment.UploadsPath).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFiles(app.Deployment.UploadsPath), f => !Guid.TryParseExact(Path.GetFileName(f), "N", out _));
    }

    [DeploymentFact]
    public async Task Register_LosesNoAcknowledgedAccountAndGoesOn_WhenAnInstanceIsKilledMidStream()
    {
        var outcomes = new ConcurrentQueue<Attempt>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var people = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var browser = app.Deployment.Browser();
            while (!stop.IsCancellationRequested)
                outcomes.Enqueue(await RegisterAsync(browser.Http, clock));
        })).ToList();
        TimeSpan killedAt = default, outOfRotationAt = default;
        try
        {
            await WaitUntilAsync(() => outcomes.Count(o => o.Acknowledged) >= 12, "the stream to get going");
            killedAt = clock.Elapsed;
            await app.Deployment.KillAsync(0);
            await WaitUntilAsync(() => !app.Deployment.InRotation(0), "the proxy to take the killed instance out");
            outOfRotationAt = clock.Elapsed;
            await WaitUntilAsync(() => outcomes.Count(o => o.Acknowledged && o.StartedAt > outOfRotationAt) >= 20, "the stream to go on");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(people);
        }

        var attempts = outcomes.ToList();
        var acknowledged = attempts.Where(a => a.Acknowledged).Select(a => a.Email).ToList();
        var stored = await app.Arranger.WithDbAsync(db => db.Users.Where(u => acknowledged.Contains(u.Email!)).Select(u => u.Email!).ToListAsync());
        var refused = attempts.Where(a => !a.Acknowledged).ToList();
        output.WriteLine($"{attempts.Count} registrations, {acknowledged.Count} acknowledged; killed at {killedAt.TotalSeconds:0.0} s, " +
            $"out of the proxy's rotation {(outOfRotationAt - killedAt).TotalSeconds:0.0} s later; {refused.Count} refused: " +
            string.Join(", ", refused.GroupBy(a => a.Answer).Select(g => $"{g.Count()} × {g.Key}")));

        // The other tests of the class share the deployment: it is whole again whatever these assertions find.
        await app.Deployment.StartAgainAsync(0);
        Assert.Empty(acknowledged.Except(stored));
        // A request the killed instance held, or was sent before the proxy knew, fails, and its client is told so by the
        // proxy (502) or a dropped connection; never by an error of the app, and never as a success.
        Assert.All(refused, a => Assert.True(a.Answer is "502" or "connection", $"{a.Email}: {a.Answer}"));
        Assert.All(refused, a => Assert.True(a.StartedAt < outOfRotationAt, $"{a.Email} was refused ({a.Answer}) after the proxy took the killed instance out."));
        Assert.Contains(attempts, a => a.Acknowledged && a.StartedAt < killedAt);
    }

    // ----- arranging -----

    private ScenarioSteps Steps() => new(app.Arranger, app.Deployment.ProxyAddress);

    private async Task<OpenStage> OpenStageAsync()
    {
        var steps = Steps();
        using var culture = ScenarioSteps.ChineseCulture();
        return await steps.OpenStageAsync(await steps.OpenContestAsync());
    }

    // ----- clients -----

    /// <summary>The stage hub as the pages open it (WebSockets, no negotiation), through the proxy.</summary>
    private HubConnection StageConnection(int? pinnedTo, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Deployment.ProxyAddress, StageHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (pinnedTo is { } i) o.Headers.Add(Deployment.Pin(i));
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    private static (string, string)[] RegistrationForm(string email) =>
        [("DisplayName", "多实例用户"), ("Email", email), ("Password", "Secret123"), ("ConfirmPassword", "Secret123")];

    /// <summary>
    /// The post's redirect to the check-email page is the app's acknowledgement: the account is stored by then. The page
    /// it leads to, when it answers, says where the mail went; it may not answer, when the instance the proxy sends it to
    /// is the one just killed, and that 502 is about the page, not the account.
    /// </summary>
    private static async Task<bool> AcknowledgedAsync(HttpClient client, string email, HttpResponseMessage posted)
    {
        if (posted.StatusCode != HttpStatusCode.Redirect || posted.Headers.Location is not { } location
            || !location.OriginalString.StartsWith("/account/check-email", StringComparison.Ordinal)) return false;
        try
        {
            using var page = await client.GetAsync(new Uri(client.BaseAddress!, location));
            return page.StatusCode == HttpStatusCode.BadGateway
                   || (page.StatusCode == HttpStatusCode.OK
                       && (await page.Content.ReadAsStringAsync()).Contains($"我们已向 {email} 发送了一封确认邮件", StringComparison.Ordinal));
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private sealed record Attempt(string Email, TimeSpan StartedAt, bool Acknowledged, string Answer);

    /// <summary>One person registering as a browser does: the form page, then the form posted, each wherever the proxy sends it.</summary>
    private static async Task<Attempt> RegisterAsync(HttpClient client, Stopwatch clock)
    {
        var email = TestUsers.NewEmail("stream");
        var started = clock.Elapsed;
        try
        {
            var page = await client.GetAsync("/account/register");
            if (page.StatusCode != HttpStatusCode.OK) return new(email, started, false, ((int)page.StatusCode).ToString(CultureInfo.InvariantCulture));
            var posted = await (await client.FillFormAsync(page, "/account/register",
                RegistrationForm(email).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)))).SubmitAsync();
            var acknowledged = await AcknowledgedAsync(client, email, posted);
            return new(email, started, acknowledged, acknowledged ? "ok" : ((int)posted.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return new(email, started, false, "connection");
        }
    }

    private static string Recipient(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}.");
            await Task.Delay(50);
        }
    }

    // ----- Hangfire, read through its own monitoring API -----

    /// <summary>
    /// A sweep, known by when Hangfire's scheduler triggered it (the job's <c>Time</c>, in whole seconds). A trigger is
    /// never early but may be late under load, and the next one is scheduled from it, so each period has at most one
    /// trigger in it unless the sweep runs twice: the period a run belongs to is the one that began at or before it.
    /// </summary>
    private sealed record SweepRun(string JobId, DateTimeOffset TriggeredAt, string RecurringJobId)
    {
        public DateTimeOffset Period => DateTimeOffset.FromUnixTimeSeconds(
            TriggeredAt.ToUnixTimeSeconds() / (long)SweepPeriod.TotalSeconds * (long)SweepPeriod.TotalSeconds);
    }

    /// <summary>
    /// The sweeps scheduled from <paramref name="from"/> on, once at least <paramref name="settled"/> periods have settled:
    /// a period has settled when the sweeper has run two periods after it, by which time a second run of it, had one
    /// been made, would have run too. A sweep is a run of <see cref="SendDueNotifications"/> made by a recurring job
    /// (whatever its id).
    /// </summary>
    private async Task<List<SweepRun>> SweepsAsync(DateTimeOffset from, int settled)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        var monitoring = new PostgreSqlStorage(new NpgsqlConnectionFactory(app.Deployment.ConnectionString, options), options).GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var runs = monitoring.SucceededJobs(0, 1000)
                .Where(j => j.Value.Job?.Type == typeof(SendDueNotifications) && j.Value.SucceededAt >= from.UtcDateTime)
                .Select(j => (j.Key, monitoring.JobDetails(j.Key).Properties))
                .Where(j => j.Properties.ContainsKey("RecurringJobId") && j.Properties.ContainsKey("Time"))
                .Select(j => new SweepRun(j.Key, DateTimeOffset.FromUnixTimeSeconds(long.Parse(j.Properties["Time"], CultureInfo.InvariantCulture)),
                    j.Properties["RecurringJobId"]))
                .Where(r => r.TriggeredAt >= from.AddSeconds(-1))
                .ToList();
            var settledRuns = runs.Count == 0 ? [] : runs.Where(r => r.Period <= runs.Max(x => x.Period) - 2 * SweepPeriod).ToList();
            if (settledRuns.Select(r => r.Period).Distinct().Count() >= settled) return settledRuns;
            if (clock.Elapsed > Patience)
                throw new TimeoutException($"{settled} sweeps did not run within {Patience.TotalSeconds:0} s; seen: {string.Join(", ", runs.Select(r => r.TriggeredAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// What an instance logged at Error or Critical, but for EF Core's own failed read of a history table that does not
    /// exist yet, with which every first migration begins.
    /// </summary>
    private static List<string> LoggedErrors(string log)
    {
        var entries = new List<StringBuilder>();
        StringBuilder? current = null;
        foreach (var line in log.Split('\n'))
        {
            if (line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
                entries.Add(current = new StringBuilder(line));
            else if (current is not null && line.StartsWith(' '))
                current.Append('\n').Append(line);
            else
                current = null;
        }
        // EF Core logs its own failed commands: reading the history before the table exists, and, when both instances set
        // out to apply the same migration, the loser's statement, which the start then retries and says so.
        var lostMigrationRace = log.Contains("Another instance applied migrations at the same time", StringComparison.Ordinal);
        return entries.Select(e => e.ToString())
            .Where(e => !(e.StartsWith("fail: Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)
                && (lostMigrationRace || e.Contains("FROM \"__EFMigrationsHistory\"", StringComparison.Ordinal))))
            .ToList();
    }
}
