using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Matchmaking;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>
/// Malformed input against the whole site, as an attacker or a careless person sends it: every form found by walking
/// the site as each demo role, every route with an id, the API, headers and the SignalR hubs. Seeded and bounded (a
/// few thousand requests, a few minutes on two cores); the seed is printed and <c>FUZZ_SEED</c> repeats a run. On
/// failure each cause is printed with requests that can be sent again as they stand.
/// </summary>
public sealed class FuzzTests(FuzzTests.Site site, ITestOutputHelper output) : IClassFixture<FuzzTests.Site>
{
    private const int VariantsPerForm = 40;

    /// <summary>The app, the arranged data, one signed-in client per role and the map of the site they walked.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public static readonly (string Role, string? Email)[] Roles =
        [
            ("anonymous", null), ("contestant", TestUsers.DemoContestant), ("investor", DemoInvestorSeed.Email),
            ("judge", TestUsers.DemoJudge), ("organizer", TestUsers.DemoOrganizer), ("admin", TestUsers.DemoAdmin),
        ];

        public FuzzHost Host { get; } = new();
        public FuzzRun Run { get; private set; } = null!;
        public SiteMap Map { get; } = new();
        public Mutations Mutations { get; } = new();
        public Dictionary<string, FuzzClient> Clients { get; } = [];
        public TimeSpan CrawlTime { get; private set; }

        public async Task InitializeAsync()
        {
            Run = new FuzzRun(Host, FuzzRun.SeedFromEnvironment());
            var scenario = await FuzzScenario.ArrangeAsync(Host);
            var clock = Stopwatch.StartNew();
            foreach (var (role, email) in Roles)
            {
                var client = new FuzzClient(Run, role, email);
                await client.SignInAsync();
                Clients[role] = client;
                await Map.CrawlAsync(client, email is null ? SiteMap.CommonStarts : [.. SiteMap.CommonStarts, .. SiteMap.SignedInStarts]);
            }
            // The confirm steps of advancement and awards appear once a quota and a prize plan are saved: save them as the
            // organizer would, through the pages' own forms, and read those pages again.
            var organizer = Clients["organizer"];
            await SubmitAsync(organizer, scenario.AdvancementUrl, "/quota", ("Quota", "3"));
            await SubmitAsync(organizer, scenario.AwardsUrl, "/plan", ("FirstPrizes", "1"), ("SecondPrizes", "1"), ("ThirdPrizes", "1"), ("ExcellencePrizes", "0"));
            await Map.CrawlAsync(organizer, [scenario.AdvancementUrl, scenario.AwardsUrl]);
            CrawlTime = clock.Elapsed;
        }

        private async Task SubmitAsync(FuzzClient client, string page, string action, params (string Name, string Value)[] values)
        {
            var html = (await client.GetAsync("GET " + FuzzRun.Shape(page), "crawl", page)).Body;
            var form = SiteMap.FormsOf(client.Role, page, html).First(f => f.Action.EndsWith(action, StringComparison.Ordinal));
            var request = Mutations.Baseline(form, Run.RandomFor(form.Target));
            request = request with { Parts = request.Parts.Select(p => values.FirstOrDefault(v => v.Name == p.Name) is { Name: not null } v ? p with { Value = v.Value } : p).ToList() };
            var saved = await client.SendAsync(request);
            if (saved.Status != HttpStatusCode.Redirect) throw new InvalidOperationException($"Saving {page}{action} answered {(int)saved.Status}.");
        }

