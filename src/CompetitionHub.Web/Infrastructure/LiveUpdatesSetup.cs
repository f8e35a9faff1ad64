using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Live connections across instances and from other sites' pages (config section "SignalR").</summary>
public sealed class SignalROptions : ISettings
{
    public static string Section => "SignalR";

    /// <summary>A Redis server (StackExchange.Redis configuration) that several instances share live groups through.</summary>
    public string? Redis { get; set; }

    /// <summary>Origins besides this site's own whose pages may open a live connection (see <see cref="HubOrigins"/>).</summary>
    [MaxLength(100)]
    public string[] AllowedOrigins { get; set; } = [];
}

public static class LiveUpdatesSetup
{
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        // Hub arguments are read by the same text rule as forms.
        builder.Services.AddSingleton<UserConnections>();
        var signalR = builder.Services.AddSignalR(o => o.AddFilter<UserConnections>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new TextInputJsonConverter()));
        // Several instances behind a load balancer share groups through Redis; one instance needs nothing.
        builder.Services.AddSettings<SignalROptions>();
        if (builder.Configuration.Settings<SignalROptions>().Redis is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("competitionhub"));
        builder.Services.AddSingleton<LiveEvents>();
        return builder;
    }

    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(HubOrigins.PathPrefix), hubs => hubs.UseMiddleware<HubOrigins>());
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
