namespace CompetitionHub.Web.Features.Roadshow;

public static class RoadshowSetup
{
    public static WebApplicationBuilder AddRoadshow(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<Recusals>();
        services.AddScoped<SlotNotices>();
        services.AddScoped<SaveSession>();
        services.AddScoped<DrawRunningOrder>();
        services.AddScoped<SessionPages>();
        return builder;
    }
}