        public async Task DisposeAsync()
        {
            foreach (var client in Clients.Values) client.Dispose();
            await Host.DisposeAsync();
        }
    }

    private FuzzRun Run => site.Run;

    [Fact]
    public async Task Crawl_ReachesFormsOfEveryRoleWithoutServerErrors_WhenSignedInAsEachDemoRole()
    {
        var from = Run.Findings.Count;
        var verdicts = new Verdicts(Run);
        var crawl = Run.Exchanges.Where(e => e.Request.Label == "crawl").ToList();
        foreach (var exchange in crawl) await verdicts.CheckAsync(site.Clients[exchange.Role], exchange);

        var coverage = new StringBuilder();
        foreach (var (role, _) in Site.Roles)
        {
            var forms = site.Map.Forms.Where(f => f.Role == role).ToList();
            coverage.AppendLine(CultureInfo.InvariantCulture, $"{role}: {site.Map.Pages.Count(p => p.Role == role)} pages, {forms.Count} forms");
            foreach (var form in forms) coverage.AppendLine(CultureInfo.InvariantCulture, $"   {form.Target}  (on {form.Page})");
        }
        var report = Run.Report("crawl", from, crawl.Count, site.CrawlTime) + Environment.NewLine + coverage;
        Print("crawl", report);

        // A fuzzer that reaches nothing proves nothing: each role that signs in must meet the forms of its work.
        Assert.All(Site.Roles.Where(r => r.Email is not null), r => Assert.Contains(site.Map.Forms, f => f.Role == r.Role && !f.Action.StartsWith("/culture", StringComparison.Ordinal) && !f.Action.StartsWith("/account/logout", StringComparison.Ordinal)));
        Assert.True(site.Map.Forms.Count(f => f.Role == "organizer") >= 30, report);
        Assert.True(Run.Findings.Count == from, report);
    }

    [Fact]
    public async Task Forms_AnswerEveryMalformedPostWithA4xxOrAMessage_WhenFuzzed()
    {
        var from = Run.Findings.Count;
        var requests = Run.Requests;
        var clock = Stopwatch.StartNew();
        var verdicts = new Verdicts(Run);
        var stored = await StoredData.ScanAsync(site.Host);

        var done = new HashSet<string>();
        foreach (var (role, _) in Site.Roles)
        {
            var client = site.Clients[role];
            // Forms that end something go last, signing out the very last: the rest of the role's forms still meet their data.
            var forms = site.Map.Forms.Where(f => f.Role == role && done.Add(f.Target))
                .OrderBy(f => f.Action.StartsWith("/account/logout", StringComparison.Ordinal)).ThenBy(f => f.Destructive).ToList();
            foreach (var form in forms)
            {
                var random = Run.RandomFor(form.Target);
                var baseline = Mutations.Baseline(form, random);
                client.ForgetMessages();
                var first = await client.SendAsync(baseline);
                await verdicts.CheckAsync(client, first);
                if (form.Method == "POST" && first.Status == HttpStatusCode.BadRequest)
                    Run.Fail("Form refused as the page holds it (400)", $"found on {form.Page}" + (form.Token is null ? ", which gives it no antiforgery token" : ""), first);
                if (!await StaySignedInAsync(client, first)) break;
                foreach (var variant in site.Mutations.For(form, random, VariantsPerForm))
                {
                    // A filter (GET) may ignore what it cannot use; a post must refuse it.
                    var request = Mutations.Fresh(variant.Apply(baseline)) with
                    {
                        Kind = variant.Kind, Label = variant.Label, MustRefuse = variant.MustRefuse && form.Method == "POST", Baseline = first.Status,
                    };
                    client.ForgetMessages();
                    var exchange = await client.SendAsync(request);
                    await verdicts.CheckAsync(client, exchange);
                    if (!await StaySignedInAsync(client, exchange)) break;
                }
            }
        }
        await FindStoredAsync(stored);
        Finish("forms", from, Run.Requests - requests, clock.Elapsed);
    }

    [Fact]
    public async Task Routes_AnswerMalformedIdsQueriesAndHeadersWithoutServerErrors_WhenFuzzed()
    {
        var from = Run.Findings.Count;
        var requests = Run.Requests;
        var clock = Stopwatch.StartNew();
        var verdicts = new Verdicts(Run);
        var stored = await StoredData.ScanAsync(site.Host);
        var routes = new RouteFuzzer(Run, verdicts, site.Clients);
        await routes.IdsAsync(site.Map.Pages);
        await routes.ApiAsync();
        await routes.HeadersAsync(site.Map.Pages, site.Map.Forms);
        await FindStoredAsync(stored);
        Finish("routes, API and headers", from, Run.Requests - requests, clock.Elapsed);
    }

    [Fact]
    public async Task Hubs_RefuseMalformedCallsAndKeepOtherClientsServed_WhenFuzzed()
    {
        var from = Run.Findings.Count;
        var logged = site.Host.Errors.Count;
        var clock = Stopwatch.StartNew();
        var stored = await StoredData.ScanAsync(site.Host);
        var hubs = new HubFuzzer(Run, site.Host, site.Mutations);
        var calls = await hubs.RunAsync();
        foreach (var error in site.Host.Errors.Since(logged).Where(e => e.Request == 0))
            Run.Fail($"Logged at {error.Level} during hub calls: {error.Category}: {Verdicts.Template(error.Message)}",
                error.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message}" : error.Message, null, "hub calls");
        await FindStoredAsync(stored);
        Finish("hubs", from, calls, clock.Elapsed);
    }

    /// <summary>A fuzzed form may end the session (sign-out, a lost role): sign in again, or stop this role when the account is gone.</summary>
    private static async Task<bool> StaySignedInAsync(FuzzClient client, Exchange exchange)
    {
        if (client.Email is null || exchange.Location?.Contains("/account/login", StringComparison.Ordinal) != true) return true;
        try
        {
            await client.SignInAsync();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What the run left in the database that no input should have produced, named by the request that wrote it where a marker says.</summary>
    private async Task FindStoredAsync(HashSet<StoredOffence> before)
    {
        foreach (var offence in (await StoredData.ScanAsync(site.Host)).Where(o => !before.Contains(o)))
        {
            var owner = site.Mutations.OwnerOf(offence.Value);
            Run.Fail($"Stored {offence.Problem.Split(" (")[0]} in {offence.Table}.{offence.Column}",
                $"row {offence.Row}: {FuzzRequest.Show(offence.Value, 80)} ({offence.Problem})", null, owner ?? $"{offence.Table} row {offence.Row}");
        }
    }

    private void Finish(string phase, int from, int count, TimeSpan elapsed)
    {
        var report = Run.Report(phase, from, count, elapsed);
        Print(phase, report);
        Assert.True(Run.Findings.Count == from, report);
    }

    private void Print(string phase, string report)
    {
        output.WriteLine(report);
        var file = Path.Combine(Path.GetTempPath(), $"competitionhub-fuzz-{phase.Split(',')[0]}-{Run.Seed}.txt");
        File.WriteAllText(file, report);
        output.WriteLine("Report written to " + file);
    }
}
