namespace CompetitionHub.Web.Features.Rankings;

public static class RankingsSetup
{
    public static WebApplicationBuilder AddRankings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RoundRanking>();
        builder.Services.AddScoped<Scoring.IRoundStandings, RoundStandings>();
        builder.Services.AddScoped<RoundDiagnostics>();
        builder.Services.AddScoped<RecordTieDraw>();
        builder.Services.AddScoped<RecordPanelDecision>();
        return builder;
    }
}
