using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>A contestant on the eve of the deadline: an account, leader of a team with a saved draft entry.</summary>
public sealed record Contestant(int Number, string Email, int EntryId, string Title);

/// <summary>
/// Arranges the evening through the app's own use cases (<see cref="ScenarioSteps"/>, in the deployment's arranger): a
/// published contest whose registration closes at 17:00 tomorrow (China time), one start-up track that requires a
/// business plan and has the rules such a track has (companies registered in Jilin, founded within three years, no
/// previous winners), and the contestants, each with a draft whose every field is filled in.
/// </summary>
public static class DeadlineEveContestants
{
    private const int Workers = 4;

    /// <summary>Arranged by a few workers side by side (each with steps of its own), in contestant order.</summary>
    public static async Task<List<Contestant>> ArrangeAsync(AppFactory arranger, Uri site, int count)
    {
        using var culture = ScenarioSteps.ChineseCulture();
        var contestId = await ContestAsync(new ScenarioSteps(arranger, site));
        var contestants = new Contestant[count];
        await Parallel.ForEachAsync(Enumerable.Range(1, count).Chunk((count + Workers - 1) / Workers),
            new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (numbers, _) =>
        {
            var steps = new ScenarioSteps(arranger, site);
            foreach (var i in numbers)
            {
                var email = TestUsers.NewEmail($"eve{i:D4}");
                var leader = await steps.UserAsync(email, $"选手{i}", Roles.Contestant);
                var title = $"截止前夜项目{i}";
                var team = await steps.TeamAsync(leader, $"截止前夜团队{i}");
                // Numbered here: each worker's steps would count credit codes from the same start.
                var entryId = await steps.DraftEntryAsync(contestId, team, leader, title, EntryKind.Startup, CreditCodes.Jilin(200_000 + i));
                contestants[i - 1] = new Contestant(i, email, entryId, title);
            }
        });
        return [.. contestants];
    }

    private static async Task<int> ContestAsync(ScenarioSteps steps)
    {
        var organizer = await steps.PrincipalAsync(TestUsers.DemoOrganizer);
        var department = await steps.UseAsync<AppDbContext, int>(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var today = ChinaTime.FromUtc(DateTime.UtcNow).Date;
        var created = await steps.UseAsync<SaveContest, SetupResult>(s => s.CreateAsync(new ContestForm
        {
            Slug = "deadline-eve", Kind = ContestKind.Competition, EditionYear = today.Year,
            Name = "吉林省创新创业大赛（截止前夜）", NameEn = "Jilin Innovation and Entrepreneurship Contest (deadline eve)",
            LeadDepartmentId = department, Description = "报名截止前一晚的压力测试赛事。", RulesText = "按赛事通知执行。",
            IndustryFields = "电子信息、新材料、生物医药、现代农业",
            RegistrationOpensAt = today.AddDays(-30).AddHours(9), RegistrationClosesAt = today.AddDays(1).AddHours(17),
        }, organizer, default));
        ScenarioSteps.Check(created);
        ScenarioSteps.Check(await steps.UseAsync<SaveTrack, SetupResult>(s => s.HandleAsync(created.Id, 0, new TrackForm
        {
            Code = "startup", Name = "初创组", NameEn = "Start-up group", RequiredMaterials = [MaterialKind.BusinessPlan],
            ApplicantTypes = [ApplicantType.Enterprise], RequireJilinRegistration = true, FoundedWithinYears = 3, BarPreviousWinners = true,
        }, default)));
        ScenarioSteps.Check(await steps.UseAsync<SaveContest, SetupResult>(s => s.SetPublishedAsync(created.Id, true, default)));
        return created.Id;
    }
}
