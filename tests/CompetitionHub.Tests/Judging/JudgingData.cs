using CompetitionHub.Tests.Registration;
using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Judging;

public sealed record TestJudge(HttpClient Client, string Email, string UserId);

/// <summary>Judges, pools and assignments arranged straight in the database, as the organizers' pages would leave them.</summary>
public static class JudgingData
{
    /// <summary>A valid 统一社会信用代码 (check character computed), different on every call.</summary>
    public static string ValidCreditCode(string prefix = "91220101")
    {
        var body = prefix + string.Concat(Guid.NewGuid().ToByteArray().Select(b => CompetitionHub.Web.Features.Eligibility.CreditCode.Alphabet[b % 31]))[..(17 - prefix.Length)];
        return body + CompetitionHub.Web.Features.Eligibility.CreditCode.CheckCharacter(body);
    }

    /// <summary>The same code with a wrong last character.</summary>
    public static string WithWrongCheck(string code)
    {
        var wrong = CompetitionHub.Web.Features.Eligibility.CreditCode.Alphabet.First(c => c != code[17]);
        return code[..17] + wrong;
    }

    /// <summary>An existing account accepted into the pool of <paramref name="contestId"/>, as of the host's clock.</summary>
    public static Task AddToPoolAsync(this RegistrationHost app, int contestId, string email, string userId) =>
        app.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, UserId = userId, Status = JudgeStatus.Accepted,
                InvitedAt = app.Now, AnsweredAt = app.Now, InvitedByUserId = userId,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>A new account with the Judge role, accepted into the pool of <paramref name="contestId"/>, signed in.</summary>
    public static async Task<TestJudge> PoolJudgeAsync(this AppFactory app, int contestId, string? culture = null)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await app.CreateUserAsync(email, TestUsers.DemoPassword, "评委" + email[6..10], roles: Roles.Judge);
        await app.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, UserId = user.Id, Status = JudgeStatus.Accepted,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = user.Id,
            });
            await db.SaveChangesAsync();
        });
        var client = app.CreateFormClient(culture);
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return new TestJudge(client, email, user.Id);
    }

    public static Task<int> RoundIdAsync(this AppFactory app, int contestId, RoundKind kind, int nth = 0) =>
        app.WithDbAsync(db => db.Rounds.Where(r => r.ContestId == contestId && r.Kind == kind).OrderBy(r => r.Sequence)
            .Select(r => r.Id).Skip(nth).FirstAsync());

    public static Task AssignAsync(this AppFactory app, int roundId, int entryId, string judgeUserId) =>
        app.WithDbAsync(async db =>
        {
            db.ReviewAssignments.Add(new CompetitionHub.Web.Features.Assignment.ReviewAssignment
            {
                RoundId = roundId, EntryId = entryId, JudgeUserId = judgeUserId, AssignedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    public static Task<int> SessionAsync(this AppFactory app, int roundId, string name, DateTime startsAt, string[] panel, params int[] entryIds) =>
        app.WithDbAsync(async db =>
        {
            var session = new CompetitionHub.Web.Features.Roadshow.RoadshowSession
            {
                RoundId = roundId, Name = name, Venue = "长春国际会展中心 A 厅", StartsAt = startsAt,
                Panel = panel.Select(p => new CompetitionHub.Web.Features.Roadshow.SessionJudge { JudgeUserId = p }).ToList(),
                Slots = entryIds.Select(e => new CompetitionHub.Web.Features.Roadshow.SessionSlot { RoundId = roundId, EntryId = e }).ToList(),
            };
            db.RoadshowSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

    /// <summary>A material row with its file in the uploads folder; returns its id.</summary>
    public static async Task<int> MaterialAsync(this AppFactory app, int entryId, byte[] content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var paths = scope.ServiceProvider.GetRequiredService<DataPaths>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Directory.CreateDirectory(paths.Uploads);
        var stored = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(paths.Uploads, stored), content);
        var material = new EntryMaterial
        {
            EntryId = entryId, Kind = MaterialKind.BusinessPlan, FileName = "计划书.pdf", ContentType = "application/pdf",
            SizeBytes = content.Length, StoredName = stored, Sha256 = "", UploadedAt = DateTime.UtcNow, UploadedByUserId = "seed",
        };
        db.EntryMaterials.Add(material);
        await db.SaveChangesAsync();
        return material.Id;
    }

    public static async Task<IReadOnlyList<ConflictPair>> ConflictsAsync(this AppFactory app, int contestId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConflictMap>().ActiveAsync(contestId, CancellationToken.None);
    }

    /// <summary>Posts the fields with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static Task<HttpResponseMessage> PostFromAsync(this HttpClient client, string url, string formPage, params (string Name, string Value)[] fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), formPage);

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
