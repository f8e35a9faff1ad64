using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Assignment;

public static class AssignmentSetup
{
    public static WebApplicationBuilder AddAssignment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LoadAssignmentState>();
        builder.Services.AddScoped<LoadAssignmentOverview>();
        builder.Services.AddSingleton<SolvedPlans>();
        builder.Services.AddSingleton<KeptCounts>();
        builder.Services.AddScoped<RoundLoads>();
        builder.Services.AddScoped<IRoundLoads>(sp => sp.GetRequiredService<RoundLoads>());
        builder.Services.AddSingleton<IInterceptor, AssignmentStampOnSave>();
        builder.Services.AddScoped<PreviewAssignment>();
        builder.Services.AddScoped<CommitAssignment>();
        builder.Services.AddScoped<ReviewReminders>();
        builder.Services.AddScoped<AdjustAssignment>();
        return builder;
    }
}
