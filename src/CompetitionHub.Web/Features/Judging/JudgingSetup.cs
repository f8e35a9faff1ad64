using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;

namespace CompetitionHub.Web.Features.Judging;

public static class JudgingSetup
{
    public static WebApplicationBuilder AddJudging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConflictMap>();
        builder.Services.AddScoped<JudgeAccess>();
        builder.Services.AddScoped<CompetingRules>();
        builder.Services.AddScoped<ICompetingRules>(sp => sp.GetRequiredService<CompetingRules>());
        builder.Services.AddScoped<IMaterialReader, JudgeMaterialReader>();
        builder.Services.AddScoped<ManageCompetitorExceptions>();
        builder.Services.AddScoped<ManageJudgePool>();
        builder.Services.AddScoped<AnswerJudgeInvitation>();
        builder.Services.AddScoped<SaveJudgeProfile>();
        builder.Services.AddScoped<ManageConflicts>();
        builder.Services.AddScoped<JudgeDashboard>();
        return builder;
    }
}
