using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Judging;

/// <summary>The judge's profile form posted with values no browser sends.</summary>
public sealed partial class JudgeProfileInputTests(JudgeProfileInputTests.Host host) : IClassFixture<JudgeProfileInputTests.Host>
{
    public sealed class Host : AppFactory;

    private const string Profile = "/judging/profile";

    [Fact]
    public async Task Save_DropsEmptyExpertise_WhenAnEmptyItemIsPosted()
    {
        var judge = await host.PoolJudgeAsync(await host.ContestIdAsync());
        var version = VersionInput().Match(await judge.Client.GetStringAsync(Profile)).Groups[1].Value;

        var response = await judge.Client.PostTamperedAsync(Profile, Profile,
            ("Expertise", ""), ("Expertise", "先进制造"), ("OtherExpertise", ""), ("Affiliation", "吉林大学"), ("Version", version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var profile = await host.WithDbAsync(db => db.JudgeProfiles.AsNoTracking().SingleAsync(p => p.UserId == judge.UserId));
        Assert.Equal(["先进制造"], profile.Expertise);
    }

    [GeneratedRegex("""name="Version" value="([^"]*)""")]
    private static partial Regex VersionInput();
}
