using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Scoring;

public sealed record TestRound(int Id, int ContestId, int Innovation, int Market);

/// <summary>Rounds with a known rubric, arranged straight in the database, and scores stored through the real use case.</summary>
public static class ScoringData
{
    private static int sequence = 40;

    /// <summary>An online review round in scoring with two criteria: 创新性 (0..30 in half points) and 市场前景 (0..20 in whole points).</summary>
    public static Task<TestRound> OnlineRoundAsync(this AppFactory app, int contestId, DateTime endsAt,
        RoundStatus status = RoundStatus.Scoring, AggregationMethod aggregation = AggregationMethod.Mean) =>
        app.WithDbAsync(async db =>
        {
            var round = new Round
            {
                ContestId = contestId, Sequence = Interlocked.Increment(ref sequence), Name = "网络评审", NameEn = "Online review",
                Kind = RoundKind.OnlineReview, Status = status, StartsAt = endsAt.AddDays(-30), EndsAt = endsAt,
                Aggregation = aggregation, TrimMinJudges = 5,
                Criteria =
                [
                    new RubricCriterion { Sequence = 1, Name = "创新性", NameEn = "Innovation", Description = "技术与模式创新", MaxPointsHundredths = 3000, StepHundredths = 50 },
                    new RubricCriterion { Sequence = 2, Name = "市场前景", NameEn = "Market", Description = "市场空间", MaxPointsHundredths = 2000, StepHundredths = 100 },
                ],
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return new TestRound(round.Id, contestId, round.Criteria[0].Id, round.Criteria[1].Id);
        });

    public static async Task<ScoreOutcome> ScoreAsync(this AppFactory app, string judgeUserId, TestRound round, int entryId,
        decimal innovation, decimal market, bool submit, Guid? submissionId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var record = scope.ServiceProvider.GetRequiredService<RecordScore>();
        return await record.HandleAsync(judgeUserId, new ScoreInput(submissionId ?? Guid.NewGuid(), round.Id, entryId,
            new Dictionary<int, decimal> { [round.Innovation] = innovation, [round.Market] = market }, "评语", submit), CancellationToken.None);
    }

    public static Task<List<ScoreSheet>> SheetsAsync(this AppFactory app, int roundId, int entryId) =>
        app.WithDbAsync(db => db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == roundId && s.EntryId == entryId).ToListAsync());
}
