using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;

namespace CompetitionHub.Tests.Accounts;

public sealed class SignInTests(SignInTests.Host host) : IClassFixture<SignInTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task ProtectedPage_RedirectsToThisSitesSignIn_WhenTheRequestClaimsAnotherHost()
    {
        var client = host.CreateFormClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/entries");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_RedirectsToLocalReturnUrl_WhenCredentialsAreRight()
    {
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync("/account/login",
            [new("Email", TestUsers.DemoOrganizer), new("Password", TestUsers.DemoPassword)], formPage: "/account/login?ReturnUrl=%2F%3Ffrom%3Dlogin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?from=login", response.Headers.Location?.OriginalString);
        Assert.Contains(TestUsers.DemoOrganizer, await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Login_RedirectsHome_WhenReturnUrlIsNotLocal(string returnUrl)
    {
        // A link that sends the person to sign in with somewhere else to go afterwards.
        var response = await host.CreateFormClient().PostFormAsync("/account/login",
            [new("Email", TestUsers.DemoContestant), new("Password", TestUsers.DemoPassword)],
            formPage: "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(null, "邮箱或密码不正确。")]
    [InlineData("en", "Incorrect email or password.")]
    public async Task Login_ShowsLocalizedRefusal_WhenPasswordIsWrong(string? culture, string message)
    {
        var response = await host.CreateFormClient(culture).SignInAsync(TestUsers.DemoJudge, "wrong-password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.DoesNotContain("wrong-password1", html);
    }

    [Fact]
    public async Task Login_ShowsTheSameRefusal_WhenAccountDoesNotExist()
    {
        var response = await host.CreateFormClient().SignInAsync(TestUsers.NewEmail("ghost"), "Secret123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("邮箱或密码不正确。", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_RefusesThisClientEvenTheRightPasswordWithTheSameAnswer_AfterFiveWrongOnes()
    {
        var email = TestUsers.NewEmail("throttled");
        await host.CreateUserAsync(email, "Secret123");
        var client = host.CreateFormClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, $"Wrong{i}pass")).StatusCode);
        var response = await client.SignInAsync(email, "Secret123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AccountController.SignInRefused, await response.Content.ReadAsStringAsync());
        // The account itself is not locked: that would let anyone who knows the address keep its owner out.
        var user = (await host.FindUserAsync(email))!;
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task Login_ThrottlesWrongPasswordsTheSameWay_WhenEmailIsUnconfirmed()
    {
        var email = TestUsers.NewEmail("unconfirmed-throttled");
        await host.CreateUserAsync(email, "Secret123", confirmed: false);
        var client = host.CreateFormClient();

        var first = await client.SignInAsync(email, "Wrong0pass");
        for (var i = 1; i < 5; i++) await client.SignInAsync(email, $"Wrong{i}pass");
        var right = await client.SignInAsync(email, "Secret123");

        Assert.Contains(AccountController.SignInRefused, await first.Content.ReadAsStringAsync());
        Assert.Contains(AccountController.SignInRefused, await right.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "", "请填写邮箱地址。")]
    [InlineData("not-an-email", "x", "邮箱地址格式不正确。")]
    [InlineData("a@example.com", "", "请填写密码。")]
    public async Task Login_ShowsFieldError_WhenInputIsIncomplete(string email, string password, string message)
    {
        var response = await host.CreateFormClient().SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_EndsTheSession_WhenPosted()
    {
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        var response = await client.PostFormAsync("/account/logout", [], formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Login_IsRejectedAndNotProcessed_WhenAntiforgeryTokenIsMissing()
    {
        var email = TestUsers.NewEmail("csrf-login");
        await host.CreateUserAsync(email, "Secret123");
        var client = host.CreateFormClient();
        await client.GetAsync("/account/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Email", email), new("Password", "Wrong0pass")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await host.FindUserAsync(email))!.AccessFailedCount);
    }

    [Fact]
    public async Task AccessDenied_Shows403Page_WhenVisited()
    {
        var response = await host.CreateFormClient("en").GetAsync("/account/access-denied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync());
    }
}

internal static class UriExtensions
{
    /// <summary>Location headers are relative here; this reads their path either way.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
