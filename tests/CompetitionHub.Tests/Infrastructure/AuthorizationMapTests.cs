using System.Reflection;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>
/// The authorization map: every endpoint of the running application (controllers' actions, minimal endpoints, the
/// Hangfire dashboard, health, hubs) and every hub method states who may reach it, either a role or a policy, or
/// <see cref="PublicAttribute"/> with its reason. A new endpoint that says neither fails here before it ships open.
/// </summary>
public sealed class AuthorizationMapTests(AuthorizationMapTests.Host host) : IClassFixture<AuthorizationMapTests.Host>
{
    public sealed class Host : AppFactory;

    /// <summary>An endpoint or hub method, with who may reach it as the code states it, or null when it states nothing.</summary>
    internal sealed record MapEntry(string Name, string? Rule);

    /// <summary>Every endpoint a request can reach (the conventional route's link-generation entry matches nothing).</summary>
    internal static IReadOnlyList<RouteEndpoint> Endpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)];

    internal static string? RuleOf(IReadOnlyList<object> metadata)
    {
        // Any [AllowAnonymous] opens the endpoint, wherever it sits (the authorization middleware skips every policy),
        // so each one must be a [Public] that says why.
        var open = metadata.OfType<IAllowAnonymous>().ToList();
        if (open.Count > 0)
            return open.All(a => a is PublicAttribute p && !string.IsNullOrWhiteSpace(p.Reason))
                ? "public: " + string.Join(" / ", open.Cast<PublicAttribute>().Select(p => p.Reason))
                : null;
        var stated = metadata.OfType<IAuthorizeData>()
            .Where(a => !string.IsNullOrWhiteSpace(a.Roles) || !string.IsNullOrWhiteSpace(a.Policy))
            .Select(a => string.IsNullOrWhiteSpace(a.Policy) ? $"roles {a.Roles}" : $"policy {a.Policy}").ToList();
        return stated.Count > 0 ? string.Join(" + ", stated) : null;
    }

    internal static IEnumerable<MapEntry> Map(IServiceProvider services)
    {
        foreach (var endpoint in Endpoints(services))
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            yield return new($"{string.Join(",", methods)} /{endpoint.RoutePattern.RawText?.TrimStart('/')}", RuleOf(endpoint.Metadata));
        }
        foreach (var hub in typeof(PublicAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Hub)) && !t.IsAbstract))
        {
            var methods = hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub);
            // A hub open to anonymous connections does not open its methods: each states its own rule, so a method added
            // to it later is not public by accident. A hub that requires a role or policy covers its methods.
            var hubRule = RuleOf(hub.GetCustomAttributes(inherit: true));
            foreach (var method in methods)
            {
                var ownRule = RuleOf(method.GetCustomAttributes(inherit: true));
                yield return new($"hub {hub.Name}.{method.Name}", ownRule ?? (hubRule?.StartsWith("public", StringComparison.Ordinal) == false ? hubRule : null));
            }
        }
    }

    [Fact]
    public void EveryEndpointAndHubMethod_StatesAPolicyOrWhyItIsPublic()
    {
        var map = Map(host.Services).ToList();

        var unstated = map.Where(e => e.Rule is null).Select(e => e.Name).Distinct().Order().ToList();

        Assert.True(unstated.Count == 0,
            $"{unstated.Count} endpoint(s) state no role or policy, nor [Public(\"why\")]:\n  " + string.Join("\n  ", unstated));
        // The map really was read: the parts the application is known to have are in it.
        Assert.Contains(map, e => e.Name.EndsWith(" /hangfire/{**path}", StringComparison.Ordinal));
        Assert.Contains(map, e => e.Name.EndsWith(" /health", StringComparison.Ordinal));
        Assert.Contains(map, e => e.Name.EndsWith(" /hubs/stage", StringComparison.Ordinal));
        Assert.Contains(map, e => e.Name == "hub StageHub.JoinStage");
        Assert.True(map.Count > 150, $"only {map.Count} endpoints were found");
    }

    [Fact]
    public void RuleOf_IsNothing_WhenAnEndpointHasOnlyABareAllowAnonymousOrAuthorize()
    {
        Assert.Null(RuleOf([new AllowAnonymousAttribute()]));
        Assert.Null(RuleOf([new AuthorizeAttribute()]));
        Assert.Null(RuleOf([new AuthorizeAttribute { Roles = "Admin" }, new AllowAnonymousAttribute()]));
        Assert.Null(RuleOf([new PublicAttribute("why"), new AllowAnonymousAttribute()]));
        Assert.Null(RuleOf([new PublicAttribute(" ")]));
        Assert.Equal("public: why", RuleOf([new AuthorizeAttribute { Roles = "Admin" }, new PublicAttribute("why")]));
        Assert.Equal("roles Admin", RuleOf([new AuthorizeAttribute { Roles = "Admin" }]));
    }
}
