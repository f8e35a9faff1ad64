using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Teams;

/// <summary>Team names carrying characters that only hide or reorder text, sent as an attacker would.</summary>
public sealed class TeamNameInputTests(TeamNameInputTests.Host host) : IClassFixture<TeamNameInputTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<HttpClient> SignedInAsync()
    {
        var email = TestUsers.NewEmail("team");
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return client;
    }

    [Fact]
    public async Task Create_StoresTheNameTrimmedWithoutControlOrBidiCharacters()
    {
        var client = await SignedInAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];

        var response = await client.PostTamperedAsync("/teams", "/teams", ("Name", $"  \u202E星火\u0001\u0007团队\u2066{tag}\u200F\t "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == $"星火团队{tag}")));
    }

    [Fact]
    public async Task Create_IsRefusedWithAMessage_WhenAMultipartPostHoldsNul()
    {
        var client = await SignedInAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];

        var response = await client.PostTamperedMultipartAsync("/teams", "/teams", [("Name", $"星火\0团队{tag}")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("输入内容含有不允许的字符。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name.Contains(tag))));
    }
}
