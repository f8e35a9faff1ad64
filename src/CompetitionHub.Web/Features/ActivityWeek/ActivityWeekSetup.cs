namespace CompetitionHub.Web.Features.ActivityWeek;

public static class ActivityWeekSetup
{
    public static WebApplicationBuilder AddActivityWeek(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ProgrammePages>();
        services.AddScoped<SignupNotices>();
        services.AddScoped<SignUpForEvent>();
        services.AddScoped<CancelSignup>();
        services.AddScoped<CheckIn>();
        services.AddScoped<SaveEvent>();
        return builder;
    }
}
