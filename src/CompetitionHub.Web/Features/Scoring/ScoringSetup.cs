using CompetitionHub.Web.Features.Judging;

namespace CompetitionHub.Web.Features.Scoring;

public static class ScoringSetup
{
    public static WebApplicationBuilder AddScoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecordScore>();
        builder.Services.AddScoped<IJudgeProgress, JudgeScoringProgress>();
        builder.Services.AddScoped<StageSnapshots>();
        builder.Services.AddScoped<StageAudience>();
        builder.Services.AddScoped<StageControl>();
        builder.Services.AddScoped<CastPublicVote>();
        builder.Services.AddScoped<StagePages>();
        builder.Services.AddScoped<ScoreEntryPage>();
        builder.Services.AddScoped<RoundScores>();
        builder.Services.AddScoped<ScoreCorrections>();
        builder.Services.AddScoped<RoundProgress>();
        return builder;
    }
}
