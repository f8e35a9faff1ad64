using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CompetitionHub.Tests.Registration;

/// <summary>
/// The real app with a fake clock (starting at the real time, so cookies and keys behave), mail to a real SMTP listener,
/// no Hangfire server (tests run the sender themselves) and a small upload limit. Each test makes its own contest with a
/// registration window relative to the clock, so advancing it in one test does not disturb another.
/// </summary>
public class RegistrationHost : SmtpAppFactory
{
    public const int MaxUploadBytes = 64 * 1024;

    public RegistrationHost()
    {
        With("Hangfire:Server", "false");
        With("Uploads:MaxBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("RateLimits:Uploads:PermitLimit", "10000");
        WithClock(Clock);
    }

    // From a whole second: PostgreSQL keeps times to the microsecond, so a time of finer ticks would not read back equal.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
}

public sealed record TestContest(int Id, int TrackId);

internal static partial class RegistrationSteps
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>A published contest with one track, open from <paramref name="opens"/> to <paramref name="closes"/>.</summary>
    public static Task<TestContest> CreateContestAsync(this RegistrationHost host, DateTime opens, DateTime closes,
        params MaterialKind[] required) =>
        host.WithDbAsync(async db =>
        {
            var department = await db.Departments.OrderBy(d => d.Id).FirstAsync();
            var slug = "test-" + Guid.NewGuid().ToString("N")[..12];
            var contest = new Contest
            {
                Slug = slug, Name = "测试赛事 " + slug, NameEn = "Test contest " + slug, EditionYear = 2027,
                LeadDepartmentId = department.Id, IsPublished = true, RegistrationOpensAt = opens, RegistrationClosesAt = closes,
                IndustryFields = ["电子信息", "生物医药"],
            };
            contest.Tracks.Add(new ContestTrack { Code = "startup", Name = "初创组", NameEn = "Start-up group", RequiredMaterials = [.. required] });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            return new TestContest(contest.Id, contest.Tracks[0].Id);
        });

    public static Task<TestContest> CreateOpenContestAsync(this RegistrationHost host, params MaterialKind[] required) =>
        host.CreateContestAsync(host.Now.AddDays(-1), host.Now.AddDays(10), required);

    /// <summary>A new confirmed account with the given roles, and a client signed in as it.</summary>
    public static async Task<(HttpClient Client, string Email, string UserId)> SignedInAsync(this AppFactory host, params string[] roles)
    {
        var email = TestUsers.NewEmail("reg");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: roles);
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return (client, email, user.Id);
    }

    public static async Task<int> CreateTeamAsync(this HttpClient client, string name = "星火团队")
    {
        var response = await client.PostFormAsync("/teams", ("Name", name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdAtEnd(response);
    }

    /// <summary>Invites <paramref name="email"/> and has that person (signed in as <paramref name="invitee"/>) accept.</summary>
    public static async Task AddMemberAsync(this AppFactory host, HttpClient leader, int teamId, string email, HttpClient invitee)
    {
        var version = await host.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        var invited = await leader.PostFormAsync($"/teams/{teamId}/invitations", [new("Email", email), new("Version", version.ToString())], $"/teams/{teamId}");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = TestUsers.LinkIn((await host.NotificationsToAsync(email, "team-invitation")).Last());
        var accepted = await invitee.PostFormAsync(link + "/accept", [], link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    public static readonly (string, string)[] CompleteFields =
    [
        ("Title", "智能农机调度平台"), ("Summary", "用北斗定位调度农机。"), ("Industry", "电子信息"), ("ApplicantType", "Team"),
        ("LeaderGender", "Female"), ("ContactName", "李创业"), ("ContactPhone", "0431-88888888"), ("ContactEmail", "li@example.com"),
    ];

    public static async Task<int> CreateEntryAsync(this HttpClient client, TestContest contest, int teamId, params (string, string)[] fields)
    {
        var url = $"/entries/new?contestId={contest.Id}";
        var response = await client.PostFormAsync(url,
            [.. (fields.Length > 0 ? fields : CompleteFields).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)),
             new("TeamId", teamId.ToString()), new("TrackId", contest.TrackId.ToString())]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return IdAtEnd(response);
    }

    public static async Task<Guid> EntryVersionAsync(this AppFactory host, int entryId) =>
        await host.WithDbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync());

    public static async Task<HttpResponseMessage> SaveEntryAsync(this HttpClient client, AppFactory host, int entryId, params (string, string)[] fields)
    {
        var (version, trackId) = await host.WithDbAsync(db => db.Entries.Where(e => e.Id == entryId)
            .Select(e => new ValueTuple<Guid, int>(e.Version, e.TrackId)).SingleAsync());
        return await client.PostFormAsync($"/entries/{entryId}",
            [.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("Version", version.ToString()),
             new("TrackId", trackId.ToString())], $"/entries/{entryId}");
    }

    /// <summary>An entry action the page does not offer this person now (a stale page, a hand-made request).</summary>
    public static async Task<HttpResponseMessage> EntryActionByHandAsync(this HttpClient client, AppFactory host, int entryId, string action)
    {
        var version = await host.EntryVersionAsync(entryId);
        return await client.PostTamperedAsync($"/entries/{entryId}/{action}", [new("version", version.ToString())], $"/entries/{entryId}");
    }

    public static async Task<HttpResponseMessage> EntryActionAsync(this HttpClient client, AppFactory host, int entryId, string action)
    {
        var version = await host.EntryVersionAsync(entryId);
        return await client.PostFormAsync($"/entries/{entryId}/{action}", [new("version", version.ToString())], $"/entries/{entryId}");
    }

    /// <summary>Posts the entry page's upload form: the kind as given (raw, so a test can tamper with it) and the file.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, int entryId, string? kind, byte[] bytes, string fileName,
        string browserContentType = "application/pdf") =>
        client.PostTamperedMultipartAsync($"/entries/{entryId}/materials", $"/entries/{entryId}", kind is null ? [] : [("kind", kind)],
            new FormFile("file", fileName, bytes, browserContentType));

    /// <summary>
    /// A refused entry button (submit, withdraw, delete) answers with a redirect to the entry page, never a page at the
    /// post's address that a refresh would post again; the page it leads to shows the reason in red, once. Returns it.
    /// </summary>
    public static async Task<string> RefusalAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var refusal = Assert.Single(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll(".alert-danger"));
        Assert.Equal("status-error", refusal.Id);
        Assert.Empty(PageMessages.Successes(html));
        return WebUtility.HtmlDecode(refusal.TextContent);
    }

    public static async Task<string> TextAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static int IdAtEnd(HttpResponseMessage response) =>
        int.Parse(TrailingNumber().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/(\d+)$")]
    private static partial Regex TrailingNumber();
}
