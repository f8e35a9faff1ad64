namespace CompetitionHub.Web.Features.Scoring;

public static class ScoringSetup
{
    public static WebApplicationBuilder AddScoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecordScore>();
        return builder;
    }
}
