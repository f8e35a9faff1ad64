using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>Contests, tracks and rounds put straight into the real database, for tests about what comes after.</summary>
internal static class ContestArrange
{
    public static async Task<int> AddContestAsync(this AppFactory host, bool published = true, string? organizerUserId = null,
        Action<Contest>? configure = null)
    {
        return await host.WithDbAsync(async db =>
        {
            var lead = await db.Departments.OrderBy(d => d.Id).FirstAsync();
            var slug = "t-" + Guid.NewGuid().ToString("N")[..10];
            var contest = new Contest
            {
                Slug = slug, Name = "测试赛事 " + slug, NameEn = "Test contest " + slug, Kind = ContestKind.Competition,
                EditionYear = 2027, LeadDepartmentId = lead.Id, IsPublished = published,
                Description = "测试简介", RulesText = "测试规则",
                RegistrationOpensAt = new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc),
                RegistrationClosesAt = new DateTime(2027, 1, 31, 15, 59, 0, DateTimeKind.Utc),
            };
            configure?.Invoke(contest);
            if (organizerUserId is not null)
                contest.Organizers.Add(new ContestOrganizer { UserId = organizerUserId, AssignedAt = DateTime.UtcNow });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            return contest.Id;
        });
    }

    public static Task<int> AddRoundAsync(this AppFactory host, int contestId, int criteria = 1, RoundStatus status = RoundStatus.Draft) =>
        host.WithDbAsync(async db =>
        {
            var sequence = (await db.Rounds.Where(r => r.ContestId == contestId).MaxAsync(r => (int?)r.Sequence) ?? 0) + 1;
            var round = new Round { ContestId = contestId, Sequence = sequence, Name = "初赛", NameEn = "Preliminary", Status = status };
            for (var i = 1; i <= criteria; i++)
                round.Criteria.Add(new RubricCriterion { Sequence = i, Name = $"评分项{i}", NameEn = $"Criterion {i}", MaxPointsHundredths = 1000 });
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

    public static Task<int> AddTrackAsync(this AppFactory host, int contestId, string code, EligibilityRules? rules = null,
        params MaterialKind[] materials) =>
        host.WithDbAsync(async db =>
        {
            var track = new ContestTrack
            {
                ContestId = contestId, Code = code, Name = "组别" + code, NameEn = "Track " + code,
                Eligibility = rules ?? new EligibilityRules(), RequiredMaterials = [.. materials],
            };
            db.ContestTracks.Add(track);
            await db.SaveChangesAsync();
            return track.Id;
        });

    public static async Task<HttpClient> SignedInAsync(this AppFactory host, string email, string password = TestUsers.DemoPassword)
    {
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, password);
        return client;
    }

    /// <summary>A new confirmed Organizer, assigned to nothing.</summary>
    public static async Task<(HttpClient Client, string UserId)> NewOrganizerAsync(this AppFactory host)
    {
        var email = TestUsers.NewEmail("org");
        var user = await host.CreateUserAsync(email, "Secret123", "组织者" + email[4..10], roles: CompetitionHub.Web.Features.Accounts.Roles.Organizer);
        return (await host.SignedInAsync(email, "Secret123"), user.Id);
    }

    public static async Task<string> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return await client.GetStringAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }
}
