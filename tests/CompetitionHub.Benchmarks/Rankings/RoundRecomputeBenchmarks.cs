using BenchmarkDotNet.Attributes;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Benchmarks.Rankings;

/// <summary>
/// Recomputing a large round's ranking against just reading its score rows, in the same run: 10,000 entries × 7 judges
/// × 5 criteria (70,000 submitted sheets) in two tracks, in a real SQLite file filled once (kept under
/// BenchmarkDotNet.Artifacts/ and reused by later runs). The aim is a recompute that costs less than the read.
/// </summary>
public class RoundRecomputeBenchmarks
{
    public const int Entries = 10_000, Judges = 7, Criteria = 5;

    private static readonly string DatabaseFile = Path.Combine(ResultsFolder.ProjectFolder, "BenchmarkDotNet.Artifacts", "ranking-10000x7x5.db");

    private DbContextOptions<SqliteAppDbContext> options = null!;
    // Never read by what is timed here: ComputeFreshAsync and SheetsAsync bypass it.
    private readonly RankingCache cache = new();
    private int roundId;
    private Round round = null!;
    private List<SheetInput> sheets = [];
    private Dictionary<int, int> trackOf = [];
    private RankingContext context = RankingContext.Empty;

    [Params(AggregationMethod.TrimmedMean, AggregationMethod.ZScore)]
    public AggregationMethod Method { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={DatabaseFile}").Options;
        await using (var db = new SqliteAppDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            roundId = await db.Rounds.Where(r => r.Name == "基准决赛").Select(r => r.Id).SingleOrDefaultAsync();
            if (roundId == 0) roundId = await FillAsync(db);
            // Every breaker that needs data: a criterion, the head-to-head tops, the submission times (no draws recorded).
            var criterion = await db.RubricCriteria.Where(c => c.RoundId == roundId).OrderBy(c => c.Sequence).Select(c => c.Id).FirstAsync();
            await db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Aggregation, Method)
                .SetProperty(r => r.TieBreakers, $"Criterion:{criterion},TopScores,EarlierSubmission,LotDraw"));
        }

        // What the recompute starts from: the rows as RoundRanking reads them, read once, outside the timing.
        await using var read = new SqliteAppDbContext(options);
        round = await read.Rounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == roundId);
        sheets = await new RoundRanking(read, cache).SheetsAsync(roundId, CancellationToken.None);
        var entries = await read.Entries.AsNoTracking().Where(e => e.ContestId == round.ContestId)
            .Select(e => new { e.Id, e.TrackId, e.SubmittedAt }).ToListAsync();
        trackOf = entries.ToDictionary(e => e.Id, e => e.TrackId);
        context = new RankingContext { EntrySubmittedAt = entries.ToDictionary(e => e.Id, e => e.SubmittedAt!.Value) };
        var ranked = Recompute();
        Console.WriteLine($"// Figures {Method}: {sheets.Count} sheets, {ranked} entries ranked");
        if (sheets.Count != Entries * Judges || ranked != Entries)
            throw new InvalidOperationException($"Expected {Entries * Judges} sheets and {Entries} ranked entries.");
    }

    [Benchmark(Baseline = true, Description = "Read the round's score rows (SheetsAsync)")]
    public async Task<int> ReadRows()
    {
        await using var db = new SqliteAppDbContext(options);
        return (await new RoundRanking(db, cache).SheetsAsync(roundId, CancellationToken.None)).Count;
    }

    [Benchmark(Description = "Recompute the ranking from rows in memory")]
    public int Recompute()
    {
        var scores = RankingCalculator.ScoreRound(round, sheets);
        var count = 0;
        foreach (var group in sheets.GroupBy(s => trackOf[s.EntryId]))
            count += RankingCalculator.Rank(round, [.. group], scores, context).Count;
        return count;
    }

    // What a page pays when the round changed since the ranking was kept (RankingCache): the whole computation.
    [Benchmark(Description = "RoundRanking.ComputeFreshAsync (read + recompute)")]
    public async Task<int> ReadAndRecompute()
    {
        await using var db = new SqliteAppDbContext(options);
        var result = await new RoundRanking(db, cache).ComputeFreshAsync(roundId, CancellationToken.None);
        return result!.Groups.Sum(g => g.Entries.Count);
    }

    /// <summary>A contest with two tracks, 10,000 entries and a round of 7 × 5-criterion sheets each (seeded, so the same every time).</summary>
    private static async Task<int> FillAsync(SqliteAppDbContext db)
    {
        var random = new Random(2027);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var department = new Department { Code = "bench", Name = "基准主办单位", NameEn = "Benchmark department" };
        var contest = new Contest { Slug = "ranking-bench", Name = "排名基准赛事", NameEn = "Ranking benchmark", EditionYear = 2027, LeadDepartment = department };
        var tracks = new[]
        {
            new ContestTrack { Code = "startup", Name = "初创组", NameEn = "Start-up" },
            new ContestTrack { Code = "growth", Name = "成长组", NameEn = "Growth" },
        };
        var round = new Round { Sequence = 1, Name = "基准决赛", NameEn = "Benchmark final", Kind = RoundKind.OnlineReview, Status = RoundStatus.Closed };
        for (var c = 1; c <= Criteria; c++)
            round.Criteria.Add(new RubricCriterion { Sequence = c, Name = $"评分项{c}", NameEn = $"Criterion {c}", MaxPointsHundredths = 2000 });
        contest.Tracks.AddRange(tracks);
        contest.Rounds.Add(round);
        db.AddRange(department, contest);
        var start = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var entries = new List<Entry>();
        for (var i = 0; i < Entries; i++)
        {
            var team = new Team { Name = $"基准团队{i}", CreatedAt = start };
            entries.Add(new Entry
            {
                Contest = contest, Track = tracks[i % 2], Team = team, Title = $"基准项目{i}", Status = EntryStatus.Approved,
                CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddMinutes(random.Next(60 * 24 * 30)),
            });
        }
        db.AddRange(entries);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var criteria = round.Criteria.Select(c => c.Id).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var quality = random.Next(800, 1800); // the entry's "true" level per criterion, in hundredths
            for (var j = 0; j < Judges; j++)
            {
                var lines = criteria.Select(id => new ScoreLine
                {
                    CriterionId = id, PointsHundredths = Math.Clamp((quality + random.Next(-300, 301)) / 50 * 50, 0, 2000),
                }).ToList();
                var total = lines.Sum(l => l.PointsHundredths);
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = round.Id, EntryId = entries[i].Id, JudgeUserId = $"bench-judge-{(i + j) % 40}", SubmissionId = Guid.NewGuid(),
                    Status = SheetStatus.Submitted, Lines = lines, TotalHundredths = total, EffectiveTotalHundredths = total,
                    CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddDays(40),
                });
            }
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        return round.Id;
    }
}
