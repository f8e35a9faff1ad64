using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>The configured public address the tests expect links to start with, and the Host an attacker sends instead.</summary>
internal static partial class PublicSite
{
    /// <summary>With a path base, as a site served under a prefix of a shared host is.</summary>
    public const string BaseUrl = "https://cy.jl.gov.cn/hub";

    public const string ForgedHost = "evil.example";

    /// <summary>
    /// Links start from <see cref="BaseUrl"/>, and every Host is let in (AllowedHosts "*", as an operator might set it),
    /// so a forged Host reaches the app and the test sees what it would have built from it.
    /// </summary>
    public static AppFactory OnPublicSiteAcceptingAnyHost(this AppFactory host) =>
        host.With("Site:PublicBaseUrl", BaseUrl).With("AllowedHosts", "*");

    /// <summary>Every request of this client claims to be for <see cref="ForgedHost"/>.</summary>
    public static HttpClient ForgingHost(this HttpClient client)
    {
        client.DefaultRequestHeaders.Host = ForgedHost;
        return client;
    }

    /// <summary>Every http(s) address in a text (an email's plain-text part, a calendar feed).</summary>
    public static IReadOnlyList<string> LinksIn(string? text) => [.. Links().Matches(text ?? "").Select(m => m.Value)];

    /// <summary>The path and query of a link after the site's path base, as the app behind the proxy serves it.</summary>
    public static string AppPath(string link)
    {
        var pathAndQuery = new Uri(link).PathAndQuery;
        Assert.StartsWith("/hub/", pathAndQuery);
        return pathAndQuery["/hub".Length..];
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
