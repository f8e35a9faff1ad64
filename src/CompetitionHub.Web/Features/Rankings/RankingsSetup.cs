using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Rankings;

public static class RankingsSetup
{
    public static WebApplicationBuilder AddRankings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RankingCache>();
        // Picked up by AddData, which adds every registered IInterceptor to the DbContext.
        builder.Services.AddSingleton<IInterceptor, RankingStampOnSave>();
        builder.Services.AddScoped<RoundRanking>();
        builder.Services.AddScoped<Scoring.IRoundStandings, RoundStandings>();
        builder.Services.AddScoped<RoundDiagnostics>();
        builder.Services.AddScoped<RecordTieDraw>();
        builder.Services.AddScoped<RecordPanelDecision>();
        return builder;
    }
}
