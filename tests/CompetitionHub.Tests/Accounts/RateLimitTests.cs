using System.Net;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Accounts;

public sealed class RateLimitTests(RateLimitTests.Host host) : IClassFixture<RateLimitTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("RateLimits:Auth:PermitLimit", "3");
    }

    [Fact]
    public async Task Login_Returns429_OnTheFourthPostInOneWindow()
    {
        var client = host.CreateFormClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.SignInAsync(TestUsers.DemoJudge, $"Wrong{i}pass")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Opening the form is not an attempt: the page still loads for the person to read the message.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
