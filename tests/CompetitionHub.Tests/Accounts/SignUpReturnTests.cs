using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Accounts;

/// <summary>
/// A newcomer who wanted to enter a contest signs up, confirms the address from the mail that really arrives over SMTP,
/// signs in and lands on that contest's entry form. Only an address on this site is carried along.
/// </summary>
public sealed partial class SignUpReturnTests(SignUpReturnTests.Host host) : IClassFixture<SignUpReturnTests.Host>
{
    public sealed class Host : SmtpAppFactory;

    private const string Password = "Changchun2026";
    private static readonly HtmlParser Parser = new();

    [GeneratedRegex(@"https?://[^\s""<>]*/account/confirm-email[^\s""<>]*")]
    private static partial Regex ConfirmLink();

    private static (string, string)[] Form(string email) =>
        [("DisplayName", "韩雪松"), ("Email", email), ("Password", Password), ("ConfirmPassword", Password)];

    private static async Task<string> HrefAsync(HttpClient client, string url, string selector)
    {
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync(url));
        return page.QuerySelector(selector)?.GetAttribute("href") ?? throw new InvalidOperationException($"No {selector} on {url}.");
    }

    /// <summary>The confirmation link of the mail the SMTP server received for <paramref name="email"/>, as a path on the site.</summary>
    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var mail = Assert.Single(await host.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        return new Uri(ConfirmLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
    }

    [Fact]
    public async Task SignIn_LandsOnTheContestsEntryForm_WhenTheNewcomerCameFromItsPageThroughSignUpAndTheMailedLink()
    {
        var contestId = await host.AddContestAsync();
        await host.AddTrackAsync(contestId, "startup");
        var email = TestUsers.NewEmail("return");
        var client = host.CreateFormClient();

        var register = await HrefAsync(client, $"/contests/{contestId}", "#contest-enter-register");
        var registered = await client.PostFormAsync("/account/register", Form(email).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), register);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmLink = await ConfirmationLinkAsync(email);
        var login = await HrefAsync(client, confirmLink, "#confirm-login");
        var signedIn = await client.PostFormAsync("/account/login", [new("Email", email), new("Password", Password)], login);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/entries/new?contestId={contestId}", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(signedIn.Headers.Location!.OriginalString)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/entries/new")]
    [InlineData("//evil.example/entries/new")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_GoesHome_WhenTheReturnAddressIsNotOnThisSite(string forged)
    {
        var email = TestUsers.NewEmail("forged");
        var client = host.CreateFormClient();
        var register = $"/account/register?returnUrl={Uri.EscapeDataString(forged)}";

        var form = await Parser.ParseDocumentAsync(await client.GetStringAsync(register));
        Assert.Equal("", form.QuerySelector("#register-form input[name=ReturnUrl]")?.GetAttribute("value") ?? "");
        // What no page offers: the forged address posted in the form's hidden field.
        var registered = await client.PostTamperedAsync("/account/register",
            [.. Form(email).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("ReturnUrl", forged)], register);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.DoesNotContain("evil", registered.Headers.Location!.OriginalString);
        var confirmLink = await ConfirmationLinkAsync(email);
        Assert.DoesNotContain("returnUrl", confirmLink);
        var login = await HrefAsync(client, confirmLink, "#confirm-login");
        var signedIn = await client.PostTamperedAsync("/account/login",
            [new("Email", email), new("Password", Password), new("ReturnUrl", forged)], login);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }
}
