namespace CompetitionHub.Web.Features.Contests;

public static class ContestsSetup
{
    public static WebApplicationBuilder AddContests(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ContestAccess>();
        services.AddScoped<Eligibility.EntryEligibility>();
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
