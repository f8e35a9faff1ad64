namespace CompetitionHub.Web.Features.Scoring;

public static class ScoringSetup
{
    public static WebApplicationBuilder AddScoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecordScore>();
        builder.Services.AddScoped<StageSnapshots>();
        builder.Services.AddScoped<StageControl>();
        builder.Services.AddScoped<StagePages>();
        return builder;
    }
}
