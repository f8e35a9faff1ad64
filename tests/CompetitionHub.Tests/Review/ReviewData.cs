using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Review;

public sealed record TestEntry(int Id, int ContestId, int TeamId, string? LeaderEmail);

/// <summary>Registrations arranged straight in the database, as the contestants' pages would have left them.</summary>
public static class ReviewData
{
    public const string Contest = "cie-jilin";
    public const string OtherContest = "maker-china-jilin";

    public static Task<int> ContestIdAsync(this AppFactory app, string slug = Contest) =>
        app.WithDbAsync(db => db.Contests.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    public static Task<int> TrackIdAsync(this AppFactory app, string code, string slug = Contest) =>
        app.WithDbAsync(db => db.ContestTracks.Where(t => t.Code == code && db.Contests.Any(c => c.Id == t.ContestId && c.Slug == slug))
            .Select(t => t.Id).SingleAsync());

    public static string Tag() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>18 characters like a 统一社会信用代码, different on every call.</summary>
    public static string CreditCode() => "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    /// <summary>A team with a leader account (unless <paramref name="withLeader"/> is false) and its entry in <paramref name="status"/>.</summary>
    public static async Task<TestEntry> CreateEntryAsync(this AppFactory app, EntryStatus status, string title,
        string slug = Contest, string trackCode = "startup", bool withLeader = true, string leaderCulture = "zh-CN",
        string? contactEmail = null, Action<Entry>? configure = null)
    {
        AppUser? leader = null;
        if (withLeader)
        {
            leader = await app.CreateUserAsync(TestUsers.NewEmail("leader"), "Secret123", "队长" + title[..Math.Min(8, title.Length)],
                roles: Roles.Contestant);
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == leader.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, leaderCulture)));
        }

        return await app.WithDbAsync(async db =>
        {
            var contest = await db.Contests.Include(c => c.Tracks).SingleAsync(c => c.Slug == slug);
            var now = DateTime.UtcNow;
            var team = new Team { Name = "团队" + title, CreatedAt = now };
            if (leader is not null)
                team.Members.Add(new TeamMember { UserId = leader.Id, IsLeader = true, JoinedAt = now });
            var entry = new Entry
            {
                ContestId = contest.Id,
                TrackId = contest.Tracks.Single(t => t.Code == trackCode).Id,
                Team = team,
                Title = title,
                Industry = contest.IndustryFields.FirstOrDefault() ?? "",
                ApplicantType = ApplicantType.Enterprise,
                CompanyName = "吉林" + title + "有限公司",
                CreditCode = CreditCode(),
                FoundedOn = new DateOnly(2024, 3, 1),
                AnnualRevenueYuan = 1_500_000,
                ContactName = "联系人",
                ContactPhone = "13800000000",
                ContactEmail = contactEmail ?? leader?.Email ?? "contact@example.com",
                Status = status,
                CreatedAt = now,
                UpdatedAt = now,
                SubmittedAt = status == EntryStatus.Draft ? null : now,
            };
            configure?.Invoke(entry);
            db.Entries.Add(entry);
            await db.SaveChangesAsync();
            return new TestEntry(entry.Id, contest.Id, team.Id, leader?.Email);
        });
    }

    /// <summary>An Organizer assigned to <paramref name="slug"/> only, signed in.</summary>
    public static async Task<HttpClient> OrganizerOfAsync(this AppFactory app, string slug, string? culture = null)
    {
        var email = TestUsers.NewEmail("organizer");
        var user = await app.CreateUserAsync(email, "Secret123", "其他赛事组织者", roles: Roles.Organizer);
        await app.WithDbAsync(async db =>
        {
            var contestId = await db.Contests.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync();
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contestId, UserId = user.Id, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = app.CreateFormClient(culture);
        await client.SignInOrThrowAsync(email, "Secret123");
        return client;
    }

    /// <summary>The demo organizer, who is assigned to every seeded contest.</summary>
    public static async Task<HttpClient> DemoOrganizerAsync(this AppFactory app, string? culture = null)
    {
        var client = app.CreateFormClient(culture);
        await client.SignInOrThrowAsync(TestUsers.DemoOrganizer, TestUsers.DemoPassword);
        return client;
    }

    public static async Task<HttpClient> AdminAsync(this AppFactory app, string? culture = null)
    {
        var client = app.CreateFormClient(culture);
        await client.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        return client;
    }

    public static Task<Entry> EntryAsync(this AppFactory app, int id) =>
        app.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));
}
