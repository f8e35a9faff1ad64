namespace CompetitionHub.Web.Features.Judging;

public static class JudgingSetup
{
    public static WebApplicationBuilder AddJudging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConflictMap>();
        return builder;
    }
}
