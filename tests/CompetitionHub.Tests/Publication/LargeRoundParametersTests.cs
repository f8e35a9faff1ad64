using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Publication;

/// <summary>
/// A round that ranks more entries than a page shows: no query of the draft, the publication or the exports carries a
/// parameter per entry, so none grows with the round (one per item would fail past SQLite's 32,766 parameters, a contest
/// of 33,000 entries, and make every round size a statement of its own).
/// </summary>
public sealed partial class LargeRoundParametersTests(LargeRoundParametersTests.Host host) : IClassFixture<LargeRoundParametersTests.Host>
{
    public sealed class Host : AppFactory
    {
        public QueryParameters Parameters { get; } = new();

        public Host() => With("Hangfire:Server", "false").Watching(Parameters);
    }

    /// <summary>
    /// The most parameters a query carried. Only queries: writes are batched by the provider to suit its server, and a
    /// batch's parameters grow with the rows it writes.
    /// </summary>
    public sealed class QueryParameters : ReaderCommandWatch
    {
        private int most;

        public int Most => Volatile.Read(ref most);

        protected override void Saw(DbCommand command)
        {
            var text = command.CommandText.TrimStart();
            if (!text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)) return;
            int seen;
            do seen = Most; while (command.Parameters.Count > seen && Interlocked.CompareExchange(ref most, command.Parameters.Count, seen) != seen);
        }
    }

    [GeneratedRegex("class=\"draft-row\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex DraftRow();

    [Fact]
    public async Task Publication_SendsNoQueryWithAParameterPerEntry_WhenTheRoundRanksMoreEntriesThanAPage()
    {
        const int count = 3 * ResultPages.DraftPageSize;
        var (organizer, organizerId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: organizerId);
        var trackId = await host.AddTrackAsync(contestId, "large");
        var roundId = await host.WithDbAsync(async db =>
        {
            var round = new Round
            {
                ContestId = contestId, Sequence = 1, Name = "复赛", NameEn = "Semi-final", Kind = RoundKind.Roadshow, Status = RoundStatus.Closed,
                Aggregation = AggregationMethod.Mean,
                Criteria = [new RubricCriterion { Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000 }],
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        var now = DateTime.UtcNow;
        var entries = await host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, count).Select(i => new Entry
            {
                ContestId = contestId, TrackId = trackId, Team = new Team { Name = $"大赛团队{i}", CreatedAt = now },
                Title = $"大轮次项目{i:D4}", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.Entries.AddRange(rows);
            await db.SaveChangesAsync();
            // One judge's submitted sheet each, every total different, so the ranking has no tie to settle first.
            db.ScoreSheets.AddRange(rows.Select((e, i) => new ScoreSheet
            {
                RoundId = roundId, EntryId = e.Id, JudgeUserId = "judge-1", SubmissionId = Guid.NewGuid(), Status = SheetStatus.Submitted,
                TotalHundredths = 10000 - i, EffectiveTotalHundredths = 10000 - i, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            }));
            await db.SaveChangesAsync();
            return rows.Select(e => e.Id).ToList();
        });
        var manageUrl = $"/manage/contests/{contestId}/rounds/{roundId}/results";

        var draft = await organizer.GetStringAsync(manageUrl);
        var draftExport = await organizer.GetAsync($"{manageUrl}/export/ranking.xlsx");
        var published = await organizer.FollowAsync(await organizer.PostFromAsync($"{manageUrl}/publish", manageUrl,
            ("Days", "7"), ("Current", "0"), ("Note", "")));
        var ranks = await host.WithDbAsync(db => (from r in db.PublishedRanks
                                                   join v in db.RankingVersions on r.VersionId equals v.Id
                                                   where v.RoundId == roundId
                                                   orderby r.Rank
                                                   select r.EntryId).ToListAsync());
        var publishedExport = await organizer.GetAsync($"{manageUrl}/export/ranking.xlsx?version=1");

        Assert.Equal(entries.Take(ResultPages.DraftPageSize), DraftRow().Matches(draft).Select(m => int.Parse(m.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, draftExport.StatusCode);
        Assert.Contains("id=\"status-message\"", published);
        Assert.Equal(entries, ranks);
        Assert.Equal(HttpStatusCode.OK, publishedExport.StatusCode);
        Assert.InRange(host.Parameters.Most, 1, 10);
    }
}
