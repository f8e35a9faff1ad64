using System.Data.Common;
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
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Tests.Assignment;

/// <summary>The assignment page and its preview for a round larger than one page.</summary>
public sealed partial class AssignmentPagingTests(AssignmentPagingTests.Host host) : IClassFixture<AssignmentPagingTests.Host>
{
    public sealed class Host : AppFactory
    {
        public StoredPairReads Reads { get; } = new();

        public Host() => Watching(Reads);
    }

    /// <summary>Counts the rows the app reads from statements on the stored assignment pairs.</summary>
    public sealed class StoredPairReads : DbCommandInterceptor
    {
        private int rows;

        public int Rows => Volatile.Read(ref rows);

        public void Reset() => Interlocked.Exchange(ref rows, 0);

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (command.CommandText.Contains("ReviewAssignments", StringComparison.Ordinal)) Interlocked.Add(ref rows, eventData.ReadCount);
            return result;
        }
    }

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
        // "#05" is entry 5 (if the round holds it), not the titles 分配项目050–054.
        var byHash = await organizer.GetStringAsync(url + "?Q=%2305");
        Assert.All(Ids(CommittedRow(), byHash), id => Assert.Equal(5, id));
        var byTitle = await organizer.GetStringAsync(url + "?Q=" + Uri.EscapeDataString("分配项目05"));
        Assert.Equal(entries.Skip(50), Ids(CommittedRow(), byTitle));
        // The summary counts the round whatever the list is narrowed to.
        Assert.Contains("id=\"entry-count\">55<", byTitle);
        Assert.Contains("共 5 个项目", WebUtility.HtmlDecode(byTitle));
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

    [Fact]
    public async Task Preview_ShowsAndCommitsTheNewPlan_WhenAPinIsAddedAfterTheSamePlanWasPreviewed()
    {
        var (url, organizer, entries, judges, roundId) = await RoundAsync();
        var entry = entries[54];
        var first = await organizer.GetStringAsync(url + "/preview?K=1&Seed=7&planPage=2");
        var other = judges.Single(j => j != Assert.Single(PlannedJudges(first, entry)));

        var pin = await organizer.PostFormAsync(url + "/pin", [new("EntryId", entry.ToString()), new("JudgeUserId", other)], url);
        Assert.Equal(HttpStatusCode.Redirect, pin.StatusCode);

        // The same round, k and seed, but a pin more: a plan kept from before the pin must not be shown, nor committed.
        var again = await organizer.GetAsync(url + "/preview?K=1&Seed=7&planPage=2");
        Assert.Equal([other], PlannedJudges(await again.Content.ReadAsStringAsync(), entry));
        var commit = await (await organizer.FillFormAsync(again, url + "/commit", [])).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        var stored = await host.WithDbAsync(db => db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == roundId && a.EntryId == entry)
            .Select(a => new { a.JudgeUserId, a.Source }).ToListAsync());
        var row = Assert.Single(stored);
        Assert.Equal((other, AssignmentSource.Pinned), (row.JudgeUserId, row.Source));
    }

    private static string[] PlannedJudges(string html, int entryId) =>
        Regex.Match(html, $"<tr class=\"plan-row[^\"]*\" data-entry-id=\"{entryId}\" data-missing=\"\\d+\"\\s+data-judges=\"([^\"]*)\"")
            .Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Index_ReadsOnlyThePairsOfTheEntriesListed_AndCountsTheWholeRoundInTheDatabase()
    {
        var (url, organizer, entries, judges, _) = await RoundAsync();
        var preview = await organizer.PostFormAsync(url + "/preview", [new("K", "2"), new("Seed", "7")]);
        Assert.Equal(HttpStatusCode.Redirect, (await (await organizer.FillFormAsync(preview, url + "/commit", [])).SubmitAsync()).StatusCode);

        host.Reads.Reset();
        var page = await organizer.GetStringAsync(url + "?Page=2");
        var read = host.Reads.Rows;

        Assert.Equal(entries.Skip(50), Ids(CommittedRow(), page));
        Assert.Equal(10, Regex.Count(page, "committed-judge\""));
        Assert.Contains("id=\"entry-count\">55<", page);
        Assert.Contains("id=\"stored-count\">110<", page);
        Assert.Contains("id=\"pin-block-count\">0 / 0<", page);
        foreach (var judge in judges) Assert.Contains($"class=\"pool-row\" data-judge-id=\"{judge}\" data-load=\"55\"", page);
        // The 10 pairs listed, a row per judge's load and one per count; not the round's 110.
        Assert.InRange(read, 10, 20);
    }

    [Fact]
    public async Task Index_FindsATitleInAnyCase_WhenNarrowedByText()
    {
        var (url, organizer, entries, _, _) = await RoundAsync();
        await host.WithDbAsync(db => db.Entries.Where(e => e.Id == entries[3]).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Smart Grid 智能电网")));

        var found = await organizer.GetStringAsync(url + "?Q=" + Uri.EscapeDataString("sMART grid"));
        Assert.Equal([entries[3]], Ids(CommittedRow(), found));
    }

    [Fact]
    public async Task Preview_CountsTheWholeRoundsChanges_AndNamesThoseOfThePlanPageShown()
    {
        var (url, organizer, entries, _, _) = await RoundAsync();

        var preview = await organizer.PostFormAsync(url + "/preview", [new("K", "1"), new("Seed", "7")]);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("新增 55 条，移除 0 条", html);
        Assert.Equal(entries.Take(50), Regex.Matches(html, "class=\"plan-added text-success\" data-judge-id=\"[^\"]+\" data-entry-id=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value)));
        Assert.Equal(55, Regex.Matches(html, "class=\"plan-load\" data-judge-id=\"[^\"]+\" data-load=\"(\\d+)\"")
            .Sum(m => int.Parse(m.Groups[1].Value)));

        var second = WebUtility.HtmlDecode(await organizer.GetStringAsync(url + "/preview?K=1&Seed=7&planPage=2"));
        Assert.Contains("新增 55 条，移除 0 条", second);
        Assert.Equal(entries.Skip(50), Regex.Matches(second, "class=\"plan-added text-success\" data-judge-id=\"[^\"]+\" data-entry-id=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value)));
    }
}
