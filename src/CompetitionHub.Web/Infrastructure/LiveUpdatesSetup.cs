using CompetitionHub.Web.Features.Live;

namespace CompetitionHub.Web.Infrastructure;

public static class LiveUpdatesSetup
{
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        // Several instances behind a load balancer share groups through Redis; one instance needs nothing.
        if (builder.Configuration["SignalR:Redis"] is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("competitionhub"));
        builder.Services.AddSingleton<LiveEvents>();
        return builder;
    }

    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
