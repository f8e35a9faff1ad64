using System.Net;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Accounts;

public sealed class SignUpTests(SignUpTests.Host host) : IClassFixture<SignUpTests.Host>
{
    public sealed class Host : AppFactory;

    private static (string, string)[] Form(string email, string name = "张三", string password = "Secret123", string? confirm = null) =>
    [
        ("DisplayName", name), ("Email", email), ("Password", password), ("ConfirmPassword", confirm ?? password),
    ];

    [Fact]
    public async Task Register_CreatesUnconfirmedContestantAndQueuesOneConfirmation_WhenFormIsValid()
    {
        var email = TestUsers.NewEmail("signup");
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync("/account/register", Form(email));

        Assert.Contains($"我们已向 {email} 发送了一封确认邮件", await client.FollowAsync(response));
        var user = await host.FindUserAsync(email);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        Assert.Equal("张三", user.DisplayName);
        Assert.Equal("zh-CN", user.PreferredCulture);
        Assert.Equal([Roles.Contestant], await host.RolesOfAsync(email));
        var mail = Assert.Single(await host.NotificationsToAsync(email, "account-confirm"));
        // Queued with the account; the background sender may already have delivered it by the time this reads.
        Assert.Contains(mail.Status, new[] { NotificationStatus.Pending, NotificationStatus.Sent });
        Assert.Equal("zh-CN", mail.Culture);
        Assert.Equal("张三", mail.RecipientName);
        using var payload = JsonDocument.Parse(mail.PayloadJson);
        Assert.Equal("张三", payload.RootElement.GetProperty("displayName").GetString());
        Assert.StartsWith("http://localhost/account/confirm-email?userId=", payload.RootElement.GetProperty("link").GetString());
    }

    [Fact]
    public async Task SignIn_WorksOnlyAfterTheEmailedLinkIsFollowed_WhenAccountIsNew()
    {
        var email = TestUsers.NewEmail("confirm");
        var client = host.CreateFormClient();
        await client.PostFormAsync("/account/register", Form(email));

        var refused = await client.SignInAsync(email, "Secret123");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("邮箱地址尚未确认。请先打开确认邮件中的链接，再登录。", refusedHtml);
        Assert.Contains("id=\"resend-link\"", refusedHtml);

        var mail = Assert.Single(await host.NotificationsToAsync(email, "account-confirm"));
        var confirm = await client.GetAsync(TestUsers.LinkIn(mail));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("邮箱已确认，现在可以登录了。", await confirm.Content.ReadAsStringAsync());
        Assert.True((await host.FindUserAsync(email))!.EmailConfirmed);

        var signedIn = await client.SignInAsync(email, "Secret123");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Contains(email, await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Register_StoresEnglishAsPreferredCulture_WhenVisitorChoseEnglish()
    {
        var email = TestUsers.NewEmail("english");
        var client = host.CreateFormClient("en");

        var response = await client.PostFormAsync("/account/register", Form(email, "Jane Doe"));

        Assert.Contains($"We have sent a confirmation email to {email}.", await client.FollowAsync(response));
        Assert.Equal("en", (await host.FindUserAsync(email))!.PreferredCulture);
        Assert.Equal("en", Assert.Single(await host.NotificationsToAsync(email, "account-confirm")).Culture);
    }

    [Fact]
    public async Task Register_AnswersAsForANewAccountAndMailsTheOwner_WhenEmailIsAlreadyRegistered()
    {
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync("/account/register", Form(TestUsers.DemoJudge.ToUpperInvariant(), "冒名者"));

        Assert.Contains($"我们已向 {TestUsers.DemoJudge.ToUpperInvariant()} 发送了一封确认邮件", await client.FollowAsync(response));
        Assert.Equal(1, await host.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == TestUsers.DemoJudge.ToUpperInvariant())));
        Assert.Equal("王评委", (await host.FindUserAsync(TestUsers.DemoJudge))!.DisplayName);
        var mail = Assert.Single(await host.NotificationsToAsync(TestUsers.DemoJudge, "account-exists"));
        Assert.Equal("/account/forgot-password", TestUsers.LinkIn(mail, "resetLink"));
    }

    [Fact]
    public async Task ResendConfirmation_QueuesAnotherLink_WhenAccountIsUnconfirmed()
    {
        var email = TestUsers.NewEmail("resend");
        await host.CreateUserAsync(email, "Secret123", confirmed: false);
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync("/account/resend-confirmation", ("Email", email));
        Assert.Contains($"如果 {email} 已注册且尚未确认，我们已重新发送确认邮件。", await client.FollowAsync(response));
        var unknown = await client.PostFormAsync("/account/resend-confirmation", ("Email", TestUsers.NewEmail("nobody")));

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        var mail = Assert.Single(await host.NotificationsToAsync(email, "account-confirm"));
        await client.GetAsync(TestUsers.LinkIn(mail));
        Assert.True((await host.FindUserAsync(email))!.EmailConfirmed);
    }

    [Theory]
    [InlineData("/account/register", "我们已向 {0} 发送了一封确认邮件。")]
    [InlineData("/account/resend-confirmation", "如果 {0} 已注册且尚未确认，我们已重新发送确认邮件。")]
    [InlineData("/account/forgot-password", "如果 {0} 是已确认的账号，我们已发送一封重设密码的邮件。")]
    public async Task AccountPost_RedirectsAndTheCheckEmailPageSaysItOnce_WhenTheFormIsValid(string url, string said)
    {
        var email = TestUsers.NewEmail("prg");
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync(url, url == "/account/register" ? Form(email) : [("Email", email)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/check-email", response.Headers.Location?.OriginalString);
        Assert.Contains(string.Format(said, email), await client.FollowAsync(response));
        // A refresh of the page (the GET) neither posts again nor repeats the message.
        Assert.DoesNotContain(email, await client.GetStringAsync("/account/check-email"));
    }

    [Theory]
    [InlineData("/account/confirm-email?userId=nobody&code=not-base64!!")]
    [InlineData("/account/confirm-email")]
    [InlineData("/account/confirm-email?userId=x&code=YWJj")]
    public async Task ConfirmEmail_ShowsInvalidLink_WhenLinkIsBroken(string url)
    {
        var response = await host.CreateFormClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("链接无效或已过期。", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_IsRejectedWithoutCreatingUser_WhenAntiforgeryTokenIsMissing()
    {
        var email = TestUsers.NewEmail("csrf");
        var client = host.CreateFormClient();
        await client.GetAsync("/account/register");

        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(
            Form(email).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await host.FindUserAsync(email));
    }
}
