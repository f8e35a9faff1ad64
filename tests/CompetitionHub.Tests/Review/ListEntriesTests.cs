using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Admin;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Review;

public sealed partial class ListEntriesTests(ListEntriesTests.Host host) : IClassFixture<ListEntriesTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<string> ListAsync(string query)
    {
        var client = await host.DemoOrganizerAsync();
        var contestId = await host.ContestIdAsync();
        var response = await client.GetAsync($"/manage/contests/{contestId}/entries?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static List<int> RowIds(string html) =>
        RowId().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [GeneratedRegex("class=\"entry-row\" data-entry-id=\"(\\d+)\"")]
    private static partial Regex RowId();

    [Fact]
    public async Task Entries_LeaveOutDrafts_UnlessAsked()
    {
        var tag = ReviewData.Tag();
        var submitted = await host.CreateEntryAsync(EntryStatus.Submitted, $"提交{tag}", withLeader: false);
        var draft = await host.CreateEntryAsync(EntryStatus.Draft, $"草稿{tag}", withLeader: false);

        var usual = RowIds(await ListAsync($"q={tag}"));
        var withDrafts = RowIds(await ListAsync($"q={tag}&drafts=true"));
        var onlyDrafts = RowIds(await ListAsync($"q={tag}&status=Draft"));

        Assert.Equal([submitted.Id], usual);
        Assert.Equal([submitted.Id, draft.Id], withDrafts.Order());
        Assert.Equal([draft.Id], onlyDrafts);
    }

    [Fact]
    public async Task Entries_ListInTheOrderTheyWereHandedIn_WithDraftsAtTheTimeTheyWereBegun()
    {
        var tag = ReviewData.Tag();
        var day = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
        // Created in one order, handed in the other way round; the draft was begun between the two submissions.
        var late = await host.CreateEntryAsync(EntryStatus.Submitted, $"后交{tag}", withLeader: false,
            configure: e => { e.CreatedAt = day; e.SubmittedAt = day.AddHours(5); });
        var early = await host.CreateEntryAsync(EntryStatus.Approved, $"先交{tag}", withLeader: false,
            configure: e => { e.CreatedAt = day.AddHours(1); e.SubmittedAt = day.AddHours(2); });
        var draft = await host.CreateEntryAsync(EntryStatus.Draft, $"草稿{tag}", withLeader: false,
            configure: e => e.CreatedAt = day.AddHours(3));

        Assert.Equal([early.Id, late.Id], RowIds(await ListAsync($"q={tag}")));
        Assert.Equal([early.Id, draft.Id, late.Id], RowIds(await ListAsync($"q={tag}&drafts=true")));
    }

    [Fact]
    public async Task Entries_FilterByTrackStatusIndustryAndEligibility_WhenChosen()
    {
        var tag = ReviewData.Tag();
        var growthTrack = await host.TrackIdAsync("growth");
        var startupEligible = await host.CreateEntryAsync(EntryStatus.Submitted, $"甲{tag}", withLeader: false,
            configure: e => { e.Eligible = true; e.Industry = "生物医药"; });
        var growthIneligible = await host.CreateEntryAsync(EntryStatus.Submitted, $"乙{tag}", trackCode: "growth", withLeader: false,
            configure: e => e.Eligible = false);
        var growthApproved = await host.CreateEntryAsync(EntryStatus.Approved, $"丙{tag}", trackCode: "growth", withLeader: false);

        Assert.Equal([growthIneligible.Id, growthApproved.Id], RowIds(await ListAsync($"q={tag}&track={growthTrack}")).Order());
        Assert.Equal([growthApproved.Id], RowIds(await ListAsync($"q={tag}&status=Approved")));
        Assert.Equal([startupEligible.Id], RowIds(await ListAsync($"q={tag}&industry={Uri.EscapeDataString("生物医药")}")));
        Assert.Equal([startupEligible.Id], RowIds(await ListAsync($"q={tag}&eligible=yes")));
        Assert.Equal([growthIneligible.Id], RowIds(await ListAsync($"q={tag}&eligible=no")));
        Assert.Equal([growthApproved.Id], RowIds(await ListAsync($"q={tag}&eligible=unchecked")));
        Assert.Equal([growthIneligible.Id], RowIds(await ListAsync($"q={tag}&track={growthTrack}&status=Submitted")));
    }

    [Fact]
    public async Task Entries_FindByTitleCompanyCreditCodeOrTeamName_WhenSearched()
    {
        var code = ReviewData.CreditCode();
        var byTitle = await host.CreateEntryAsync(EntryStatus.Submitted, "智能光伏逆变器" + ReviewData.Tag(), withLeader: false);
        var byCompany = await host.CreateEntryAsync(EntryStatus.Submitted, "项目" + ReviewData.Tag(), withLeader: false,
            configure: e => e.CompanyName = "长春独特名称科技有限公司" + code);
        var byCode = await host.CreateEntryAsync(EntryStatus.Submitted, "项目" + ReviewData.Tag(), withLeader: false,
            configure: e => e.CreditCode = code);
        var byTeam = await host.CreateEntryAsync(EntryStatus.Submitted, "项目" + ReviewData.Tag(), withLeader: false,
            configure: e => e.Team.Name = "北湖星火队" + code);

        Assert.Contains(byTitle.Id, RowIds(await ListAsync("q=" + Uri.EscapeDataString("光伏逆变"))));
        Assert.Equal([byCompany.Id], RowIds(await ListAsync("q=" + Uri.EscapeDataString("独特名称科技有限公司" + code))));
        Assert.Equal([byCode.Id], RowIds(await ListAsync("q=" + code.ToLowerInvariant())).Except([byCompany.Id, byTeam.Id]));
        Assert.Contains(byTeam.Id, RowIds(await ListAsync("q=" + Uri.EscapeDataString("北湖星火队"))));
        var html = await ListAsync("q=" + Uri.EscapeDataString("北湖星火队" + code));
        Assert.Equal([byTeam.Id], RowIds(html));
        Assert.Contains("北湖星火队" + code, html);
    }

    [Fact]
    public async Task Entries_ShowRowFactsAndStatusCounts_ForTheContest()
    {
        var tag = ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, $"展示{tag}", withLeader: false,
            configure: e => { e.Eligible = true; e.SubmittedAt = new DateTime(2026, 11, 20, 16, 30, 0, DateTimeKind.Utc); });
        var contestId = await host.ContestIdAsync();
        var submittedCount = await host.WithDbAsync(db =>
            db.Entries.CountAsync(e => e.ContestId == contestId && e.Status == EntryStatus.Submitted));

        var html = await ListAsync($"q={tag}");

        Assert.Contains($"展示{tag}", html);
        Assert.Contains($"团队展示{tag}", html);
        Assert.Contains("初创组", html);
        Assert.Contains("符合条件", html);
        Assert.Contains("2026-11-21 00:30", html); // 16:30 UTC is half past midnight in Beijing
        Assert.Contains($"/manage/entries/{entry.Id}", html);
        Assert.Matches($"""data-status="Submitted"[^>]*>待审核 <span class="badge text-bg-light status-count">{submittedCount}</span>""", html);
    }

    [Fact]
    public async Task Entries_ShowFiftyPerPage_WhenMoreMatch()
    {
        var tag = ReviewData.Tag();
        for (var i = 0; i < 51; i++)
            await host.CreateEntryAsync(EntryStatus.Submitted, $"分页{tag}-{i:D2}", withLeader: false);

        var first = RowIds(await ListAsync($"q={tag}"));
        var second = RowIds(await ListAsync($"q={tag}&page=2"));

        Assert.Equal(50, first.Count);
        Assert.Single(second);
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public async Task Entries_CountTheWholeList_WithOrWithoutDraftsAndByStatus_WhenNothingElseNarrowsIt()
    {
        var tag = ReviewData.Tag();
        await host.CreateEntryAsync(EntryStatus.Submitted, $"总数{tag}", withLeader: false);
        await host.CreateEntryAsync(EntryStatus.Draft, $"总数草稿{tag}", withLeader: false);
        await host.CreateEntryAsync(EntryStatus.Approved, $"总数通过{tag}", withLeader: false);
        await host.CreateEntryAsync(EntryStatus.Approved, $"总数通过{ReviewData.Tag()}", withLeader: false);
        var contestId = await host.ContestIdAsync();
        var byStatus = await host.WithDbAsync(db => db.Entries.Where(e => e.ContestId == contestId)
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        static string Count(string html) => EntryCount().Match(html).Groups[1].Value;

        Assert.Equal(byStatus.Where(s => s.Key != EntryStatus.Draft).Sum(s => s.Value).ToString(), Count(await ListAsync("")));
        Assert.Equal(byStatus.Values.Sum().ToString(), Count(await ListAsync("drafts=true")));
        Assert.Equal(byStatus[EntryStatus.Draft].ToString(), Count(await ListAsync("status=Draft")));
        Assert.Equal(byStatus[EntryStatus.Approved].ToString(), Count(await ListAsync("status=Approved&drafts=true")));
        Assert.Equal("1", Count(await ListAsync($"q={tag}&status=Approved")));
    }

    [GeneratedRegex("id=\"entry-count\">共 (\\d+) 个项目")]
    private static partial Regex EntryCount();

    [Fact]
    public async Task Entries_IgnoreFiltersThatDoNotParse_InsteadOfFailing()
    {
        var html = await ListAsync("track=abc&status=%3Cscript%3E&eligible=maybe&page=-7&drafts=perhaps&q=" + new string('x', 5000));

        Assert.Contains("entry-filters", html);
    }

    [Fact]
    public async Task Entries_AreForbidden_ForAnotherContestsOrganizer()
    {
        var contestId = await host.ContestIdAsync();
        var client = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/manage/contests/{contestId}/entries")).StatusCode);
        var own = await client.GetAsync($"/manage/contests/{await host.ContestIdAsync(ReviewData.OtherContest)}/entries");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Entries_RedirectToAccessDenied_ForContestants()
    {
        var contestId = await host.ContestIdAsync();
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(TestUsers.DemoContestant, TestUsers.DemoPassword);

        var response = await client.GetAsync($"/manage/contests/{contestId}/entries");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath());
    }

    [Fact]
    public async Task Entries_IsNotFound_WhenContestDoesNotExist()
    {
        var client = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/contests/999999/entries")).StatusCode);
    }
}
