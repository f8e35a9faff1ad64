namespace CompetitionHub.Web.Features.Contests;

public static class ContestsSetup
{
    public static WebApplicationBuilder AddContests(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContestAccess>();
        builder.Services.AddScoped<Eligibility.EntryEligibility>();
        return builder;
    }
}
