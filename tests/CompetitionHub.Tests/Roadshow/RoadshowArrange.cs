using System.Globalization;
using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Roadshow;

/// <summary>Rounds, judges and entries arranged in the database of the seeded cie-jilin contest; sessions through the pages.</summary>
internal static class RoadshowArrange
{
    public static Task<int> CreateRoundAsync(this AppFactory app, RoundKind kind = RoundKind.Roadshow, RoundStatus status = RoundStatus.Open) =>
        app.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Rounds).SingleAsync(c => c.Slug == ReviewData.Contest);
            var round = new Round
            {
                ContestId = contest.Id, Name = "复赛路演" + ReviewData.Tag(), NameEn = "Semi-final roadshow", Kind = kind, Status = status,
                Sequence = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Sequence) + 1,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

    /// <summary>A judge account in the contest's pool who accepted the invitation.</summary>
    public static async Task<string> CreateJudgeAsync(this AppFactory app, string name)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await app.CreateUserAsync(email, TestUsers.DemoPassword, name, roles: Roles.Judge);
        await app.WithDbAsync(async db =>
        {
            var contestId = await db.Contests.Where(c => c.Slug == ReviewData.Contest).Select(c => c.Id).SingleAsync();
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, Name = name, UserId = user.Id, Status = JudgeStatus.Accepted,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = user.Id,
            });
            await db.SaveChangesAsync();
        });
        return user.Id;
    }

    public static async Task<List<TestEntry>> CreateApprovedEntriesAsync(this AppFactory app, int count, string leaderCulture = "zh-CN")
    {
        var entries = new List<TestEntry>();
        for (var i = 0; i < count; i++)
            entries.Add(await app.CreateEntryAsync(EntryStatus.Approved, "路演项目" + ReviewData.Tag(), leaderCulture: leaderCulture));
        return entries;
    }

    public static string China(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static List<KeyValuePair<string, string>> SessionFields(string name, DateTime startsAtUtc, IEnumerable<int> entryIds,
        IEnumerable<string>? judgeIds = null, Guid? version = null, int pitch = 8, int qa = 7)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Form.Name", name), new("Form.Venue", "长春市双创中心一号厅"), new("Form.StartsAt", China(startsAtUtc)),
            new("Form.PitchMinutes", pitch.ToString(CultureInfo.InvariantCulture)), new("Form.QaMinutes", qa.ToString(CultureInfo.InvariantCulture)),
        ];
        fields.AddRange(entryIds.Select(id => new KeyValuePair<string, string>("Form.EntryIds", id.ToString(CultureInfo.InvariantCulture))));
        fields.AddRange((judgeIds ?? []).Select(id => new KeyValuePair<string, string>("Form.JudgeUserIds", id)));
        if (version is { } v) fields.Add(new("Form.Version", v.ToString()));
        return fields;
    }

    /// <summary>Creates a session through the form and returns its id.</summary>
    public static async Task<int> CreateSessionAsync(this HttpClient client, int roundId, string name, DateTime startsAtUtc,
        IEnumerable<int> entryIds, IEnumerable<string>? judgeIds = null)
    {
        var url = $"/manage/rounds/{roundId}/sessions/new";
        var response = await client.PostFormAsync(url, SessionFields(name, startsAtUtc, entryIds, judgeIds));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.TextAsync());
        return RegistrationSteps.IdAtEnd(response);
    }

    public static Task<Guid> SessionVersionAsync(this AppFactory app, int sessionId) =>
        app.WithDbAsync(db => db.RoadshowSessions.Where(s => s.Id == sessionId).Select(s => s.Version).SingleAsync());

    public static async Task<HttpResponseMessage> UpdateSessionAsync(this HttpClient client, AppFactory app, int roundId, int sessionId,
        string name, DateTime startsAtUtc, IEnumerable<int> entryIds, IEnumerable<string>? judgeIds = null, Guid? version = null)
    {
        var url = $"/manage/rounds/{roundId}/sessions/{sessionId}";
        var fields = SessionFields(name, startsAtUtc, entryIds, judgeIds, version ?? await app.SessionVersionAsync(sessionId));
        // A version given by the test is what a page opened earlier still carries.
        return version is null ? await client.PostFormAsync(url, fields) : await client.PostTamperedAsync(url, fields);
    }

    public static async Task<HttpResponseMessage> DrawAsync(this HttpClient client, AppFactory app, int roundId, int sessionId,
        string seed = "", string? reason = null)
    {
        var url = $"/manage/rounds/{roundId}/sessions/{sessionId}";
        List<KeyValuePair<string, string>> fields =
            [new("Draw.Seed", seed), new("Draw.Version", (await app.SessionVersionAsync(sessionId)).ToString())];
        if (reason is not null) fields.Add(new("Draw.Reason", reason));
        return await client.PostFormAsync(url + "/draw", fields, url);
    }
}
