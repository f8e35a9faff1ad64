using System.Text.RegularExpressions;
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
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Benchmarks.OrganizerPages;

/// <summary>
/// The large contest the organizer pages are timed on, one SQLite file per size under BenchmarkDotNet.Artifacts/, filled
/// once outside BenchmarkDotNet (by <c>organizer-seed</c>, or by Program.cs before a run that selects the pages) and only
/// ever copied by the benchmark. Filling it inside [GlobalSetup] took ~10 min at 10,000 entries, longer than the
/// in-process toolchain allows a setup.
/// </summary>
public static class OrganizerPageSeed
{
    /// <summary>The shape of the seed: raise it whenever <see cref="FillAsync"/> writes something else, so old files are not reused.</summary>
    public const int Version = 3;

    public const int Judges = 5;
    public const string Password = "Bench2027!";
    public const string OrganizerEmail = "pages-bench-organizer@example.com";

    public static readonly int[] Sizes = [2_500, 10_000];

    public static string FileFor(int entries) =>
        Path.Combine(ResultsFolder.ProjectFolder, "BenchmarkDotNet.Artifacts", $"organizer-pages-v{Version}-{entries}.db");

    /// <summary>
    /// The certificate the file's Data Protection keys are encrypted with (the app keeps the keys in the database and the
    /// certificate in its data folder): a copy of the file started without it logs an unreadable key on every key read.
    /// </summary>
    public static string CertificateFor(int entries) => Path.ChangeExtension(FileFor(entries), ".pfx");

    public static string ContestSlug(int entries) => $"pages-bench-{entries}";
    public static string WeekSlug(int entries) => $"pages-bench-week-{entries}";

