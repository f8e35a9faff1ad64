using System.Net;
using AngleSharp.Html.Parser;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Judging;

namespace CompetitionHub.Tests.Judging;

/// <summary>The contest page's entry box says why one cannot enter yet, each reason in its own words.</summary>
public sealed class EnterContestTests(EnterContestTests.Host host) : IClassFixture<EnterContestTests.Host>
{
    public sealed class Host : RegistrationHost;

    private static readonly HtmlParser Parser = new();

    /// <summary>The entry box of the contest page as <paramref name="client"/> sees it: which element it shows, and its text.</summary>
    private static async Task<(string Shown, string Text)> EntryBoxAsync(HttpClient client, int contestId)
    {
        var response = await client.GetAsync($"/contests/{contestId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var box = page.QuerySelector("#contest-enter") ?? throw new InvalidOperationException("The contest page has no entry box.");
        var shown = box.QuerySelector("[id^=contest-enter-], [id=contest-my-entry]")!;
        return (shown.Id!, shown.TextContent.Trim());
    }

    [Fact]
    public async Task ContestPage_AsksToSignInOrSignUp_WhenNotSignedIn()
    {
        var contest = await host.CreateOpenContestAsync();

        var (shown, text) = await EntryBoxAsync(host.CreateFormClient(), contest.Id);

        Assert.Equal("contest-enter-sign-in", shown);
        Assert.Contains("报名前请先登录", text);
    }

    [Fact]
    public async Task ContestPage_SaysRegistrationHasClosed_WhenTheDeadlinePassed()
    {
        var contest = await host.CreateContestAsync(host.Now.AddDays(-10), host.Now.AddDays(-1));
        var (client, _, _) = await host.SignedInAsync();

        var (shown, text) = await EntryBoxAsync(client, contest.Id);

        Assert.Equal("contest-enter-closed", shown);
        Assert.Contains("报名已于", text);
    }

    [Fact]
    public async Task ContestPage_SaysAJudgeCannotEnter_WhenThePersonJudgesThisContest()
    {
        var contest = await host.CreateOpenContestAsync();
        var other = await host.CreateOpenContestAsync();
        var (client, email, userId) = await host.SignedInAsync(Roles.Contestant);
        await host.AddToPoolAsync(contest.Id, email, userId);

        var (shown, text) = await EntryBoxAsync(client, contest.Id);
        var (elsewhere, _) = await EntryBoxAsync(client, other.Id);

        Assert.Equal("contest-enter-barred", shown);
        Assert.Equal("您是本赛事的评委，不能参加本赛事；如确需参赛，请联系组织者在评委库登记例外。", text);
        Assert.Equal("contest-enter-link", elsewhere);
    }

    [Fact]
    public async Task ContestPage_SaysAStaffAccountCannotEnter_WhenThePersonHoldsOnlyAStaffRole()
    {
        var contest = await host.CreateOpenContestAsync();
        var (client, _, _) = await host.SignedInAsync(Roles.Investor);

        var (shown, text) = await EntryBoxAsync(client, contest.Id);

        Assert.Equal("contest-enter-barred", shown);
        Assert.Contains("您的账号是工作人员账号", text);
    }

    [Fact]
    public async Task ContestPage_OffersTheEntryForm_WhenAContestantMayEnter()
    {
        var contest = await host.CreateOpenContestAsync();
        var (client, _, _) = await host.SignedInAsync(Roles.Contestant);

        var (shown, _) = await EntryBoxAsync(client, contest.Id);

        Assert.Equal("contest-enter-link", shown);
    }

    [Fact]
    public async Task ContestPage_SaysWhyInEnglish_WhenTheJudgeReadsEnglish()
    {
        var contest = await host.CreateOpenContestAsync();
        var email = TestUsers.NewEmail("judge-en");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: Roles.Contestant);
        await host.AddToPoolAsync(contest.Id, email, user.Id);
        var client = host.CreateFormClient("en");
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var (shown, text) = await EntryBoxAsync(client, contest.Id);

        Assert.Equal("contest-enter-barred", shown);
        Assert.StartsWith("You are a judge of this contest", text);
    }
}
