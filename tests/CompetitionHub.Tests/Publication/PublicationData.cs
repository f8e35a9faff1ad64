using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Publication;

public sealed record ScoredRound(int ContestId, TestRound Round, TestEntry High, string HighTitle, TestEntry Middle, string MiddleTitle,
    TestEntry Low, string LowTitle, TestJudge Judge1, TestJudge Judge2)
{
    public string PublicUrl => $"/contests/{ContestId}/rounds/{Round.Id}/results";
    public string ManageUrl => $"/manage/contests/{ContestId}/rounds/{Round.Id}/results";
}

/// <summary>A closed online round of the seeded contest with three entries scored by two judges through the real use case.</summary>
public static class PublicationData
{
    /// <remarks>Means: high 45.50 (47, 44), middle 42.00 (43, 41), low 36.50 (35, 38).</remarks>
    public static async Task<ScoredRound> ScoredRoundAsync(this AppFactory app, DateTime now)
    {
        var contestId = await app.ContestIdAsync();
        var round = await app.OnlineRoundAsync(contestId, now.AddDays(30));
        var tag = ReviewData.Tag();
        var (highTitle, middleTitle, lowTitle) = ($"长白山智能冰雪装备{tag}", $"松花江水质监测{tag}", $"黑土地数字农业{tag}");
        var high = await app.CreateEntryAsync(EntryStatus.Approved, highTitle);
        var middle = await app.CreateEntryAsync(EntryStatus.Approved, middleTitle);
        var low = await app.CreateEntryAsync(EntryStatus.Approved, lowTitle);
        var judge1 = await app.PoolJudgeAsync(contestId);
        var judge2 = await app.PoolJudgeAsync(contestId);
        foreach (var entry in new[] { high, middle, low })
        {
            await app.AssignAsync(round.Id, entry.Id, judge1.UserId);
            await app.AssignAsync(round.Id, entry.Id, judge2.UserId);
        }
        await Scored(app.ScoreAsync(judge1.UserId, round, high.Id, 28, 19, submit: true));
        await Scored(app.ScoreAsync(judge2.UserId, round, high.Id, 26, 18, submit: true));
        await Scored(app.ScoreAsync(judge1.UserId, round, middle.Id, 25, 18, submit: true));
        await Scored(app.ScoreAsync(judge2.UserId, round, middle.Id, 24, 17, submit: true));
        await Scored(app.ScoreAsync(judge1.UserId, round, low.Id, 20, 15, submit: true));
        await Scored(app.ScoreAsync(judge2.UserId, round, low.Id, 22, 16, submit: true));
        await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed)));
        return new ScoredRound(contestId, round, high, highTitle, middle, middleTitle, low, lowTitle, judge1, judge2);
    }

    private static async Task Scored(Task<ScoreOutcome> outcome)
    {
        var result = await outcome;
        if (!result.Accepted) throw new InvalidOperationException($"Score refused: {result.Error}");
    }
}
