using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CompetitionHub.Web.Features.Contests;

public static class ContestsSetup
{
    public static WebApplicationBuilder AddContests(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ContestAccess>();
        // One handler decides every "manage this contest" question, for the policy on management pages and hubs alike.
        services.AddScoped<IAuthorizationHandler>(sp => sp.GetRequiredService<ContestAccess>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ContestForbiddenResultHandler>();
        services.AddAuthorizationBuilder().AddPolicy(ContestAccess.Policy, p => p.RequireAuthenticatedUser().AddRequirements(new ManageContestRequirement()));
        services.AddScoped<SaveContest>();
        services.AddScoped<SaveTrack>();
        services.AddScoped<SaveRound>();
        services.AddScoped<AdvanceRound>();
        services.AddScoped<AssignOrganizers>();
        services.AddScoped<PreviousWinners>();
        services.AddScoped<ImportPreviousWinners>();
        return builder;
    }
}
