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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Benchmarks.OrganizerPages;

/// <summary>The organizer pages timed, each against a bare query of the rows it shows.</summary>
public enum OrganizerPage
{
    Review, Progress, JudgePool, Assignment, AssignmentPreview, Advancement, Conflicts, Awards, Signups, Audit, Results,
}

/// <summary>
/// Each organizer page of a large contest, fetched by a signed-in organizer through the real app (an HTTP GET through
/// the app host: routing, the access policy, the page's queries and the Razor view), against a bare EF query that reads
/// the rows that page shows (one page of 50) in the same run. The contest is seeded once per size, straight into the
/// database: <see cref="Entries"/> approved entries, 5 accepted judges each assigned every entry with a submitted score
/// sheet, a conflict per 50 entries, an audit row per entry, an advancement quota and an award plan, and an Activity
/// Week event with one sign-up per 10 entries. Each page's response size is printed once (<c>// Figures …</c>).
/// </summary>
public class OrganizerPageBenchmarks
{
    public const int Judges = 5;
    private const string Password = "Bench2027!";

    [Params(2_500, 10_000)]
    public int Entries { get; set; }

    [ParamsSource(nameof(AllPages))]
    public OrganizerPage Page { get; set; }

    public static IEnumerable<OrganizerPage> AllPages => Enum.GetValues<OrganizerPage>();

    /// <summary>One seeded app per size, shared by every page's benchmark in the process (seeding is most of a run).</summary>
    private static readonly Dictionary<int, Seeded> Hosts = [];

    private Seeded seeded = null!;
    private string url = "";

    private sealed class Host : BenchmarkApp
    {
        public Host() : base(DatabaseProvider.Sqlite)
        {
            With("Hangfire:Server", "false");
            With("Logging:LogLevel:Default", "Warning");
        }
    }

    private sealed record Seeded(Host Host, HttpClient Organizer, int ContestId, int TrackId, int RoundId, int WeekId, int EventId);

