using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A reverse proxy (YARP) on a loopback port in front of the app's instances, as a province's load balancer would be:
/// requests spread round robin, WebSockets passed through, an instance that stops answering /health (or whose
/// connections fail) taken out of the rotation until it answers again.
/// </summary>
/// <remarks>
/// Two things are here for tests only. A request carrying <see cref="InstanceHeader"/> goes to that instance alone,
/// healthy or not, so a test can say "through the proxy, on A". Every proxied response carries
/// <see cref="InstanceHeader"/> naming the instance that answered.
/// </remarks>
public sealed class ReverseProxy : IAsyncDisposable
{
    public const string InstanceHeader = "X-Chub-Instance";
    private const string Rotation = "rotation";
    private static readonly TimeSpan PassiveWindow = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;

    private ReverseProxy(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Listens at once; the instances may start later (until they answer, they are simply unhealthy).</summary>
    public static async Task<ReverseProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        // Failures are counted over the last few seconds, not the default minute, so an instance that comes back is tried again soon.
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o => o.DetectionWindowSize = PassiveWindow);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes(instances.Count), Clusters(instances))
            .AddTransforms(context => context.AddResponseTransform(transform =>
            {
                if (transform.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
                    transform.HttpContext.Response.Headers[InstanceHeader] = destination.DestinationId;
                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ReverseProxy(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Whether the proxy currently sends requests to the instance (its /health answered and its connections work).</summary>
    public bool InRotation(int instance)
    {
        var lookup = app.Services.GetRequiredService<IProxyStateLookup>();
        if (!lookup.TryGetCluster(Rotation, out var cluster)) return false;
        return cluster.DestinationsState.AvailableDestinations.Any(d => d.DestinationId == Id(instance));
    }

    /// <summary>How the proxy sees each instance, for a test that has to say why it waited in vain.</summary>
    public string Describe()
    {
        var lookup = app.Services.GetRequiredService<IProxyStateLookup>();
        if (!lookup.TryGetCluster(Rotation, out var cluster)) return "no rotation";
        return string.Join("; ", cluster.Destinations.Values.Select(d => $"instance {d.DestinationId}: active {d.Health.Active}, passive {d.Health.Passive}"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string Id(int instance) => instance.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<RouteConfig> Routes(int instances) =>
    [
        new() { RouteId = Rotation, ClusterId = Rotation, Match = new RouteMatch { Path = "{**path}" } },
        .. Enumerable.Range(0, instances).Select(i => new RouteConfig
        {
            RouteId = "pinned-" + Id(i),
            ClusterId = "pinned-" + Id(i),
            Order = -1,
            Match = new RouteMatch
            {
                Path = "{**path}",
                Headers = [new RouteHeader { Name = InstanceHeader, Values = [Id(i)], Mode = HeaderMatchMode.ExactHeader }],
            },
        }),
    ];

    private static List<ClusterConfig> Clusters(IReadOnlyList<Uri> instances) =>
    [
        new()
        {
            ClusterId = Rotation,
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            Destinations = instances.Select((uri, i) => (uri, i)).ToDictionary(d => Id(d.i), d => new DestinationConfig { Address = d.uri.ToString() }),
            HealthCheck = new HealthCheckConfig
            {
                // Probed every second; two failed probes in a row take an instance out, one answer brings it back.
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(5),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures, Path = "/health",
                },
                // Failing requests take it out at once, between probes, for a few seconds.
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate, ReactivationPeriod = PassiveWindow,
                },
            },
        },
        .. instances.Select((uri, i) => new ClusterConfig
        {
            ClusterId = "pinned-" + Id(i),
            Destinations = new Dictionary<string, DestinationConfig> { [Id(i)] = new() { Address = uri.ToString() } },
        }),
    ];
}
