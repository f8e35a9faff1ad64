using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Where people reach the site (config section "Site").</summary>
public sealed class SiteOptions : IValidatableObject, ISettings
{
    public static string Section => "Site";

    /// <summary>
    /// The site's public address, with its path base if it has one: <c>https://cy.jl.gov.cn</c> or <c>https://host/hub</c>.
    /// Required outside Development.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The address, or null when it is not set (or not usable, which validation reports at start).</summary>
    public Uri? BaseUri =>
        Uri.TryCreate(PublicBaseUrl?.Trim(), UriKind.Absolute, out var uri) && Problem(uri) is null ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl)) yield break;
        var problem = Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri) ? Problem(uri) : "it is not an absolute address";
        if (problem is not null)
            yield return new ValidationResult(
                $"Site:PublicBaseUrl '{PublicBaseUrl}' is not usable: {problem}. Give the address people open, such as https://cy.jl.gov.cn or https://host/hub.",
                [nameof(PublicBaseUrl)]);
    }

    private static string? Problem(Uri uri) =>
        uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp ? "it must start with https:// or http://"
        : uri.Host.Length == 0 ? "it has no host"
        : uri.UserInfo.Length > 0 ? "it must not hold a user name or password"
        : uri.Query.Length > 0 ? "it must not have a query (?...)"
        : uri.Fragment.Length > 0 ? "it must not have a fragment (#...)"
        : null;
}

/// <summary>
/// The one way to build an absolute link, for whatever is read outside the site: emails, calendar feeds, the API's
/// description. Links start from <c>Site:PublicBaseUrl</c>, never from the request: the Host header is whatever the
/// client sent, and a password-reset link that follows it can be sent to the victim pointing at the attacker's site.
/// </summary>
public sealed class SiteLinks(IOptions<SiteOptions> options, IHttpContextAccessor http, LinkGenerator routes)
{
    private readonly string? configured = options.Value.BaseUri?.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The site's address without a trailing slash: <c>https://cy.jl.gov.cn</c>, <c>https://host/hub</c>.</summary>
    public string Base => configured ?? FromRequest();

    /// <summary>An absolute link to <paramref name="path"/>, a path within the site such as <c>/entries/5</c>.</summary>
    public string To(string path) =>
        path.StartsWith('/') ? Base + path : throw new ArgumentException($"'{path}' is not a path within the site.", nameof(path));

    /// <summary>An absolute link to a controller action, its route values in the path or query.</summary>
    public string ToAction(string action, string controller, object? values = null) =>
        // No path base here: the configured address carries the site's own.
        To(routes.GetPathByAction(action, controller, values)
            ?? throw new InvalidOperationException($"No route leads to {controller}.{action}."));

    /// <summary>
    /// Development only (validation requires the setting everywhere else): <c>dotnet run</c> keeps working without
    /// configuration, with links to wherever the developer's browser reached the app.
    /// </summary>
    private string FromRequest()
    {
        var request = http.HttpContext?.Request
            ?? throw new InvalidOperationException("Site:PublicBaseUrl is not set, and there is no request to take the address from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}

public static class SiteLinksSetup
{
    /// <summary>Host names a health probe or an administrator on the machine itself uses.</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddSiteLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<SiteOptions>()
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || !string.IsNullOrWhiteSpace(o.PublicBaseUrl),
                "Site:PublicBaseUrl is required outside Development: the address people open the site at, such as https://cy.jl.gov.cn "
                + "(with the path base if the site has one, e.g. https://host/hub). Links in emails and calendar feeds are built from it.");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteLinks>();

        // Requests must name the site (or the machine itself); any other Host is answered 400 before the app sees it.
        // Links never follow the Host, so this is a second fence: the site does not answer under names it does not own.
        // Runs before the framework's own default, which fills in AllowedHosts or "*" only when nothing is set here.
        builder.Services.AddOptions<HostFilteringOptions>().Configure<IOptions<SiteOptions>, IConfiguration>((o, site, config) =>
        {
            if (site.Value.BaseUri is not { } uri) return;
            var listed = config["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            o.AllowedHosts = [.. new[] { uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost }
                .Concat(LoopbackHosts).Concat(listed).Distinct(StringComparer.OrdinalIgnoreCase)];
        });
        return builder;
    }
}
