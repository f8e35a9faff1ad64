using System.Net;
using BenchmarkDotNet.Attributes;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Benchmarks.OrganizerPages;

/// <summary>
/// The organizer pages timed, each against a bare query of the rows it shows. <see cref="OrganizerPage.Corrections"/>
/// (the contest's pending score corrections: none) is an almost empty page, whose GET is the fixed cost of any of them:
/// the cookie, the access policy, the layout, the localized text, the antiforgery tokens.
/// </summary>
public enum OrganizerPage
{
    Review, Progress, JudgePool, Assignment, AssignmentPreview, Advancement, Conflicts, Awards, Signups, Audit, Results, Corrections,
}

/// <summary>
/// Each organizer page of a large contest, fetched by a signed-in organizer through the real app (an HTTP GET through
/// the app host: routing, the access policy, the page's queries and the Razor view), against a bare EF query that reads
/// the rows that page shows (one page of 50) in the same run. The contest of each size (<see cref="OrganizerPageSeed"/>)
/// is filled once into a file before BenchmarkDotNet starts; the app runs on a copy of it. Each page's response size is
/// printed once (<c>// Figures …</c>).
/// </summary>
public class OrganizerPageBenchmarks
{
    public const int Judges = OrganizerPageSeed.Judges;

    /// <summary>Narrows a run (e.g. to re-take the figures a stopped run lacks): <c>CHUB_BENCH_ENTRIES=10000</c>, <c>CHUB_BENCH_PAGES=Awards,Audit</c>.</summary>
    public const string EntriesVariable = "CHUB_BENCH_ENTRIES", PagesVariable = "CHUB_BENCH_PAGES";

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    [ParamsSource(nameof(AllPages))]
    public OrganizerPage Page { get; set; }

