namespace CompetitionHub.Web.Features.Awards;

public static class AwardsSetup
{
    public static WebApplicationBuilder AddAwards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LoadAwardsBoard>();
        builder.Services.AddScoped<SaveAwardPlan>();
        builder.Services.AddScoped<AwardMail>();
        builder.Services.AddScoped<ConfirmAwards>();
        builder.Services.AddScoped<ManageHonours>();
        builder.Services.AddScoped<LoadCertificates>();
        return builder;
    }
}
