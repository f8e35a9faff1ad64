using CompetitionHub.Web.Data;
using CompetitionHub.Web.Data.Seeding;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Api;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Review;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>The table of contents of the application: every part is added and wired here, in order.</summary>
public static class AppSetup
{
    public static WebApplicationBuilder AddCompetitionHub(this WebApplicationBuilder builder)
    {
        builder.AddData();
        builder.AddAccounts();
        builder.AddAudit();
        builder.AddUploads();
        builder.AddContests();
        builder.AddTeams();
        builder.AddRegistration();
        builder.AddReview();
        builder.AddJudging();
        builder.AddAssignment();
        builder.AddRoadshow();
        builder.AddScoring();
        builder.AddRankings();
        builder.AddMatchmaking();
        builder.AddAdvancement();
        builder.AddAwards();
        builder.AddPublication();
        builder.AddActivityWeek();
        builder.AddSiteLinks();
        builder.AddProxy();
        builder.AddWebShell();
        builder.AddRateLimits();
        builder.AddBackgroundJobs();
        builder.AddNotifications();
        builder.AddLiveUpdates();
        builder.AddHealth();
        builder.AddApi();
        return builder;
    }

    /// <summary>Brings the database up to date and creates what a first start needs, before the first request.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        // Settings first (they are checked again when the host starts): a mistyped one stops the start before the
        // database is touched.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await app.Services.MigrateDatabaseAsync();
        // Instances starting at once take turns from here: each finds what the one before it created, and adds nothing twice.
        await using (await app.Services.EnterStartLockAsync())
        {
            app.Services.PrepareJobStorage();
            app.Services.PrepareKeyRing();
            await app.SeedAsync();
        }
    }

    public static WebApplication UseCompetitionHub(this WebApplication app)
    {
        app.UseProxy();
        app.UseWebShell();
        app.UseAuthentication();
        // After authentication, so the uploads policy can count per signed-in person.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapBackgroundJobs();
        app.MapLiveUpdates();
        app.MapScoring();
        app.MapHealth();
        app.MapApi();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
