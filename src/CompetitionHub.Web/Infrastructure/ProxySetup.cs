using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>The reverse proxies in front of the app whose forwarded headers are believed (config section "Proxy").</summary>
public sealed class ProxyOptions : IValidatableObject, ISettings
{
    public static string Section => "Proxy";

    /// <summary>Proxy addresses, such as <c>10.0.0.5</c> or <c>127.0.0.1</c> for an nginx on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, such as <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies stand in a row before the app: each believed one peels one address off X-Forwarded-For.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> Proxies => KnownProxies.Select(p => Address(p.Trim())).OfType<IPAddress>();

    public IEnumerable<IPNetwork> Networks => KnownNetworks.Select(n => Network(n.Trim())).OfType<IPNetwork>();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in KnownProxies.Where(p => Address(p.Trim()) is null))
            yield return new ValidationResult(
                $"Proxy:KnownProxies entry '{entry}' is not an IP address (such as 10.0.0.5 or ::1).", [nameof(KnownProxies)]);
        foreach (var entry in KnownNetworks.Where(n => Network(n.Trim()) is null))
            yield return new ValidationResult(
                $"Proxy:KnownNetworks entry '{entry}' is not a network in CIDR notation (such as 10.0.0.0/8, with no bits set after the prefix).",
                [nameof(KnownNetworks)]);
    }

    /// <summary>
    /// Strict: IPAddress.TryParse alone reads "10" as 0.0.0.10 and "10.1" as 10.0.0.1, which is never what was meant.
    /// </summary>
    private static IPAddress? Address(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':') : address.ToString() == text)
            ? address : null;

    /// <summary>Strict too: "10.0.0.1/8" would quietly mean all of 10.0.0.0/8, when one address may have been meant.</summary>
    private static IPNetwork? Network(string text) =>
        text.Split('/') is [var address, var prefix] && Address(address) is { } start && prefix.All(char.IsAsciiDigit)
        && IPNetwork.TryParse(text, out var network) && network.BaseAddress.Equals(start) ? network : null;
}

public static class ProxySetup
{
    public static WebApplicationBuilder AddProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<ProxyOptions>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxy) =>
        {
            // Only the listed proxies are believed. ASP.NET Core would believe loopback by default, but then any process on
            // the machine could claim to be any client (and escape its rate limit); an nginx on the same machine is
            // listed as 127.0.0.1 like any other proxy. With none listed nothing is read: the middleware would believe
            // everyone if both lists were empty.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.Proxies) o.KnownProxies.Add(address);
            foreach (var network in proxy.Value.Networks) o.KnownIPNetworks.Add(network);
            // Client address and scheme only. Links never follow the host (they come from Site:PublicBaseUrl), and the
            // Host filter checks the header the proxy sends.
            o.ForwardedHeaders = proxy.Value.Any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.ForwardLimit = proxy.Value.ForwardLimit;
        });
        // Every cookie (sign-in, antiforgery, culture, TempData) is Secure when the request came over HTTPS, which
        // behind a TLS-terminating proxy only X-Forwarded-Proto tells.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, not the proxy's.</summary>
    public static WebApplication UseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        return app;
    }
}
