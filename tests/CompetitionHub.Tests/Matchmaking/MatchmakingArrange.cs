using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Matchmaking;

public sealed record TestInvestor(HttpClient Client, string UserId, string Email);

public sealed record TestTeamEntry(int Id, string LeaderEmail, HttpClient Leader);

/// <summary>Matchmaking events, investors and visible entries put straight into the database; requests and answers through the pages.</summary>
internal static class MatchmakingArrange
{
    public const string ActivityWeek = "shuangchuang-week-jilin";
    public const string Venue = "长春国际会展中心 B 馆";

    /// <summary>A published matchmaking event of the seeded Activity Week, starting ten days after the host's clock, on a whole hour.</summary>
    public static Task<int> AddMatchmakingEventAsync(this RegistrationHost host, int minutes = 120, int daysAhead = 10) =>
        host.WithDbAsync(async db =>
        {
            var contestId = await db.Contests.Where(c => c.Slug == ActivityWeek).Select(c => c.Id).SingleAsync();
            var now = host.Now;
            var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddDays(daysAhead);
            var e = new ActivityEvent
            {
                ContestId = contestId, Type = ActivityEventType.Matchmaking, Title = "投融资对接会 " + ReviewData.Tag(), TitleEn = "Investor matchmaking",
                Venue = Venue, StartsAt = start, EndsAt = start.AddMinutes(minutes), IsPublished = true, CreatedAt = now, UpdatedAt = now,
            };
            db.ActivityEvents.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    public static async Task<TestInvestor> NewInvestorAsync(this AppFactory host, bool withProfile = true, string? culture = null)
    {
        var email = TestUsers.NewEmail("investor");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, "投资人" + email[9..15], roles: Roles.Investor);
        if (withProfile)
        {
            await host.WithDbAsync(async db =>
            {
                db.InvestorProfiles.Add(new InvestorProfile
                {
                    UserId = user.Id, FundName = "吉林测试创投基金", Industries = ["电子信息"], Stages = [InvestmentStage.Angel],
                    TicketMinWan = 100, TicketMaxWan = 500, UpdatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            });
        }
        var client = host.CreateFormClient(culture);
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return new TestInvestor(client, user.Id, email);
    }

    /// <summary>An approved entry of the seeded competition with a signed-in leader, opened to investors unless told.</summary>
    public static async Task<TestTeamEntry> NewEntryAsync(this AppFactory host, bool visible = true, EntryStatus status = EntryStatus.Approved,
        InvestmentStage? stage = null, string? title = null)
    {
        var entry = await host.CreateEntryAsync(status, title ?? "对接项目" + ReviewData.Tag());
        if (visible)
        {
            await host.WithDbAsync(async db =>
            {
                db.EntryVisibilities.Add(new EntryVisibility { EntryId = entry.Id, VisibleToInvestors = true, Stage = stage, ChangedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            });
        }
        var leader = host.CreateFormClient();
        await leader.SignInOrThrowAsync(entry.LeaderEmail!, "Secret123");
        return new TestTeamEntry(entry.Id, entry.LeaderEmail!, leader);
    }

    public static Task<HttpResponseMessage> RequestMeetingAsync(this HttpClient investor, int entryId, int eventId, string message = "希望了解贵团队的融资计划。") =>
        investor.PostFormAsync($"/matchmaking/projects/{entryId}/request",
            [new("EventId", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Message", message)],
            $"/matchmaking/projects/{entryId}");

    /// <summary>Asks for a meeting and returns its id, failing loudly when the page refused.</summary>
    public static async Task<int> RequestedMeetingAsync(this AppFactory host, TestInvestor investor, int entryId, int eventId)
    {
        var response = await investor.Client.RequestMeetingAsync(entryId, eventId);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.TextAsync());
        return await host.WithDbAsync(db => db.MeetingRequests.Where(m => m.InvestorUserId == investor.UserId && m.EntryId == entryId)
            .OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync());
    }

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient member, int meetingId, string action, string note = "") =>
        member.PostFormAsync($"/matchmaking/meetings/{meetingId}/{action}", [new("Note", note)], "/matchmaking/meetings");

    /// <summary>An answer the meetings page does not offer this person (not their meeting, already answered), sent by hand.</summary>
    public static Task<HttpResponseMessage> AnswerByHandAsync(this HttpClient member, int meetingId, string action, string note = "") =>
        member.PostTamperedAsync($"/matchmaking/meetings/{meetingId}/{action}", [new("Note", note)], "/matchmaking/meetings");

    /// <summary>A meeting request the project page does not offer this person, sent by hand.</summary>
    public static Task<HttpResponseMessage> RequestMeetingByHandAsync(this HttpClient client, int entryId, int eventId, string formPage) =>
        client.PostTamperedAsync($"/matchmaking/projects/{entryId}/request",
            [new("EventId", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Message", "你好")], formPage);

    public static Task<MeetingRequest> MeetingAsync(this AppFactory host, int id) =>
        host.WithDbAsync(db => db.MeetingRequests.AsNoTracking().Include(m => m.Slot).SingleAsync(m => m.Id == id));
}
