using System.Net;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Accounts;

public sealed class PasswordResetTests(PasswordResetTests.Host host) : IClassFixture<PasswordResetTests.Host>
{
    public sealed class Host : AppFactory;

    private const string SameAnswer = "如果 {0} 是已确认的账号，我们已发送一封重设密码的邮件。";

    [Fact]
    public async Task ResetPassword_SetsANewPasswordFromTheEmailedLink_WhenAccountIsConfirmed()
    {
        var email = TestUsers.NewEmail("reset");
        await host.CreateUserAsync(email, "OldSecret1");
        var client = host.CreateFormClient();

        var asked = await client.PostFormAsync("/account/forgot-password", ("Email", email));
        Assert.Contains(string.Format(SameAnswer, email), await client.FollowAsync(asked));
        var mail = Assert.Single(await host.NotificationsToAsync(email, "password-reset"));
        var link = TestUsers.LinkIn(mail);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);

        var reset = await client.PostFormAsync("/account/reset-password",
            [new("UserId", query["userId"]!), new("Code", query["code"]!), new("Password", "NewSecret2"), new("ConfirmPassword", "NewSecret2")],
            formPage: link);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("密码已重设，请用新密码登录。", await client.GetStringAsync(reset.Headers.Location!.PathAndQuery()));
        Assert.Equal(HttpStatusCode.OK, (await host.CreateFormClient().SignInAsync(email, "OldSecret1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await host.CreateFormClient().SignInAsync(email, "NewSecret2")).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_GivesTheSameAnswerAndQueuesNothing_WhenAccountIsUnknownOrUnconfirmed()
    {
        var unknown = TestUsers.NewEmail("unknown");
        var unconfirmed = TestUsers.NewEmail("unconfirmed");
        await host.CreateUserAsync(unconfirmed, "Secret123", confirmed: false);
        var client = host.CreateFormClient();

        foreach (var email in new[] { unknown, unconfirmed })
        {
            var response = await client.PostFormAsync("/account/forgot-password", ("Email", email));
            Assert.Contains(string.Format(SameAnswer, email), await client.FollowAsync(response));
            Assert.Empty(await host.NotificationsToAsync(email, "password-reset"));
        }
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("YWJj")]
    [InlineData("")]
    public async Task ResetPassword_ShowsInvalidLinkAndKeepsThePassword_WhenCodeIsWrong(string code)
    {
        var email = TestUsers.NewEmail("tamper");
        var user = await host.CreateUserAsync(email, "OldSecret1");
        var client = host.CreateFormClient();

        // A reset link with a made-up code.
        var response = await client.PostFormAsync("/account/reset-password",
            [new("Password", "NewSecret2"), new("ConfirmPassword", "NewSecret2")],
            formPage: $"/account/reset-password?userId={user.Id}&code={Uri.EscapeDataString(code)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("链接无效或已过期。", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await host.CreateFormClient().SignInAsync(email, "OldSecret1")).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_ShowsPasswordRules_WhenNewPasswordIsWeak()
    {
        var email = TestUsers.NewEmail("weak");
        await host.CreateUserAsync(email, "OldSecret1");
        var client = host.CreateFormClient("en");
        await client.PostFormAsync("/account/forgot-password", ("Email", email));
        var link = TestUsers.LinkIn(Assert.Single(await host.NotificationsToAsync(email, "password-reset")));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);

        var response = await client.PostFormAsync("/account/reset-password",
            [new("UserId", query["userId"]!), new("Code", query["code"]!), new("Password", "short"), new("ConfirmPassword", "short")],
            formPage: link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Passwords must be at least 8 characters.", await response.Content.ReadAsStringAsync());
    }
}
