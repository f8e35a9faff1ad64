using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Assignment;

/// <summary>The assignment page and its preview for a round larger than one page.</summary>
public sealed partial class AssignmentPagingTests(AssignmentPagingTests.Host host) : IClassFixture<AssignmentPagingTests.Host>
{
    public sealed class Host : AppFactory;

    [GeneratedRegex("class=\"committed-row\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex CommittedRow();

    [GeneratedRegex("<tr class=\"plan-row[^\"]*\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex PlanRow();

    private static List<int> Ids(Regex row, string html) => [.. row.Matches(html).Select(m => int.Parse(m.Groups[1].Value))];

    /// <summary>An open online round of 55 approved entries and two accepted judges, its organizer signed in.</summary>
    private async Task<(string Url, HttpClient Organizer, List<int> Entries, List<string> Judges, int RoundId)> RoundAsync()
    {
        var (organizer, organizerId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: organizerId);
        var trackId = await host.AddTrackAsync(contestId, "main");
        var roundId = await host.AddRoundAsync(contestId, status: RoundStatus.Open);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Kind, RoundKind.OnlineReview)));
        var entries = await host.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 55).Select(i => new Entry
            {
                ContestId = contestId, TrackId = trackId, Team = new Team { Name = $"团队{i}", CreatedAt = DateTime.UtcNow },
                Title = $"分配项目{i:D3}", Industry = "生物医药", Status = EntryStatus.Approved, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Entries.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(e => e.Id).ToList();
        });
        var judges = new List<string> { (await host.PoolJudgeAsync(contestId)).UserId, (await host.PoolJudgeAsync(contestId)).UserId };
        return ($"/manage/rounds/{roundId}/assignment", organizer, entries, judges, roundId);
    }

    [Fact]
    public async Task Index_ShowsTheNextEntriesOnPageTwo_AndNarrowsByNumberOnTheServer()
    {
        var (url, organizer, entries, _, _) = await RoundAsync();

        var first = await organizer.GetStringAsync(url);
        Assert.Equal(entries.Take(50), Ids(CommittedRow(), first));
        Assert.DoesNotContain("<option value=\"" + entries[0] + "\"", first);
        var second = await organizer.GetStringAsync(url + "?Page=2");
        Assert.Equal(entries.Skip(50), Ids(CommittedRow(), second));
        var byNumber = await organizer.GetStringAsync(url + $"?Q=%23{entries[53]}");
        Assert.Equal([entries[53]], Ids(CommittedRow(), byNumber));
        var byTitle = await organizer.GetStringAsync(url + "?Q=" + Uri.EscapeDataString("分配项目05"));
        Assert.Equal(entries.Skip(50), Ids(CommittedRow(), byTitle));
    }

    [Fact]
    public async Task Pin_TakesTheEntryNumberTyped_AndRefusesANumberOutsideTheRound()
    {
        var (url, organizer, entries, judges, roundId) = await RoundAsync();

        var pinned = await organizer.PostFormAsync(url + "/pin", [new("EntryId", entries[54].ToString()), new("JudgeUserId", judges[1])], url);
        Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        var row = await host.WithDbAsync(db => db.ReviewAssignments.SingleAsync(a => a.RoundId == roundId));
        Assert.Equal((entries[54], judges[1], AssignmentSource.Pinned), (row.EntryId, row.JudgeUserId, row.Source));

        var refused = await organizer.PostFormAsync(url + "/pin", [new("EntryId", "987654321"), new("JudgeUserId", judges[1])], url);
        Assert.Contains("该项目不在本赛段的待评审项目中", WebUtility.HtmlDecode(await organizer.FollowAsync(refused)));
        Assert.Equal(1, await host.WithDbAsync(db => db.ReviewAssignments.CountAsync(a => a.RoundId == roundId)));
    }

    [Fact]
    public async Task Index_GivesEachListedEntryOneForm_WhoseButtonsPinAndRemoveTheJudgeClicked()
    {
        var (url, organizer, entries, judges, roundId) = await RoundAsync();
        var preview = await organizer.PostFormAsync(url + "/preview", [new("K", "2"), new("Seed", "7")]);
        Assert.Equal(HttpStatusCode.Redirect, (await (await organizer.FillFormAsync(preview, url + "/commit", [])).SubmitAsync()).StatusCode);

        // A form, and with it an antiforgery token, per pair and action made 50 entries × 5 judges 540 KB.
        var page = await organizer.GetStringAsync(url);
        var start = page.IndexOf("id=\"committed-table\"", StringComparison.Ordinal);
        var table = page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
        Assert.Equal(100, Regex.Count(table, "committed-judge\""));
        Assert.Equal(50, Regex.Count(table, "<form "));
        Assert.Equal(50, Regex.Count(table, "__RequestVerificationToken"));

        var pin = await organizer.PostFormAsync(url + "/pin", [new("EntryId", entries[0].ToString()), new("JudgeUserId", judges[1])], url);
        Assert.Equal(HttpStatusCode.Redirect, pin.StatusCode);
        var remove = await organizer.PostFormAsync(url + "/remove", [new("EntryId", entries[1].ToString()), new("JudgeUserId", judges[0])], url);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        var pairs = await host.WithDbAsync(db => db.ReviewAssignments.AsNoTracking()
            .Where(a => a.RoundId == roundId && (a.EntryId == entries[0] || a.EntryId == entries[1]))
            .Select(a => new { a.EntryId, a.JudgeUserId, a.Source }).ToListAsync());
        Assert.Equal(AssignmentSource.Pinned, pairs.Single(p => p.EntryId == entries[0] && p.JudgeUserId == judges[1]).Source);
        Assert.Equal(AssignmentSource.Auto, pairs.Single(p => p.EntryId == entries[0] && p.JudgeUserId == judges[0]).Source);
        Assert.Equal([judges[1]], pairs.Where(p => p.EntryId == entries[1]).Select(p => p.JudgeUserId));
    }

    [Fact]
    public async Task Preview_ShowsThePlanAPageAtATime_AndCommitsTheWholePlanFromPageTwo()
    {
        var (url, organizer, entries, _, roundId) = await RoundAsync();

        var preview = await organizer.PostFormAsync(url + "/preview", [new("K", "1"), new("Seed", "7")]);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(entries.Take(50), Ids(PlanRow(), await preview.Content.ReadAsStringAsync()));

        var second = await organizer.GetAsync(url + "/preview?K=1&Seed=7&planPage=2");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(entries.Skip(50), Ids(PlanRow(), await second.Content.ReadAsStringAsync()));

        var commit = await (await organizer.FillFormAsync(second, url + "/commit", [])).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal(entries.Order(), (await host.WithDbAsync(db => db.ReviewAssignments.Where(a => a.RoundId == roundId)
            .Select(a => a.EntryId).ToListAsync())).Order());
    }
}