    public static IEnumerable<int> Sizes => Chosen(EntriesVariable, s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)) ?? OrganizerPageSeed.Sizes;

    public static IEnumerable<OrganizerPage> AllPages => Chosen(PagesVariable, Enum.Parse<OrganizerPage>) ?? Enum.GetValues<OrganizerPage>();

    private static IEnumerable<T>? Chosen<T>(string variable, Func<string, T> parse) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)]
            : null;

    /// <summary>One app per size, shared by every page's benchmark in the process.</summary>
    private static readonly Dictionary<int, Seeded> Hosts = [];

    private Seeded seeded = null!;
    private string url = "";

    private sealed class Host : BenchmarkApp
    {
        public Host(string dataPath) : base(DatabaseProvider.Sqlite, dataPath)
        {
            With("Hangfire:Server", "false");
            With("Logging:LogLevel:Default", "Warning");
        }
    }

    private sealed record Seeded(Host Host, HttpClient Organizer, string DataPath, int ContestId, int TrackId, int RoundId, int WeekId, int EventId);

    [GlobalSetup]
    public void Setup()
    {
        if (!Hosts.TryGetValue(Entries, out var s))
        {
            s = OpenAsync(Entries).GetAwaiter().GetResult();
            Hosts[Entries] = s;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                s.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
                try { Directory.Delete(s.DataPath, recursive: true); } catch (IOException) { }
            };
        }
        seeded = s;
        url = Page switch
        {
            OrganizerPage.Review => $"/manage/contests/{s.ContestId}/entries",
            OrganizerPage.Progress => $"/manage/rounds/{s.RoundId}/progress",
            OrganizerPage.JudgePool => $"/manage/contests/{s.ContestId}/judges",
            OrganizerPage.Assignment => $"/manage/rounds/{s.RoundId}/assignment",
            OrganizerPage.AssignmentPreview => $"/manage/rounds/{s.RoundId}/assignment/preview?K={Judges}&Seed=1",
            OrganizerPage.Advancement => $"/manage/contests/{s.ContestId}/rounds/{s.RoundId}/advancement",
            OrganizerPage.Conflicts => $"/manage/contests/{s.ContestId}/conflicts",
            OrganizerPage.Awards => $"/manage/contests/{s.ContestId}/awards",
            OrganizerPage.Signups => $"/manage/activity-weeks/{s.WeekId}/events/{s.EventId}",
            OrganizerPage.Audit => $"/manage/contests/{s.ContestId}/audit",
            OrganizerPage.Results => $"/manage/contests/{s.ContestId}/rounds/{s.RoundId}/results",
            OrganizerPage.Corrections => $"/manage/contests/{s.ContestId}/corrections",
            _ => throw new ArgumentOutOfRangeException(nameof(Page)),
        };
        var bytes = GetPage().GetAwaiter().GetResult();
        var rows = Bare().GetAwaiter().GetResult();
        Console.WriteLine($"// Figures {Page} at {Entries} entries: {bytes:N0} bytes ({bytes / 1024.0:0.0} KB{(bytes > 1 << 20 ? ", OVER 1 MB" : "")}), bare query {rows} rows");
    }

    [Benchmark(Baseline = true, Description = "Bare SELECT of the rows the page shows")]
    public async Task<int> Bare()
    {
        await using var scope = seeded.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = seeded;
        return Page switch
        {
            OrganizerPage.Review or OrganizerPage.Progress or OrganizerPage.Advancement or OrganizerPage.Awards or OrganizerPage.Results =>
                (await db.Entries.AsNoTracking().Where(e => e.ContestId == s.ContestId).OrderBy(e => e.Id).Take(50)
                    .Select(e => new { e.Id, e.Title, Team = e.Team.Name, e.Status, e.Industry }).ToListAsync()).Count,
            OrganizerPage.JudgePool => (await db.ContestJudges.AsNoTracking().Where(j => j.ContestId == s.ContestId).OrderBy(j => j.Email)
                .Take(50).Select(j => new { j.Id, j.Email, j.Name, j.Status, j.MaxLoad }).ToListAsync()).Count,
            OrganizerPage.Assignment or OrganizerPage.AssignmentPreview =>
                (await (from e in db.Entries.AsNoTracking().Where(e => e.ContestId == s.ContestId).OrderBy(e => e.Id).Take(50)
                        join a in db.ReviewAssignments.Where(a => a.RoundId == s.RoundId) on e.Id equals a.EntryId
                        select new { e.Id, e.Title, a.JudgeUserId, a.Source }).ToListAsync()).Count,
            OrganizerPage.Conflicts => (await db.Conflicts.AsNoTracking().Where(c => c.ContestId == s.ContestId).OrderBy(c => c.Id).Take(50)
                .Select(c => new { c.Id, c.JudgeUserId, c.EntryId, c.Type, c.Reason }).ToListAsync()).Count,
            OrganizerPage.Signups => (await db.EventSignups.AsNoTracking().Where(x => x.EventId == s.EventId).OrderBy(x => x.Id).Take(50)
                .Select(x => new { x.Id, x.User.DisplayName, x.User.Email, x.Status, x.TicketCode }).ToListAsync()).Count,
            OrganizerPage.Audit => (await db.AuditEntries.AsNoTracking().Where(a => a.ContestId == s.ContestId)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(50).ToListAsync()).Count,
            OrganizerPage.Corrections => (await db.ScoreCorrections.AsNoTracking().Where(c => c.Status == CorrectionStatus.Pending)
                .OrderBy(c => c.RequestedAt).Take(50).ToListAsync()).Count,
            _ => throw new ArgumentOutOfRangeException(nameof(Page)),
        };
    }

    [Benchmark(Description = "GET the page as the organizer")]
    public Task<int> Get() => GetPage();

    private async Task<int> GetPage()
    {
        using var response = await seeded.Organizer.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>
    /// The app on a copy of the seeded file in a data folder of its own (so no page run changes the file later runs
    /// reuse), with the organizer signed in through the login form.
    /// </summary>
    private static async Task<Seeded> OpenAsync(int entries)
    {
        var file = OrganizerPageSeed.FileFor(entries);
        if (!File.Exists(file))
            throw new InvalidOperationException($"{file} is missing: fill it with `organizer-seed --entries {entries}` (a run with --filter '*OrganizerPage*' does so by itself).");
        var dataPath = Path.Combine(Path.GetTempPath(), "chub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        File.Copy(file, Path.Combine(dataPath, "competitionhub.db"));
        File.Copy(OrganizerPageSeed.CertificateFor(entries), Path.Combine(dataPath, KeyProtection.DefaultFile));
        var host = new Host(dataPath);
        var ids = await host.WithDbAsync(async db =>
        {
            var contest = await db.Contests.AsNoTracking().Where(c => c.Slug == OrganizerPageSeed.ContestSlug(entries))
                .Select(c => new { c.Id, Track = c.Tracks.Single().Id, Round = c.Rounds.Single().Id }).SingleAsync();
            var week = await db.Contests.AsNoTracking().Where(c => c.Slug == OrganizerPageSeed.WeekSlug(entries))
                .Select(c => new { c.Id, Event = db.ActivityEvents.Single(e => e.ContestId == c.Id).Id }).SingleAsync();
            return new Seeded(host, null!, dataPath, contest.Id, contest.Track, contest.Round, week.Id, week.Event);
        });
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(OrganizerPageSeed.OrganizerEmail, OrganizerPageSeed.Password);
        return ids with { Organizer = client };
    }
}
