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
        return builder;
    }
}
