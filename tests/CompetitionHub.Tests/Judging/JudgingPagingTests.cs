using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

/// <summary>The judge pool and the conflict map of a contest larger than one page, read as the organizer reads them.</summary>
public sealed partial class JudgingPagingTests(JudgingPagingTests.Host host) : IClassFixture<JudgingPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("class=\"pool-judge\" data-judge-id=\"(\\d+)\"")]
    private static partial Regex PoolRow();

    [GeneratedRegex("class=\"conflict-row\" data-judge-id=\"[^\"]*\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex ConflictRow();

    private static List<int> Ids(Regex row, string html) => [.. row.Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    /// <summary>A contest of its own with 55 invited judges (emails in order) and its organizer signed in.</summary>
    private async Task<(int ContestId, HttpClient Organizer, List<ContestJudge> Judges)> PoolAsync()
    {
        var (organizer, organizerId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: organizerId);
        var judges = await host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 55).Select(i => new ContestJudge
            {
                ContestId = contestId, Email = $"pool{i:D3}-{Guid.NewGuid():N}@example.com", Name = $"评委{i:D3}", Status = JudgeStatus.Invited,
                InvitedAt = DateTime.UtcNow, InvitedByUserId = organizerId,
            }).ToList();
            db.ContestJudges.AddRange(rows);
            await db.SaveChangesAsync();
            return rows;
        });
        return (contestId, organizer, judges);
    }

    [Fact]
    public async Task Judges_ShowsTheNextJudgesOnPageTwo_AndNarrowsByNameOnTheServer()
    {
        var (contestId, organizer, judges) = await PoolAsync();
        var url = $"/manage/contests/{contestId}/judges";

        var first = await organizer.GetStringAsync(url);
        Assert.Equal(judges.Take(50).Select(j => j.Id), Ids(PoolRow(), first));
        Assert.Contains("共 55 位评委，第 1/2 页。", first);
        var second = await organizer.GetStringAsync(url + "?Page=2");
        Assert.Equal(judges.Skip(50).Select(j => j.Id), Ids(PoolRow(), second));

        var filtered = await organizer.GetStringAsync(url + "?Q=" + Uri.EscapeDataString("评委007"));
        Assert.Equal([judges[7].Id], Ids(PoolRow(), filtered));
        Assert.Contains("共 1 位评委，第 1/1 页。", filtered);

        // A page number no one wrote still answers with the first page.
        var odd = await organizer.GetAsync(url + "?Page=abc&Status=nope");
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Equal(judges.Take(50).Select(j => j.Id), Ids(PoolRow(), await odd.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Conflicts_ShowsTheNextRowsOnPageTwo_AndNarrowsByEntryNumberOnTheServer()
    {
        var (contestId, organizer, _) = await PoolAsync();
        var trackId = await host.AddTrackAsync(contestId, "main");
        var judge = await host.PoolJudgeAsync(contestId);
        var entries = await host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 55).Select(i => new Entry
            {
                ContestId = contestId, TrackId = trackId, Team = new Team { Name = $"团队{i}", CreatedAt = DateTime.UtcNow },
                Title = $"回避项目{i:D3}", Status = EntryStatus.Approved, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Entries.AddRange(rows);
            await db.SaveChangesAsync();
            db.Conflicts.AddRange(rows.Select(e => new Conflict
            {
                ContestId = contestId, JudgeUserId = judge.UserId, EntryId = e.Id, Type = ConflictType.Other, Source = ConflictSource.Organizer,
                Reason = "亲属", CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
            return rows.Select(e => e.Id).ToList();
        });
        var url = $"/manage/contests/{contestId}/conflicts";

        var first = await organizer.GetStringAsync(url);
        Assert.Equal(entries.Take(50), Ids(ConflictRow(), first));
        Assert.Contains("共 55 条回避关系，第 1/2 页。", first);
        var second = await organizer.GetStringAsync(url + "?Page=2");
        Assert.Equal(entries.Skip(50), Ids(ConflictRow(), second));
        var byNumber = await organizer.GetStringAsync(url + $"?Q=%23{entries[42]}");
        Assert.Equal([entries[42]], Ids(ConflictRow(), byNumber));

        // Every lift form on page 2 still works: the rows it names are lifted, the others stay.
        var lift = await organizer.PostFormAsync(url + "/lift", [new("Reason", "误报")], url + "?Page=2");
        Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);
        Assert.Equal(54, await host.WithDbAsync(db => db.Conflicts.CountAsync(c => c.ContestId == contestId && c.IsActive)));
    }
}
