using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Features.Registration;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>
/// The stage and live hubs over real WebSocket connections: wrong argument types and counts, nulls, huge values, other
/// sessions' ids and sheets no page would send, from a signed-in panel judge and from an anonymous connection, while a
/// second judge and a spectator on the same stage are checked, every few calls, to be served as before.
/// </summary>
public sealed partial class HubFuzzer(FuzzRun run, FuzzHost host, Mutations mutations)
{
    private const int RandomSheets = 60;
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(15);

    /// <summary>One hub call: its arguments as raw JSON (so any type can be sent), and whether the hub must refuse it.</summary>
    private sealed record Call(string Label, string Method, string[] Arguments, bool MustRefuse, bool MayClose = false)
    {
        /// <summary>What is wrong with the call, for grouping (the label when nothing more general).</summary>
        public string? Kind { get; init; }
    }

    private int calls;

    public async Task<int> RunAsync()
    {
        var contestId = await host.ContestIdAsync();
        var entries = new List<TestEntry>();
        for (var i = 0; i < 5; i++) entries.Add(await host.CreateEntryAsync(EntryStatus.Approved, "舞台项目" + ReviewData.Tag()));
        var fuzzer = await FuzzScenario.JudgeAsync(host, contestId, "模糊评委");
        var stage = await FuzzScenario.StageAsync(host, contestId, fuzzer.UserId, entries);

        using var fuzzerBrowser = new Browserless(host.ServerAddress);
        await fuzzerBrowser.SignInAsync(fuzzer.Email);
        using var peerBrowser = new Browserless(host.ServerAddress);
        await peerBrowser.SignInAsync(stage.Peer.Email);
        var limit = await CommentLimitAsync(fuzzerBrowser, stage.SessionId);

        await using var spectator = Connect(StageHub.Path, null);
        var heard = new SemaphoreSlim(0);
        JsonElement? last = null;
        spectator.On<JsonElement>(StageHub.StageChanged, s => { last = s; heard.Release(); });
        await spectator.StartAsync();
        await spectator.InvokeAsync<JsonElement>(nameof(StageHub.JoinStage), stage.SessionId);
        await using var peer = Connect(StageHub.Path, peerBrowser);
        await peer.StartAsync();
        await peer.InvokeAsync<JsonElement>(nameof(StageHub.JoinStage), stage.SessionId);

        var judge = Connect(StageHub.Path, fuzzerBrowser);
        var anonymous = Connect(StageHub.Path, null);
        try
        {
            await judge.StartAsync();
            await anonymous.StartAsync();
            var random = run.RandomFor("hubs");
            var all = Calls(stage, limit).Concat(RandomCalls(stage, limit, random)).ToList();
            for (var i = 0; i < all.Count; i++)
            {
                judge = await CallAsync(judge, fuzzerBrowser, all[i]);
                if (i % 3 == 0) anonymous = await CallAsync(anonymous, null, all[i] with { MustRefuse = all[i].Method == nameof(StageHub.SubmitScore) });
                if (i % 10 == 9) await CheckOthersAsync(peer, spectator, heard, stage, $"after {all[i].Label}");
            }

            // The well-behaved judge still scores, and the spectator hears it.
            var good = await peer.InvokeAsync<JsonElement>(nameof(StageHub.SubmitScore), JsonSerializer.Deserialize<JsonElement>(Sheet(stage, Guid.NewGuid())));
            calls++;
            if (!good.GetProperty("accepted").GetBoolean())
                run.Fail("Other client affected: a valid sheet refused after the fuzzing", good.ToString(), null, "peer SubmitScore");
            else if (!await heard.WaitAsync(TimeSpan.FromSeconds(15)) || last is null)
                run.Fail("Other client affected: the spectator heard nothing after a valid sheet", "", null, "spectator");

            await LiveHubAsync();
        }
        finally
        {
            await judge.DisposeAsync();
            await anonymous.DisposeAsync();
        }
        return calls;
    }

