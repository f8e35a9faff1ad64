using System.Net;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Accounts;

/// <summary>The anonymous sign-in form posted with values no browser sends.</summary>
public sealed class SignInInputTests(SignInInputTests.Host host) : IClassFixture<SignInInputTests.Host>
{
    public sealed class Host : AppFactory;

    [Theory]
    [InlineData(null, "输入的值无效。")]
    [InlineData("en", "The value entered is not valid.")]
    public async Task Login_ShowsTheFormAgainWithAFieldMessage_WhenRememberMeIsNotABoolean(string? culture, string message)
    {
        var client = host.CreateFormClient(culture);

        var response = await client.PostTamperedAsync("/account/login", "/account/login",
            ("Email", TestUsers.DemoContestant), ("Password", TestUsers.DemoPassword), ("RememberMe", "abc"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"login-form\"", html);
        Assert.Contains(message, html);
        Assert.DoesNotContain(".AspNetCore.Identity.Application", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
    }
}
