using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Data;

public sealed class SeedLoaderTests(SeedLoaderTests.Host host) : IClassFixture<SeedLoaderTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<SeedReport> LoadAgainAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SeedLoader>(scope.ServiceProvider).LoadAsync(SeedFiles.Default);
    }

    [Fact]
    public async Task Load_AddsNothing_WhenRunASecondTime()
    {
        var before = await host.WithDbAsync(async db => (await db.Contests.CountAsync(), await db.Departments.CountAsync(), await db.Users.CountAsync(), await db.RubricCriteria.CountAsync(), await db.PreviousWinners.CountAsync(), await db.ContestOrganizers.CountAsync()));

        var report = await LoadAgainAsync();

        Assert.False(report.AddedAnything, report.ToString());
        var after = await host.WithDbAsync(async db => (await db.Contests.CountAsync(), await db.Departments.CountAsync(), await db.Users.CountAsync(), await db.RubricCriteria.CountAsync(), await db.PreviousWinners.CountAsync(), await db.ContestOrganizers.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Load_BringsTheMeasure21ContestsWithTheirOrganizers()
    {
        var contests = await host.WithDbAsync(db => db.Contests.Include(c => c.LeadDepartment).Include(c => c.CoOrganizers)
            .Include(c => c.Tracks).AsSplitQuery().ToListAsync());

        Assert.Equal(10, await host.WithDbAsync(db => db.Departments.CountAsync()));
        var cie = Assert.Single(contests, c => c.Slug == "cie-jilin");
        Assert.Equal("吉林省科学技术厅", cie.LeadDepartment.Name);
        Assert.Equal(["初创组", "成长组"], cie.Tracks.OrderBy(t => t.SortOrder).Select(t => t.Name));
        Assert.Equal("吉林省妇女联合会", contests.Single(c => c.Slug == "female-students-jilin").LeadDepartment.Name);
        Assert.Equal("吉林省农业农村厅", contests.Single(c => c.Slug == "rural-ie-jilin").LeadDepartment.Name);
        Assert.Equal("吉林省工业和信息化厅", contests.Single(c => c.Slug == "maker-china-jilin").LeadDepartment.Name);
        var week = contests.Single(c => c.Kind == ContestKind.ActivityWeek);
        Assert.Equal(9, week.CoOrganizers.Count);
        Assert.All(contests, c => Assert.True(c.RegistrationClosesAt > c.RegistrationOpensAt));
    }

    [Fact]
    public async Task Load_ConfiguresEveryCompetitionTrackWithRulesAndMaterials_AndEveryRoundWithDates()
    {
        var contests = await host.WithDbAsync(db => db.Contests.Include(c => c.Tracks).Include(c => c.Rounds).AsSplitQuery().ToListAsync());

        foreach (var contest in contests.Where(c => c.Kind == ContestKind.Competition))
        {
            Assert.NotEmpty(contest.RulesText);
            Assert.NotEmpty(contest.RulesTextEn);
            Assert.All(contest.Tracks, t => Assert.NotEmpty(t.Eligibility.ApplicantTypes));
            Assert.All(contest.Tracks, t => Assert.NotEmpty(t.RequiredMaterials));
            Assert.All(contest.Rounds, r => Assert.True(r.StartsAt < r.EndsAt && r.StartsAt > contest.RegistrationClosesAt, $"{contest.Slug} {r.Name}"));
        }
        var cie = contests.Single(c => c.Slug == "cie-jilin");
        Assert.Equal(3, cie.Placement?.FoundedWithinYears);
        Assert.True(cie.Tracks.Single(t => t.Code == "startup").Eligibility.RequireJilinRegistration);
        Assert.True(contests.Single(c => c.Slug == "female-students-jilin").Tracks.All(t => t.Eligibility.LeaderMustBeFemale));
        Assert.True(contests.Single(c => c.Slug == "rural-ie-jilin").Tracks.All(t => t.Eligibility.RequireRuralAttestation));
        Assert.Equal(2, await host.WithDbAsync(db => db.PreviousWinners.CountAsync(w => w.ContestSlug == "cie-jilin")));
    }

    [Fact]
    public async Task Load_GivesEveryRoundARubricOfOneHundredPoints()
    {
        var rounds = await host.WithDbAsync(db => db.Rounds.Include(r => r.Criteria).ToListAsync());

        Assert.NotEmpty(rounds);
        Assert.All(rounds, r => Assert.Equal(100_00, r.Criteria.Sum(c => c.MaxPointsHundredths)));
    }

    [Fact]
    public async Task Load_CreatesADemoUserForEveryRole_InDevelopment()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var role in Roles.All)
            Assert.NotEmpty(await users.GetUsersInRoleAsync(role));
    }
}

public sealed class ProductionSeedTests
{
    [Fact]
    public async Task Start_CreatesNoDemoAccount_OutsideDevelopment()
    {
        await using var host = new AppFactory { EnvironmentName = "Production" };
        _ = host.Services;

        Assert.Equal(0, await host.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(6, await host.WithDbAsync(db => db.Contests.CountAsync()));
    }

    [Fact]
    public async Task Start_CreatesTheFirstAdminFromConfiguration_OutsideDevelopment()
    {
        await using var host = new AppFactory { EnvironmentName = "Production" }
            .With("Admin:Email", "chief@kjt.jl.gov.cn").With("Admin:Password", "Str0ng-enough");
        _ = host.Services;

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        Assert.Equal("chief@kjt.jl.gov.cn", admin.Email);
        Assert.True(admin.EmailConfirmed);
        Assert.Equal(1, await host.WithDbAsync(db => db.Users.CountAsync()));
    }
}
