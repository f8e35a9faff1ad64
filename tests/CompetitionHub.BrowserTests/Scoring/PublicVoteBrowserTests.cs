using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.Scoring;

/// <summary>
/// The public jury (人气分) as the hall uses it: spectators on phones (390×844) vote for the entry on stage while the
/// organizer has scoring open on the console, and the big screen counts the votes as they come.
/// </summary>
public sealed class PublicVoteBrowserTests(PublicVoteBrowserTests.Host host) : IClassFixture<PublicVoteBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    [Fact]
    public async Task SpectatorPhone_VotesOnceAndTheBigScreenCounts_WhenScoringIsOpen()
    {
        var (sessionId, title) = await ArrangeAsync();
        var live = $"/live/sessions/{sessionId}";
        var organizer = await host.NewPageAsync();
        var screen = await host.NewPageAsync(1920, 1080);
        var phone = await host.NewPageAsync(390, 844);
        await organizer.SignInAsync(TestUsers.DemoOrganizer);
        await organizer.GotoAsync($"/manage/sessions/{sessionId}/console");
        await screen.GotoAsync($"{live}/screen");
        await Expect(screen.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");

        // A spectator opens the live page without an account, signs in from it and comes back to it.
        var fan = await NewSpectatorAsync();
        await phone.GotoAsync(live);
        await phone.Locator("#voteSignIn").ClickAsync();
        await phone.Locator("input[name=Email]").FillAsync(fan);
        await phone.Locator("input[name=Password]").FillAsync(BrowserSteps.DemoPassword);
        await phone.Locator("#login-submit").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{live}$"));
        await Expect(phone.Locator("#liveIndicator")).ToHaveTextAsync("实时连接正常");
        await Expect(phone.Locator("#voteButton")).ToBeDisabledAsync();
        await Expect(phone.Locator("#voteStatus")).ToHaveTextAsync("台上项目评分时开放投票。");
        // A second tab of the same account, open before the vote: it cannot know of it and will try again.
        var secondTab = await phone.Context.NewPageAsync();
        await secondTab.GotoAsync(live);

        await organizer.Locator("#step-next").ClickAsync();
        await Expect(organizer.Locator("#stagePhase")).ToHaveAttributeAsync("data-phase", "Pitch");
        await organizer.Locator("#step-openscoring").ClickAsync();
        await Expect(organizer.Locator("#stagePhase")).ToHaveAttributeAsync("data-phase", "Scoring");

        await Expect(phone.Locator("#voteStatus")).ToHaveTextAsync($"正在为“{title}”投票");
        await phone.Locator("#voteButton").ClickAsync();
        await Expect(phone.Locator("#voteStatus")).ToHaveTextAsync("您已为该项目投票，谢谢！");
        await Expect(phone.Locator("#voteButton")).ToHaveTextAsync("已投票");
        await Expect(phone.Locator("#voteButton")).ToBeDisabledAsync();
        await Expect(screen.Locator("#voteOnStage")).ToHaveTextAsync("1");
        await Expect(organizer.Locator("#voteOnStage")).ToHaveTextAsync("1");
        await BrowserHost.ScreenshotAsync(phone, "public-vote-phone-zh");

        await secondTab.Locator("#voteButton").ClickAsync();
        await Expect(secondTab.Locator("#voteMessage")).ToHaveTextAsync("您已为该项目投过票：每个账号对每个项目只能投一票。");
        await Expect(secondTab.Locator("#voteButton")).ToBeDisabledAsync();

        // An English-speaking spectator on another phone.
        var english = await host.NewPageAsync(390, 844);
        await english.SignInAsync(await NewSpectatorAsync());
        await english.GotoAsync(live);
        // On a phone the language menu sits behind the navigation toggler.
        await english.Locator(".navbar-toggler").ClickAsync();
        await english.SwitchLanguageAsync("en");
        await Expect(english.Locator("#voteStatus")).ToHaveTextAsync($"Voting for “{title}” is open");
        await english.Locator("#voteButton").ClickAsync();
        await Expect(english.Locator("#voteStatus")).ToHaveTextAsync("Your vote for this entry is counted. Thank you!");
        await Expect(english.Locator("#voteButton")).ToHaveTextAsync("Voted");
        await Expect(screen.Locator("#voteOnStage")).ToHaveTextAsync("2");
        await Expect(phone.Locator("#voteCounts")).ToContainTextAsync($"{title} · 2 票");
        await BrowserHost.ScreenshotAsync(english, "public-vote-phone-en");
        await BrowserHost.ScreenshotAsync(screen, "public-vote-big-screen");

        // Scoring closed: the phones stop taking votes.
        await organizer.Locator("#step-closescoring").ClickAsync();
        await organizer.Locator("#closeAnyway").ClickAsync();
        await Expect(english.Locator("#voteStatus")).ToHaveTextAsync("Voting opens while the judges score the entry on stage.");
        await Expect(english.Locator("#voteButton")).ToBeDisabledAsync();
        await Expect(english.Locator("#voteButton")).ToHaveTextAsync("Vote for the entry on stage");
        Assert.Equal(2, await host.App.WithDbAsync(db => db.PublicVotes.CountAsync(v => v.SessionId == sessionId)));
    }

    private async Task<string> NewSpectatorAsync()
    {
        var email = TestUsers.NewEmail("fan");
        await host.App.CreateUserAsync(email, BrowserSteps.DemoPassword, "观众", roles: Roles.Contestant);
        return email;
    }

    /// <summary>A roadshow round of the seeded contest with a 10 % public jury, one entry drawn into a session, one panel judge.</summary>
    private Task<(int SessionId, string Title)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return host.App.WithDbAsync(async db =>
        {
            var judge = await db.Users.FirstAsync(u => u.Email == TestUsers.DemoJudge);
            var contest = await db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).SingleAsync(c => c.Slug == "cie-jilin");
            var now = DateTime.UtcNow;
            var round = new Round
            {
                ContestId = contest.Id, Name = "决赛路演" + tag, NameEn = "Final roadshow", Kind = RoundKind.Roadshow, Status = RoundStatus.Open,
                Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1, PublicJuryWeightPercent = 10,
                Criteria = [new RubricCriterion { Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000, StepHundredths = 50 }],
            };
            var entry = new Entry
            {
                ContestId = contest.Id, TrackId = contest.Tracks.Single(t => t.Code == "startup").Id,
                Team = new Team { Name = "长光精密" + tag, CreatedAt = now },
                Title = "光栅尺国产化" + tag, Industry = contest.IndustryFields.FirstOrDefault() ?? "", ApplicantType = ApplicantType.Enterprise,
                CompanyName = "吉林光栅有限公司", CreditCode = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                FoundedOn = new DateOnly(2024, 3, 1), AnnualRevenueYuan = 1_500_000, ContactName = "联系人", ContactPhone = "13800000000",
                ContactEmail = "contact@example.com", Status = EntryStatus.Approved, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            };
            db.Rounds.Add(round);
            db.Entries.Add(entry);
            await db.SaveChangesAsync();
            var session = new RoadshowSession
            {
                RoundId = round.Id, Name = "第一场" + tag, Venue = "长春国际会展中心 A 厅", StartsAt = now, DrawnAt = now,
                Panel = [new SessionJudge { JudgeUserId = judge.Id }],
                Slots = [new SessionSlot { RoundId = round.Id, EntryId = entry.Id, Position = 1 }],
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            return (session.Id, entry.Title);
        });
    }
}
