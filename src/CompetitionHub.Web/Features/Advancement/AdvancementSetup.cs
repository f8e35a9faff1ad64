using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Web.Features.Advancement;

public static class AdvancementSetup
{
    public static WebApplicationBuilder AddAdvancement(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LoadAdvancementBoard>();
        builder.Services.AddScoped<SaveQuota>();
        builder.Services.AddScoped<ConfirmAdvancement>();
        builder.Services.AddScoped<BackfillAdvancement>();
        builder.Services.AddScoped<AdvancedWithdrawal>();
        builder.Services.AddScoped<IAdvancedEntryWithdrawing>(sp => sp.GetRequiredService<AdvancedWithdrawal>());
        return builder;
    }
}
