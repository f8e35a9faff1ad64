using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Live;

/// <summary>
/// A roadshow session of an unpublished contest over real Kestrel and real SignalR clients: session ids are sequential,
/// so its live page, big screen, draw page and stage group must not answer the public, while those who run it still watch.
/// </summary>
public sealed class UnpublishedStageTests(UnpublishedStageTests.Host host) : IClassFixture<UnpublishedStageTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            With("Hangfire:Server", "false");
        }
    }

    private sealed record Arranged(int ContestId, int SessionId, string OrganizerEmail, string JudgeEmail);

    private async Task<Arranged> ArrangeAsync()
    {
        var organizerEmail = TestUsers.NewEmail("org");
        var organizer = await host.CreateUserAsync(organizerEmail, TestUsers.DemoPassword, roles: Roles.Organizer);
        var judgeEmail = TestUsers.NewEmail("judge");
        var judge = await host.CreateUserAsync(judgeEmail, TestUsers.DemoPassword, roles: Roles.Judge);
        var contestId = await host.AddContestAsync(published: false, organizerUserId: organizer.Id);
        var roundId = await host.AddRoundAsync(contestId, status: Web.Features.Contests.RoundStatus.Open);
        var sessionId = await host.SessionAsync(roundId, "未发布赛事路演", DateTime.UtcNow.AddHours(1), [judge.Id]);
        return new(contestId, sessionId, organizerEmail, judgeEmail);
    }

    private static HubConnection Stage(Uri server, Browserless? signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, StageHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (signedIn is not null) o.Cookies = signedIn.Cookies;
            })
            .Build();

    private static async Task<StageJoin> JoinAsync(Uri server, Browserless? signedIn, int sessionId)
    {
        await using var connection = Stage(server, signedIn);
        await connection.StartAsync();
        return await connection.InvokeAsync<StageJoin>(nameof(StageHub.JoinStage), sessionId);
    }

    private static async Task<Browserless> SignedInAsync(Uri server, string email)
    {
        var browser = new Browserless(server);
        await browser.SignInAsync(email);
        return browser;
    }

    [Fact]
    public async Task LivePagesAndJoinStage_AreNotFound_WhenTheContestIsUnpublishedAndTheReaderDoesNotRunIt()
    {
        var s = await ArrangeAsync();
        var server = host.ServerAddress;
        using var anonymous = new Browserless(server);
        var spectatorEmail = TestUsers.NewEmail("fan");
        await host.CreateUserAsync(spectatorEmail, TestUsers.DemoPassword, "观众");
        using var spectator = await SignedInAsync(server, spectatorEmail);
        var otherOrganizerEmail = TestUsers.NewEmail("otherorg");
        var otherOrganizer = await host.CreateUserAsync(otherOrganizerEmail, TestUsers.DemoPassword, roles: Roles.Organizer);
        await host.AddContestAsync(published: false, organizerUserId: otherOrganizer.Id);
        using var otherStaff = await SignedInAsync(server, otherOrganizerEmail);

        foreach (var reader in new[] { anonymous, spectator, otherStaff })
        {
            foreach (var path in new[] { $"/live/sessions/{s.SessionId}", $"/live/sessions/{s.SessionId}/screen", $"/live/sessions/{s.SessionId}/draw" })
                Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync(path)).StatusCode);
            var join = await JoinAsync(server, reader == anonymous ? null : reader, s.SessionId);
            Assert.Null(join.Stage);
            // The same words as for a session that does not exist.
            Assert.Equal("路演场次不存在。", join.Error);
        }
    }

    [Fact]
    public async Task LivePagesAndJoinStage_Answer_WhenTheReaderRunsTheUnpublishedContestOrItIsPublished()
    {
        var s = await ArrangeAsync();
        var server = host.ServerAddress;
        using var organizer = await SignedInAsync(server, s.OrganizerEmail);
        using var admin = await SignedInAsync(server, TestUsers.DemoAdmin);
        using var judge = await SignedInAsync(server, s.JudgeEmail);

        foreach (var reader in new[] { organizer, admin })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync($"/live/sessions/{s.SessionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync($"/live/sessions/{s.SessionId}/screen")).StatusCode);
        }
        foreach (var reader in new[] { organizer, admin, judge })
        {
            var join = await JoinAsync(server, reader, s.SessionId);
            Assert.Null(join.Error);
            Assert.Equal(s.SessionId, join.Stage!.SessionId);
        }

        await host.WithDbAsync(async db =>
        {
            var contest = await db.Contests.SingleAsync(c => c.Id == s.ContestId);
            contest.IsPublished = true;
            await db.SaveChangesAsync();
        });
        using var anonymous = new Browserless(server);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/live/sessions/{s.SessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/live/sessions/{s.SessionId}/screen")).StatusCode);
        Assert.Equal(s.SessionId, (await JoinAsync(server, null, s.SessionId)).Stage!.SessionId);
    }
}
