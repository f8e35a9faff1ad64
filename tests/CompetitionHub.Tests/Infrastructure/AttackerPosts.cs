using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>
/// Posts no browser sends, written out by hand as an attacker would: the antiforgery token is taken from the one form
/// being attacked (<see cref="FormPosting.TokenOfFormAsync"/>), and the fields are whatever the test says, malformed on purpose.
/// </summary>
internal static class AttackerPosts
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>An urlencoded post of <paramref name="fields"/> (in this order, duplicates kept) plus the form's own token.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string page, string action,
        params (string Name, string Value)[] fields)
    {
        var token = await client.TokenOfFormAsync(action, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(
            [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new(TokenField, token)]));
    }

    /// <summary>The same fields sent as multipart/form-data, which a form without enctype never sends.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string page, string action,
        params (string Name, string Value)[] fields)
    {
        var token = await client.TokenOfFormAsync(action, page);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        content.Add(new StringContent(token), TokenField);
        return await client.PostAsync(action, content);
    }

    /// <summary>What the response asks the browser to store as cookies, in characters: what every later request sends back.</summary>
    public static int SetCookieLength(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Sum(c => c.Length) : 0;
}
