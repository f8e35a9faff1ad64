using System.Net;
using CompetitionHub.Tests.Live;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitionHub.Tests.Accounts;

/// <summary>
/// A decision that ends access ends it at once, over real HTTP and real SignalR connections on Kestrel: the session's
/// own cookie is refused on its next request, and the hub connection its page holds is closed by the server.
/// </summary>
public sealed class SessionRevocationTests(SessionRevocationTests.Host host) : IClassFixture<SessionRevocationTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => Kestrel = true;
    }

    private sealed record OpenSession(string Email, string UserId, Browserless Browser, HubConnection Hub, Task Closed) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            Browser.Dispose();
        }
    }

    /// <summary>An organizer signed in, with the organizer page open and its live connection started.</summary>
    private async Task<OpenSession> OrganizerSessionAsync()
    {
        var email = TestUsers.NewEmail("revoked");
        var user = await host.CreateUserAsync(email, "Secret123", "组织者乙", roles: Roles.Organizer);
        var browser = new Browserless(host.ServerAddress);
        await browser.SignInAsync(email, "Secret123");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/organizer")).StatusCode);
        var hub = LiveHubTests.Connect(host.ServerAddress, browser);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        return new OpenSession(email, user.Id, browser, hub, closed.Task);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = new Browserless(host.ServerAddress).Http;
        await admin.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        return admin;
    }

    private static async Task AssertEndedAsync(OpenSession session)
    {
        var next = await session.Browser.Http.GetAsync("/organizer");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.OriginalString);
        await session.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, session.Hub.State);
    }

    [Fact]
    public async Task RemoveRole_EndsTheOpenSessionAndClosesItsHubConnection_WhenAdminRemovesTheRole()
    {
        await using var session = await OrganizerSessionAsync();
        var admin = await AdminAsync();

        var removed = await admin.PostFormAsync("/admin/users/remove-role",
            [new("userId", session.UserId), new("role", Roles.Organizer)], formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await AssertEndedAsync(session);
    }

    [Fact]
    public async Task Lock_EndsTheOpenSessionAndClosesItsHubConnection_WhenAdminLocksTheUser()
    {
        await using var session = await OrganizerSessionAsync();
        var admin = await AdminAsync();

        var locked = await admin.PostFormAsync("/admin/users/lock", [new("userId", session.UserId)], formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        await AssertEndedAsync(session);
    }

    [Fact]
    public async Task ResetPassword_EndsTheOpenSessionAndClosesItsHubConnection_WhenThePasswordIsChanged()
    {
        await using var session = await OrganizerSessionAsync();
        using var mailbox = new Browserless(host.ServerAddress);
        var other = mailbox.Http;
        await other.PostFormAsync("/account/forgot-password", ("Email", session.Email));
        var link = TestUsers.LinkIn(Assert.Single(await host.NotificationsToAsync(session.Email, "password-reset")));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);

        var reset = await other.PostFormAsync("/account/reset-password",
            [new("UserId", query["userId"]!), new("Code", query["code"]!), new("Password", "NewSecret2"), new("ConfirmPassword", "NewSecret2")],
            formPage: link);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertEndedAsync(session);
    }

    [Fact]
    public async Task Logout_MakesACopyOfTheCookieSignedOutAndClosesTheHubConnection_WhenTheSessionSignsOut()
    {
        await using var session = await OrganizerSessionAsync();
        // A copy of the cookie, as someone who read it off the wire or the disk would hold it.
        var copy = new CookieContainer();
        copy.Add(session.Browser.Cookies.GetCookies(host.ServerAddress));
        using var replay = new Browserless(host.ServerAddress, copy);
        Assert.Equal(HttpStatusCode.OK, (await replay.Http.GetAsync("/organizer")).StatusCode);

        var signedOut = await session.Browser.Http.PostFormAsync("/account/logout", [], formPage: "/organizer");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var replayed = await replay.Http.GetAsync("/organizer");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.OriginalString);
        await session.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, session.Hub.State);
    }

    [Fact]
    public async Task Request_KeepsTheSession_WhenNothingChanged()
    {
        await using var session = await OrganizerSessionAsync();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await session.Browser.Http.GetAsync("/organizer")).StatusCode);
        Assert.Equal(HubConnectionState.Connected, session.Hub.State);
    }
}
