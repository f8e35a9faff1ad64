using System.Net;
using System.Net.Http.Headers;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CompetitionHub.Tests.Home;

/// <summary>
/// Requests whose form cannot even be read, sent to a real Kestrel as in production: each gets its real status and the
/// friendly page, and nothing is logged as a server error.
/// </summary>
public sealed class ErrorPageTests(ErrorPageTests.Host host) : IClassFixture<ErrorPageTests.Host>
{
    public sealed class Host : RegistrationHost
    {
        public const long UploadLimit = 20L * 1024 * 1024;

        public Host()
        {
            Kestrel = true;
            EnvironmentName = "Production";
            With("Uploads:MaxBytes", UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public FakeLogCollector Logs => Services.GetFakeLogCollector();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddFakeLogging());
        }
    }

    private const string Login = "/account/login";

    private async Task<HttpResponseMessage> PostLoginAsync(Browserless browser, params (string Name, string Value)[] fields)
    {
        host.Logs.Clear();
        return await browser.Http.PostTamperedAsync(Login, Login, fields);
    }

    private void AssertNoServerErrorLogged() =>
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);

    private async Task AssertFriendlyPageAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        // The log says why, should the status be wrong.
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: " +
            string.Join(Environment.NewLine, host.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Category}: {r.Message} {r.Exception}")));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, html);
        Assert.Contains("返回首页", html);
    }

    [Fact]
    public async Task Post_Answers400WithTheFriendlyPage_WhenAnUrlEncodedValueHoldsNul()
    {
        using var browser = new Browserless(host.ServerAddress);

        var response = await PostLoginAsync(browser, ("Email", "a\0b@example.com"), ("Password", "x"));

        await AssertFriendlyPageAsync(response, HttpStatusCode.BadRequest, "请求无效");
        AssertNoServerErrorLogged();
    }

    [Fact]
    public async Task Post_Answers400WithTheFriendlyPage_WhenTheFormHasOver1024Fields()
    {
        using var browser = new Browserless(host.ServerAddress);

        var response = await PostLoginAsync(browser, [.. Enumerable.Range(0, 1100).Select(i => ($"f{i}", "x"))]);

        await AssertFriendlyPageAsync(response, HttpStatusCode.BadRequest, "请求无效");
        AssertNoServerErrorLogged();
    }

    [Fact]
    public async Task Post_Answers400WithTheFriendlyPage_WhenAFieldNameIsOver2048Characters()
    {
        using var browser = new Browserless(host.ServerAddress);

        var response = await PostLoginAsync(browser, (new string('k', 3000), "x"));

        await AssertFriendlyPageAsync(response, HttpStatusCode.BadRequest, "请求无效");
        AssertNoServerErrorLogged();
    }

    [Fact]
    public async Task Show_KeepsTheRealStatus_WhenAFieldNamedCodeIsPosted()
    {
        using var browser = new Browserless(host.ServerAddress);
        await browser.Http.GetAsync(Login);

        // No token at all: antiforgery refuses with 400, and the posted "code" must not turn that into a 404.
        var response = await browser.Http.PostAsync(Login, new FormUrlEncodedContent([new("code", "404"), new("Email", "a@b.cn")]));

        await AssertFriendlyPageAsync(response, HttpStatusCode.BadRequest, "请求无效");
    }

    [Fact]
    public async Task Upload_Answers413WithTheFileTooLargePage_WhenTheFileIsOverTheLimit()
    {
        var contest = await host.CreateOpenContestAsync();
        var email = TestUsers.NewEmail("big");
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        using var leader = new Browserless(host.ServerAddress);
        await leader.SignInAsync(email);
        var entryId = await leader.Http.CreateEntryAsync(contest, await leader.Http.CreateTeamAsync());
        var action = $"/entries/{entryId}/materials";
        var token = await leader.Http.TokenOfFormAsync(action, $"/entries/{entryId}");
        host.Logs.Clear();

        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent("BusinessPlan"), "kind");
        var file = new ByteArrayContent([.. RegistrationSteps.Pdf, .. new byte[22 * 1024 * 1024]]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", "plan.pdf");
        var response = await leader.Http.PostAsync(action, content);

        await AssertFriendlyPageAsync(response, HttpStatusCode.RequestEntityTooLarge, "文件过大");
        Assert.Contains("20 MB", await response.Content.ReadAsStringAsync());
        AssertNoServerErrorLogged();
    }
}