    /// <summary>The page's own limit for a comment: the hub must refuse what the page refuses.</summary>
    private async Task<int> CommentLimitAsync(Browserless judge, int sessionId)
    {
        var page = await judge.Http.GetStringAsync($"/judging/sessions/{sessionId}");
        var box = new HtmlParser().ParseDocument(page).QuerySelector("#scoreComment");
        return int.TryParse(box?.GetAttribute("maxlength"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max
            : throw new InvalidOperationException("The judge's tablet page has no comment box with a maxlength.");
    }

    private HubConnection Connect(string path, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(host.ServerAddress, path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    private static string Sheet(HubStage s, Guid id, int? session = null, int? entry = null, string points = "", string comment = "\"表达清晰\"") =>
        $$"""{"submissionId":"{{id}}","sessionId":{{session ?? s.SessionId}},"entryId":{{entry ?? s.OnStage}},"points":{{(points.Length > 0 ? points : $$"""{"{{s.Criterion1}}":40,"{{s.Criterion2}}":30}""")}},"comment":{{comment}}}""";

    private string Marker(string label) => mutations.Mark("stage hub", label);

    private const string OverLimit = "a comment over the page's limit";

    private IEnumerable<Call> Calls(HubStage s, int limit)
    {
        string Over(int length) => JsonSerializer.Serialize(new string('评', length));
        var join = nameof(StageHub.JoinStage);
        var submit = nameof(StageHub.SubmitScore);
        yield return new("JoinStage(\"abc\")", join, ["\"abc\""], false);
        yield return new("JoinStage(1.5)", join, ["1.5"], false);
        yield return new("JoinStage(null)", join, ["null"], false);
        yield return new("JoinStage({})", join, ["{}"], false);
        yield return new("JoinStage()", join, [], false);
        yield return new("JoinStage(two ids)", join, [$"{s.SessionId}", $"{s.OtherSessionId}"], false);
        yield return new("JoinStage(-1)", join, ["-1"], false);
        yield return new("JoinStage(2147483648)", join, ["2147483648"], false);
        yield return new("JoinStage(another session)", join, [$"{s.OtherSessionId}"], false);
        yield return new("JoinStage(1000 digits)", join, [new string('9', 1000)], false);
        yield return new("SubmitScore()", submit, [], false);
        yield return new("SubmitScore(null)", submit, ["null"], true);
        yield return new("SubmitScore(\"abc\")", submit, ["\"abc\""], false);
        yield return new("SubmitScore([])", submit, ["[]"], false);
        yield return new("SubmitScore(sheet, extra)", submit, [Sheet(s, Guid.NewGuid()), "1"], false);
        yield return new("SubmitScore({})", submit, ["{}"], true);
        yield return new("submission id not a GUID", submit, [Sheet(s, Guid.NewGuid()).Replace("\"submissionId\":\"", "\"submissionId\":\"x", StringComparison.Ordinal)], false);
        yield return new("submission id empty", submit, [Sheet(s, Guid.Empty)], true);
        yield return new("points null", submit, [Sheet(s, Guid.NewGuid(), points: "null")], true);
        yield return new("points empty", submit, [Sheet(s, Guid.NewGuid(), points: "{}")], true);
        yield return new("points of an unknown criterion", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":40,"{{s.Criterion2}}":30,"987654":1}""")], true);
        yield return new("points missing a criterion", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":40}""")], true);
        yield return new("points negative", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":-1,"{{s.Criterion2}}":30}""")], true);
        yield return new("points over the maximum", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":61,"{{s.Criterion2}}":30}""")], true);
        yield return new("points off the step", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":40.3,"{{s.Criterion2}}":30}""")], true);
        yield return new("points decimal.MaxValue", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":79228162514264337593543950335,"{{s.Criterion2}}":30}""")], true);
        yield return new("points 1e400", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":1e400,"{{s.Criterion2}}":30}""")], true);
        yield return new("points as text", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":"abc","{{s.Criterion2}}":30}""")], true);
        yield return new("points null value", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"{{s.Criterion1}}":null,"{{s.Criterion2}}":30}""")], true);
        yield return new("criterion id not a number", submit, [Sheet(s, Guid.NewGuid(), points: $$"""{"abc":40,"{{s.Criterion2}}":30}""")], true);
        yield return new($"comment of {limit + 1} characters (the page allows {limit})", submit, [Sheet(s, Guid.NewGuid(), comment: Over(limit + 1))], true)
            { Kind = OverLimit };
        yield return new("comment of 6,500 characters", submit, [Sheet(s, Guid.NewGuid(), comment: Over(6500))], true) { Kind = OverLimit };
        yield return new("comment of 30,000 characters", submit, [Sheet(s, Guid.NewGuid(), comment: Over(30_000))], true, MayClose: true);
        yield return new("comment of 1 MB", submit, [Sheet(s, Guid.NewGuid(), comment: Over(350_000))], true, MayClose: true);
        yield return new("comment as a number", submit, [Sheet(s, Guid.NewGuid(), comment: "12")], true);
        yield return new("comment with NUL", submit, [Sheet(s, Guid.NewGuid(), comment: JsonSerializer.Serialize("评语\0" + Marker("comment with NUL")))], false);
        yield return new("comment with control characters", submit, [Sheet(s, Guid.NewGuid(), comment: JsonSerializer.Serialize("评语\u0001\u001b[2J" + Marker("comment with control characters")))], false);
        yield return new("comment with bidi overrides", submit, [Sheet(s, Guid.NewGuid(), comment: JsonSerializer.Serialize("评语\u202E" + Marker("comment with bidi overrides")))], false);
        yield return new("another session's entry, on its session", submit, [Sheet(s, Guid.NewGuid(), s.OtherSessionId, s.OtherEntry)], true);
        yield return new("another session's entry, on this session", submit, [Sheet(s, Guid.NewGuid(), entry: s.OtherEntry)], true);
        yield return new("this session's entry not on stage", submit, [Sheet(s, Guid.NewGuid(), entry: s.NotOnStage)], true);
        yield return new("session -1", submit, [Sheet(s, Guid.NewGuid(), session: -1)], true);
        yield return new("session 2147483647", submit, [Sheet(s, Guid.NewGuid(), session: int.MaxValue)], true);
        yield return new("entry 2147483647", submit, [Sheet(s, Guid.NewGuid(), entry: int.MaxValue)], true);
        yield return new("session as text", submit, [Sheet(s, Guid.NewGuid()).Replace($"\"sessionId\":{s.SessionId}", "\"sessionId\":\"abc\"", StringComparison.Ordinal)], true);
        yield return new("unknown and duplicate members", submit, [Sheet(s, Guid.NewGuid()).Replace("{\"submissionId\"", "{\"isAdmin\":true,\"entryId\":1,\"submissionId\"", StringComparison.Ordinal)], false);
        yield return new("nested 200 levels", submit, [new string('[', 200) + new string(']', 200)], false);
        yield return new("not a hub method", "OnConnectedAsync", [], false);
        yield return new("unknown method", "Nope", ["1"], false);
    }

    /// <summary>Sheets with one or two fields corrupted at random; refused whenever a corruption is one no page allows.</summary>
    private IEnumerable<Call> RandomCalls(HubStage s, int limit, Random random)
    {
        // Each corruption names the member it changes: two on the same member would undo each other.
        (string Name, string Member, bool Refuse, Func<JsonObject, JsonObject> Apply)[] corruptions =
        [
            ("session of another stage", "sessionId", true, o => { o["sessionId"] = s.OtherSessionId; return o; }),
            ("entry of another stage", "entryId", true, o => { o["entryId"] = s.OtherEntry; return o; }),
            ("entry not on stage", "entryId", true, o => { o["entryId"] = s.NotOnStage; return o; }),
            ("empty submission id", "submissionId", true, o => { o["submissionId"] = Guid.Empty.ToString(); return o; }),
            (OverLimit, "comment", true, o => { o["comment"] = new string('评', limit + 1 + random.Next(3000)); return o; }),
            ("negative points", "points", true, o => { o["points"]![s.Criterion2.ToString(CultureInfo.InvariantCulture)] = -random.Next(1, 1000); return o; }),
            ("points over maximum", "points", true, o => { o["points"]![s.Criterion1.ToString(CultureInfo.InvariantCulture)] = 60 + random.Next(1, 100000); return o; }),
            ("points off step", "points", true, o => { o["points"]![s.Criterion2.ToString(CultureInfo.InvariantCulture)] = 30.01m; return o; }),
            ("unknown criterion", "points", true, o => { o["points"]![random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)] = 1; return o; }),
            ("missing points", "points", true, o => { o.Remove("points"); return o; }),
            ("missing comment", "comment", false, o => { o.Remove("comment"); return o; }),
            ("comment null", "comment", false, o => { o["comment"] = null; return o; }),
            ("comment with controls", "comment", false, o => { o["comment"] = "评\u0000\u0007\u202E" + Marker("random comment with controls"); return o; }),
            ("huge session id", "sessionId", true, o => { o["sessionId"] = random.Next(); return o; }),
            ("entry id zero", "entryId", true, o => { o["entryId"] = 0; return o; }),
        ];
        for (var i = 0; i < RandomSheets; i++)
        {
            var sheet = JsonNode.Parse(Sheet(s, Guid.NewGuid()))!.AsObject();
            var picked = corruptions.OrderBy(_ => random.Next()).DistinctBy(c => c.Member).Take(1 + random.Next(2)).ToList();
            foreach (var c in picked) sheet = c.Apply(sheet);
            yield return new("random sheet: " + string.Join(" + ", picked.Select(c => c.Name)), nameof(StageHub.SubmitScore),
                [sheet.ToJsonString()], picked.Any(c => c.Refuse)) { Kind = picked.FirstOrDefault(c => c.Refuse).Name };
        }
    }

    /// <summary>Makes one call and judges the answer; returns the connection to go on with (a new one if the server closed it).</summary>
    private async Task<HubConnection> CallAsync(HubConnection connection, Browserless? signedIn, Call call)
    {
        calls++;
        var who = signedIn is null ? "anonymous" : "panel judge";
        var name = $"{who}: {call.Method}: {call.Label}";
        var logged = host.Errors.Count;
        if (connection.State != HubConnectionState.Connected)
        {
            await connection.DisposeAsync();
            connection = Connect(StageHub.Path, signedIn);
            await connection.StartAsync();
        }
        try
        {
            var arguments = call.Arguments.Select(a => (object?)JsonSerializer.Deserialize<JsonElement>(a, new JsonSerializerOptions { MaxDepth = 512 })).ToArray();
            var answer = await connection.InvokeCoreAsync<JsonElement>(call.Method, arguments).WaitAsync(CallLimit);
            if (call.Method == nameof(StageHub.SubmitScore) && answer.ValueKind == JsonValueKind.Object)
            {
                var accepted = answer.GetProperty("accepted").GetBoolean();
                var error = answer.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                if (accepted && call.MustRefuse)
                    run.Fail($"Hub accepted a sheet no page allows ({call.Kind ?? call.Label})", Short(answer.ToString()), null, name);
                if (accepted)
                    await ForgetSheetAsync(answer, name);
                else if (error is null || !CjkPattern().IsMatch(error))
                    run.Fail("Hub refusal without a localized message", Short(answer.ToString()), null, name);
            }
        }
        catch (JsonException)
        {
            // The client library would not write it (nested too deep): nothing was sent.
        }
        catch (HubException)
        {
            // The hub's refusal of a call it cannot bind: the connection stays, nothing was done.
        }
        catch (TimeoutException)
        {
            run.Fail("Hub call unanswered", $"no answer within {CallLimit.TotalSeconds} s", null, name);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            if (!call.MayClose) run.Fail("Hub dropped the connection", $"{ex.GetType().Name}: {ex.Message}", null, name);
        }
        foreach (var error in host.Errors.Since(logged))
            run.Fail($"Hub call logged at {error.Level}: {error.Category}: {Verdicts.Template(error.Message)}",
                error.Exception is { } x ? $"{x.GetType().Name}: {Short(x.Message)}" : Short(error.Message), null, name);
        return connection;
    }

    /// <summary>
    /// An accepted sheet is checked for what its comment kept, then removed again, so that the next call meets the same
    /// stage (one sheet per judge and entry).
    /// </summary>
    private async Task ForgetSheetAsync(JsonElement answer, string call)
    {
        if (!answer.TryGetProperty("sheetId", out var id) || id.ValueKind != JsonValueKind.Number) return;
        var comment = await host.WithDbAsync(db => db.ScoreSheets.Where(s => s.Id == id.GetInt32()).Select(s => s.Comment).SingleOrDefaultAsync());
        foreach (var problem in StoredData.Problems("Comment", comment ?? "", []))
            run.Fail($"Stored {problem} in ScoreSheets.Comment (through the stage hub)", Short(comment ?? ""), null, call);
        await host.WithDbAsync(db => db.ScoreSheets.Where(s => s.Id == id.GetInt32()).ExecuteDeleteAsync());
    }

    /// <summary>The peer judge can still call, and the spectator still hears the stage.</summary>
    private async Task CheckOthersAsync(HubConnection peer, HubConnection spectator, SemaphoreSlim heard, HubStage stage, string when)
    {
        calls += 2;
        try
        {
            var joined = await peer.InvokeAsync<JsonElement>(nameof(StageHub.JoinStage), stage.SessionId).WaitAsync(CallLimit);
            if (joined.GetProperty("stage").ValueKind != JsonValueKind.Object)
                run.Fail("Other client affected: the peer judge cannot join the stage", joined.ToString(), null, when);
        }
        catch (Exception ex) when (ex is HubException or TimeoutException or InvalidOperationException)
        {
            run.Fail("Other client affected: the peer judge's call failed", $"{ex.GetType().Name}: {ex.Message}", null, when);
        }
        while (heard.CurrentCount > 0) await heard.WaitAsync();
        host.Services.GetRequiredService<StageBroadcaster>().Publish(stage.SessionId);
        if (spectator.State != HubConnectionState.Connected || !await heard.WaitAsync(TimeSpan.FromSeconds(15)))
            run.Fail("Other client affected: the spectator stopped hearing the stage", spectator.State.ToString(), null, when);
    }

    /// <summary>The signed-in pages' hub has no methods: anything called on it is refused, and staff still hear the outbox.</summary>
    private async Task LiveHubAsync()
    {
        var email = TestUsers.NewEmail("staff");
        await host.CreateUserAsync(email, TestUsers.DemoPassword, "值班组织者", roles: Roles.Organizer);
        using var browser = new Browserless(host.ServerAddress);
        await browser.SignInAsync(email);
        await using var staff = Connect(LiveHub.Path, browser);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        staff.On<JsonElement>(LiveEvents.OutboxChanged, _ => received.TrySetResult());
        await staff.StartAsync();
        await using var fuzz = Connect(LiveHub.Path, browser);
        await fuzz.StartAsync();
        foreach (var (method, args) in new (string, string[])[]
                 {
                     ("Nope", []), ("OnConnectedAsync", []), ("OnDisconnectedAsync", ["null"]), ("Dispose", []), ("AddToGroupAsync", ["\"staff\""]),
                     ("Nope", [.. Enumerable.Range(0, 100).Select(i => i.ToString(CultureInfo.InvariantCulture))]),
                 })
        {
            var call = new Call($"{method}({args.Length} arguments)", method, args, false);
            var connection = await CallAsync(fuzz, browser, call);
            if (!ReferenceEquals(connection, fuzz)) break;
        }
        var outbox = host.Services.GetRequiredService<LiveEvents>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!received.Task.IsCompleted && !limit.IsCancellationRequested)
        {
            await outbox.ToStaffAsync(LiveEvents.OutboxChanged, new OutboxStatus(0, 0, 0, 1));
            await Task.WhenAny(received.Task, Task.Delay(250));
        }
        calls++;
        if (!received.Task.IsCompleted) run.Fail("Other client affected: staff stopped hearing the outbox", "", null, "live hub");
    }

    private static string Short(string text) => FuzzRequest.Show(text, 200);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex CjkPattern();
}