    [GlobalSetup]
    public void Setup()
    {
        if (!Hosts.TryGetValue(Entries, out var s))
        {
            s = SeedAsync(Entries).GetAwaiter().GetResult();
            Hosts[Entries] = s;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => s.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
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

    /// <summary>The contest of <paramref name="entries"/> entries, written in batches with change tracking off.</summary>
    private static async Task<Seeded> SeedAsync(int entries)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var host = new Host();
        var organizerEmail = TestUsers.NewEmail("bench-org");
        var organizer = await host.CreateUserAsync(organizerEmail, Password, "基准组织者", roles: Roles.Organizer);
        var judges = new List<AppUser>();
        for (var j = 0; j < Judges; j++)
            judges.Add(await host.CreateUserAsync(TestUsers.NewEmail("bench-judge"), Password, $"基准评委{j + 1}", roles: Roles.Judge));

        var random = new Random(2027);
        var start = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        int contestId = 0, trackId = 0, roundId = 0, weekId = 0, eventId = 0;
        var entryIds = new List<int>();
        await host.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var lead = await db.Departments.OrderBy(d => d.Id).FirstAsync();
            var contest = new Contest
            {
                Slug = "pages-bench-" + entries, Name = "页面基准赛事", NameEn = "Page benchmark contest", Kind = ContestKind.Competition,
                EditionYear = 2027, LeadDepartmentId = lead.Id, IsPublished = true,
            };
            contest.Organizers.Add(new ContestOrganizer { UserId = organizer.Id, AssignedAt = start });
            var track = new ContestTrack { Code = "main", Name = "创新组", NameEn = "Innovation" };
            var round = new Round
            {
                Sequence = 1, Name = "网络评审", NameEn = "Online review", Kind = RoundKind.OnlineReview,
                // Still scoring: a closed round refuses a preview, and the preview is one of the pages timed.
                Status = RoundStatus.Scoring,
            };
            round.Criteria.Add(new RubricCriterion { Sequence = 1, Name = "评分项", NameEn = "Criterion", MaxPointsHundredths = 10000 });
            contest.Tracks.Add(track);
            contest.Rounds.Add(round);
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            foreach (var judge in judges)
                db.ContestJudges.Add(new ContestJudge
                {
                    ContestId = contest.Id, Email = judge.Email!, UserId = judge.Id, Status = JudgeStatus.Accepted, InvitedAt = start,
                    AnsweredAt = start, InvitedByUserId = organizer.Id,
                });
            await db.SaveChangesAsync();
            (contestId, trackId, roundId) = (contest.Id, track.Id, round.Id);
            var criterion = round.Criteria[0].Id;
            db.ChangeTracker.Clear();

            for (var i = 0; i < entries; i += 1000)
            {
                var batch = Enumerable.Range(i, Math.Min(1000, entries - i)).Select(n => new Entry
                {
                    ContestId = contestId, TrackId = trackId, Team = new Team { Name = $"基准团队{n}", CreatedAt = start },
                    Title = $"基准项目{n}", Industry = n % 3 == 0 ? "生物医药" : "新一代信息技术", Status = EntryStatus.Approved,
                    ContactName = "联系人", ContactEmail = $"team{n}@example.com", ContactPhone = "13800000000",
                    CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddMinutes(n),
                }).ToList();
                db.Entries.AddRange(batch);
                db.AuditEntries.AddRange(batch.Select((e, k) => new AuditEntry
                {
                    At = start.AddMinutes(i + k), ContestId = contestId, UserId = organizer.Id, UserName = "基准组织者",
                    EntityType = "Entry", EntityId = "0", Action = "Approved", After = "{\"status\":\"Approved\"}",
                }));
                await db.SaveChangesAsync();
                entryIds.AddRange(batch.Select(e => e.Id));
                db.ChangeTracker.Clear();
            }

            for (var i = 0; i < entryIds.Count; i++)
            {
                var quality = random.Next(4000, 9000);
                foreach (var judge in judges)
                {
                    var points = Math.Clamp(quality + random.Next(-1000, 1001), 0, 10000) / 50 * 50;
                    db.ReviewAssignments.Add(new ReviewAssignment
                    {
                        RoundId = roundId, EntryId = entryIds[i], JudgeUserId = judge.Id, Source = AssignmentSource.Auto, AssignedAt = start,
                        NotifiedAt = start,
                    });
                    db.ScoreSheets.Add(new ScoreSheet
                    {
                        RoundId = roundId, EntryId = entryIds[i], JudgeUserId = judge.Id, SubmissionId = Guid.NewGuid(),
                        Status = SheetStatus.Submitted, Lines = [new ScoreLine { CriterionId = criterion, PointsHundredths = points }],
                        TotalHundredths = points, EffectiveTotalHundredths = points, CreatedAt = start, UpdatedAt = start,
                        SubmittedAt = start.AddDays(10),
                    });
                }
                if (i % 50 == 0)
                    db.Conflicts.Add(new Conflict
                    {
                        ContestId = contestId, JudgeUserId = judges[i / 50 % Judges].Id, EntryId = entryIds[i], Type = ConflictType.Other,
                        Source = ConflictSource.Organizer, Reason = "基准回避", CreatedAt = start, CreatedByUserId = organizer.Id,
                    });
                if (i % 1000 == 999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            db.TrackAdvancements.Add(new TrackAdvancement { RoundId = roundId, TrackId = trackId, Quota = entries / 10, UpdatedAt = start });
            db.AwardPlans.Add(new AwardPlan
            {
                ContestId = contestId, RoundId = roundId, TrackId = trackId, FirstPrizes = 10, SecondPrizes = 20, ThirdPrizes = 30,
                ExcellencePrizes = 100, UpdatedAt = start,
            });

            var week = new Contest
            {
                Slug = "pages-bench-week-" + entries, Name = "页面基准活动周", NameEn = "Page benchmark week", Kind = ContestKind.ActivityWeek,
                EditionYear = 2027, LeadDepartmentId = lead.Id, IsPublished = true,
            };
            week.Organizers.Add(new ContestOrganizer { UserId = organizer.Id, AssignedAt = start });
            db.Contests.Add(week);
            await db.SaveChangesAsync();
            weekId = week.Id;
            var people = entries / 10;
            var ev = new ActivityEvent
            {
                ContestId = weekId, Title = "基准论坛", Venue = "长春", StartsAt = start.AddDays(30), EndsAt = start.AddDays(30).AddHours(2),
                Capacity = people / 2, IsPublished = true, CreatedAt = start, UpdatedAt = start,
            };
            db.ActivityEvents.Add(ev);
            await db.SaveChangesAsync();
            eventId = ev.Id;
            db.ChangeTracker.Clear();
            for (var n = 0; n < people; n++)
            {
                var email = $"bench-guest{n}-{entries}@example.com";
                var user = new AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, DisplayName = $"参会者{n}", CreatedAt = start, SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                db.Users.Add(user);
                var seat = n < people / 2;
                db.EventSignups.Add(new EventSignup
                {
                    EventId = eventId, UserId = user.Id, User = user, CreatedAt = start, Status = seat ? SignupStatus.Confirmed : SignupStatus.Waitlisted,
                    Seat = seat ? n + 1 : null, WaitlistPosition = seat ? null : n - people / 2 + 1,
                    TicketToken = Tickets.NewToken(), TicketCode = Tickets.NewCode(),
                });
            }
            await db.SaveChangesAsync();
        });

        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(organizerEmail, Password);
        Console.WriteLine($"// Seeded {entries:N0} entries × {Judges} judges in {started.Elapsed.TotalSeconds:0.0} s");
        return new Seeded(host, client, contestId, trackId, roundId, weekId, eventId);
    }
}
