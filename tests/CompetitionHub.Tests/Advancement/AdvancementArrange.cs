using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Advancement;

/// <summary>A contest of its own with one track, a closed round scored by one judge and a next round, its organizer signed in.</summary>
public sealed record ScoredContest(int ContestId, int TrackId, int RoundId, int NextRoundId, IReadOnlyList<TestEntry> Entries,
    HttpClient Organizer)
{
    public string AdvancementUrl => $"/manage/contests/{ContestId}/rounds/{RoundId}/advancement";
    public string AwardsUrl => $"/manage/contests/{ContestId}/awards";
}

internal static class AdvancementArrange
{
    /// <summary>
    /// One approved entry per score, in the given order, each scored by one judge with that total (mean of one = the
    /// total), so ranks and ties are exactly those of <paramref name="scores"/>.
    /// </summary>
    public static async Task<ScoredContest> ScoredContestAsync(this AppFactory host, int[] scores, bool withNextRound = true,
        RoundStatus status = RoundStatus.Closed, string? organizerCulture = null)
    {
        var email = TestUsers.NewEmail("org");
        var organizer = await host.CreateUserAsync(email, "Secret123", "赛事组织者", roles: CompetitionHub.Web.Features.Accounts.Roles.Organizer);
        var contestId = await host.AddContestAsync(organizerUserId: organizer.Id);
        var slug = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleAsync());
        var trackId = await host.AddTrackAsync(contestId, "startup");
        var (roundId, nextId) = await host.WithDbAsync(async db =>
        {
            var round = new Round
            {
                ContestId = contestId, Sequence = 1, Name = "复赛", NameEn = "Semi-final", Kind = RoundKind.Roadshow, Status = status,
                Aggregation = AggregationMethod.Mean,
                Criteria = [new RubricCriterion { Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000 }],
            };
            db.Rounds.Add(round);
            Round? next = null;
            if (withNextRound)
            {
                next = new Round { ContestId = contestId, Sequence = 2, Name = "决赛", NameEn = "Final", Kind = RoundKind.Roadshow };
                db.Rounds.Add(next);
            }
            await db.SaveChangesAsync();
            return (round.Id, next?.Id ?? 0);
        });

        var entries = new List<TestEntry>();
        for (var i = 0; i < scores.Length; i++)
            entries.Add(await host.CreateEntryAsync(EntryStatus.Approved, $"项目{i + 1}号{ReviewData.Tag()}", slug: slug,
                leaderCulture: i == 0 ? "en" : "zh-CN"));
        await host.ScoreAsync(roundId, entries.Select(e => e.Id).ToList(), scores);

        var client = host.CreateFormClient(organizerCulture);
        await client.SignInOrThrowAsync(email, "Secret123");
        return new ScoredContest(contestId, trackId, roundId, nextId, entries, client);
    }

    /// <summary>Submitted sheets straight into the database: one judge, the total given per entry.</summary>
    public static Task ScoreAsync(this AppFactory host, int roundId, IReadOnlyList<int> entryIds, IReadOnlyList<int> totals) =>
        host.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < entryIds.Count; i++)
                db.ScoreSheets.Add(new ScoreSheet
                {
                    RoundId = roundId, EntryId = entryIds[i], JudgeUserId = "judge-1", SubmissionId = Guid.NewGuid(),
                    Status = SheetStatus.Submitted, TotalHundredths = totals[i] * 100, EffectiveTotalHundredths = totals[i] * 100,
                    CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
                });
            await db.SaveChangesAsync();
        });

    public static Task<Guid> AdvancementVersionAsync(this AppFactory host, ScoredContest c) =>
        host.WithDbAsync(db => db.TrackAdvancements.Where(a => a.RoundId == c.RoundId && a.TrackId == c.TrackId).Select(a => a.Version).SingleAsync());

    public static Task<EntryStatus> StatusAsync(this AppFactory host, int entryId) =>
        host.WithDbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Status).SingleAsync());

    /// <summary>The error or success message a post/redirect/get action left for the page.</summary>
    public static async Task<string> OutcomeAsync(this HttpClient client, HttpResponseMessage response) =>
        await client.FollowAsync(response);
}
