using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
        builder.Services.AddSingleton<StageFacts>();
        // Picked up by AddData, which adds every registered IInterceptor to the DbContext.
        builder.Services.AddSingleton<IInterceptor, StageFactsInvalidation>();
        builder.Services.AddSingleton<StageBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StageBroadcaster>());
        builder.Services.AddSingleton<StageScoreQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StageScoreQueue>());
        return builder;
    }

    public static WebApplication MapScoring(this WebApplication app)
    {
        // Anonymous on purpose: the big screen and the public live page watch a stage without signing in.
        app.MapHub<StageHub>(StageHub.Path);
        return app;
    }
}