    /// <summary><c>organizer-seed [--entries N]</c>: fills the file of one size, or of every size, anew.</summary>
    public static async Task<int> RunCommandAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--entries");
        int[] sizes = i >= 0 && i + 1 < args.Length ? [int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture)] : Sizes;
        foreach (var entries in sizes)
            await FillAsync(entries);
        return 0;
    }

    /// <summary>Before BenchmarkDotNet starts: fills the files a run of <see cref="OrganizerPageBenchmarks"/> needs and lacks.</summary>
    public static async Task EnsureForRunAsync(string[] args)
    {
        if (!SelectsOrganizerPages(args))
            return;
        foreach (var entries in OrganizerPageBenchmarks.Sizes)
        {
            if (await IsUsableAsync(entries))
                Console.WriteLine($"// Organizer pages at {entries:N0} entries: reusing {FileFor(entries)} (delete it, or run organizer-seed, to refill)");
            else
                await FillAsync(entries);
        }
    }

    /// <summary>Whether a <c>--filter</c> pattern (BenchmarkDotNet's glob over the full name) picks the organizer pages.</summary>
    private static bool SelectsOrganizerPages(string[] args)
    {
        var name = typeof(OrganizerPageBenchmarks).FullName + ".Get";
        var patterns = new List<string>();
        for (var i = Array.IndexOf(args, "--filter") + 1; i > 0 && i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
            patterns.Add(args[i]);
        return patterns.Any(p => Regex.IsMatch(name, "^" + Regex.Escape(p).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase));
    }

    /// <summary>A file of this version exists and the app has no migration it lacks (else the host would migrate the copy).</summary>
    private static async Task<bool> IsUsableAsync(int entries)
    {
        if (!File.Exists(FileFor(entries)) || !File.Exists(CertificateFor(entries)))
            return false;
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={FileFor(entries)};Mode=ReadOnly;Pooling=False").Options);
        var pending = (await db.Database.GetPendingMigrationsAsync()).Any();
        if (pending)
            Console.WriteLine($"// {FileFor(entries)} lacks the app's newest migrations: filling it anew");
        return !pending;
    }

    /// <summary>
    /// Starts the app once on a scratch data folder (it migrates and adds its first-start data, as a first install does),
    /// creates the organizer and judges through Identity, writes the contest in one transaction on a context of its own
    /// (no interceptors, change detection off), and compacts the result into <see cref="FileFor"/>.
    /// </summary>
    public static async Task FillAsync(int entries)
    {
        var target = FileFor(entries);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var scratch = Path.Combine(Path.GetDirectoryName(target)!, $"organizer-pages-fill-{Guid.NewGuid():N}");
        var total = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            string organizerId;
            var judgeIds = new List<string>();
            await using (var host = new BenchmarkApp(DatabaseProvider.Sqlite, scratch))
            {
                host.With("Hangfire:Server", "false").With("Logging:LogLevel:Default", "Warning");
                organizerId = (await host.CreateUserAsync(OrganizerEmail, Password, "基准组织者", roles: Roles.Organizer)).Id;
                for (var j = 0; j < Judges; j++)
                    judgeIds.Add((await host.CreateUserAsync($"pages-bench-judge{j + 1}@example.com", Password, $"基准评委{j + 1}", roles: Roles.Judge)).Id);
            }
            SqliteConnection.ClearAllPools();
            var started = total.Elapsed;

            var rows = await WriteContestAsync(Path.Combine(scratch, "competitionhub.db"), entries, organizerId, judgeIds);
            var written = total.Elapsed - started;

            var partial = target + ".part";
            File.Delete(partial);
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(scratch, "competitionhub.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", partial);
                await vacuum.ExecuteNonQueryAsync();
            }
            File.Copy(Path.Combine(scratch, KeyProtection.DefaultFile), CertificateFor(entries), overwrite: true);
            File.Move(partial, target, overwrite: true);
            Console.WriteLine($"// Seeded {entries:N0} entries × {Judges} judges ({rows:N0} rows) in {written.TotalSeconds:0.0} s of inserts, " +
                $"{total.Elapsed.TotalSeconds:0.0} s with the app's first start and the copy: {target} ({new FileInfo(target).Length / 1048576.0:0.0} MB)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The contest the README describes: approved entries in one track, every judge accepted and assigned every entry with
    /// a submitted sheet, an organizer conflict per 50 entries, an audit row per entry, a quota and an award plan, the round
    /// still scoring (a closed round refuses a preview, one of the pages timed), and an Activity Week event with one
    /// sign-up per 10 entries, half seated and half waiting.
    /// </summary>
    private static async Task<int> WriteContestAsync(string file, int entries, string organizerId, IReadOnlyList<string> judgeIds)
    {
        const int Batch = 10_000;
        var rows = 0;
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file};Pooling=False", o => o.MaxBatchSize(1000)).Options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        async Task FlushAsync()
        {
            rows += await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var random = new Random(2027);
        var start = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lead = await db.Departments.OrderBy(d => d.Id).FirstAsync();
        var contest = new Contest
        {
            Slug = ContestSlug(entries), Name = "页面基准赛事", NameEn = "Page benchmark contest", Kind = ContestKind.Competition,
            EditionYear = 2027, LeadDepartmentId = lead.Id, IsPublished = true,
        };
        contest.Organizers.Add(new ContestOrganizer { UserId = organizerId, AssignedAt = start });
        var track = new ContestTrack { Code = "main", Name = "创新组", NameEn = "Innovation" };
        var round = new Round { Sequence = 1, Name = "网络评审", NameEn = "Online review", Kind = RoundKind.OnlineReview, Status = RoundStatus.Scoring };
        round.Criteria.Add(new RubricCriterion { Sequence = 1, Name = "评分项", NameEn = "Criterion", MaxPointsHundredths = 10000 });
        contest.Tracks.Add(track);
        contest.Rounds.Add(round);
        db.Contests.Add(contest);
        // What the app's save of a new contest adds (RankingStampOnSave), which this context without interceptors does not.
        db.RankingStamps.Add(new RankingStamp { Contest = contest, Stamp = Guid.NewGuid() });
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        for (var j = 0; j < judgeIds.Count; j++)
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contest.Id, Email = $"pages-bench-judge{j + 1}@example.com", UserId = judgeIds[j],
                Status = JudgeStatus.Accepted, InvitedAt = start, AnsweredAt = start, InvitedByUserId = organizerId,
            });
        var (contestId, trackId, roundId, criterion) = (contest.Id, track.Id, round.Id, round.Criteria[0].Id);
        await FlushAsync();

        var entryIds = new List<int>(entries);
        for (var i = 0; i < entries; i += Batch)
        {
            var batch = Enumerable.Range(i, Math.Min(Batch, entries - i)).Select(n => new Entry
            {
                ContestId = contestId, TrackId = trackId, Team = new Team { Name = $"基准团队{n}", CreatedAt = start },
                Title = $"基准项目{n}", Industry = n % 3 == 0 ? "生物医药" : "新一代信息技术", Status = EntryStatus.Approved,
                ContactName = "联系人", ContactEmail = $"team{n}@example.com", ContactPhone = "13800000000",
                CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddMinutes(n),
            }).ToList();
            db.Entries.AddRange(batch);
            await FlushAsync();
            entryIds.AddRange(batch.Select(e => e.Id));
            db.AuditEntries.AddRange(batch.Select((e, k) => new AuditEntry
            {
                At = start.AddMinutes(i + k), ContestId = contestId, UserId = organizerId, UserName = "基准组织者",
                EntityType = "Entry", EntityId = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = "Approved",
                After = "{\"status\":\"Approved\"}",
            }));
            await FlushAsync();
        }

        for (var i = 0; i < entryIds.Count; i++)
        {
            var quality = random.Next(4000, 9000);
            foreach (var judge in judgeIds)
            {
                var points = Math.Clamp(quality + random.Next(-1000, 1001), 0, 10000) / 50 * 50;
                db.ReviewAssignments.Add(new ReviewAssignment
                {
                    RoundId = roundId, EntryId = entryIds[i], JudgeUserId = judge, Source = AssignmentSource.Auto, AssignedAt = start, NotifiedAt = start,
                });
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = roundId, EntryId = entryIds[i], JudgeUserId = judge, SubmissionId = Guid.NewGuid(),
                    Status = SheetStatus.Submitted, Lines = [new ScoreLine { CriterionId = criterion, PointsHundredths = points }],
                    TotalHundredths = points, EffectiveTotalHundredths = points, CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddDays(10),
                });
            }
            if (i % 50 == 0)
                db.Conflicts.Add(new Conflict
                {
                    ContestId = contestId, JudgeUserId = judgeIds[i / 50 % Judges], EntryId = entryIds[i], Type = ConflictType.Other,
                    Source = ConflictSource.Organizer, Reason = "基准回避", CreatedAt = start, CreatedByUserId = organizerId,
                });
            if (i % (Batch / (2 * Judges)) == Batch / (2 * Judges) - 1)
                await FlushAsync();
        }
        db.TrackAdvancements.Add(new TrackAdvancement { RoundId = roundId, TrackId = trackId, Quota = entries / 10, UpdatedAt = start });
        db.AwardPlans.Add(new AwardPlan
        {
            ContestId = contestId, RoundId = roundId, TrackId = trackId, FirstPrizes = 10, SecondPrizes = 20, ThirdPrizes = 30,
            ExcellencePrizes = 100, UpdatedAt = start,
        });

        var week = new Contest
        {
            Slug = WeekSlug(entries), Name = "页面基准活动周", NameEn = "Page benchmark week", Kind = ContestKind.ActivityWeek,
            EditionYear = 2027, LeadDepartmentId = lead.Id, IsPublished = true,
        };
        week.Organizers.Add(new ContestOrganizer { UserId = organizerId, AssignedAt = start });
        db.Contests.Add(week);
        db.ChangeTracker.DetectChanges();
        await FlushAsync();
        var people = entries / 10;
        var ev = new ActivityEvent
        {
            ContestId = week.Id, Title = "基准论坛", Venue = "长春", StartsAt = start.AddDays(30), EndsAt = start.AddDays(30).AddHours(2),
            Capacity = people / 2, IsPublished = true, CreatedAt = start, UpdatedAt = start,
        };
        db.ActivityEvents.Add(ev);
        await FlushAsync();
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
                EventId = ev.Id, UserId = user.Id, CreatedAt = start, Status = seat ? SignupStatus.Confirmed : SignupStatus.Waitlisted,
                Seat = seat ? n + 1 : null, WaitlistPosition = seat ? null : n - people / 2 + 1,
                TicketToken = Tickets.NewToken(), TicketCode = Tickets.NewCode(),
            });
        }
        await FlushAsync();
        await transaction.CommitAsync();
        return rows;
    }
}
