namespace CompetitionHub.Tests.Infrastructure;

/// <summary>What an attacker's post leaves behind in the browser.</summary>
internal static class CookieLength
{
    /// <summary>What the response asks the browser to store as cookies, in characters: what every later request sends back.</summary>
    public static int SetCookieLength(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Sum(c => c.Length) : 0;
}
