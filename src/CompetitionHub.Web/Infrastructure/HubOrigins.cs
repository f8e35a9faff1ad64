using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Hub connections from pages of other sites are refused. A browser sends the visitor's cookie with a WebSocket to any
/// site, and WebSockets are not held by CORS, so without this check another site's page could listen on a signed-in
/// person's live connection. This site's own origin (as requested, and Site:PublicBaseUrl) is allowed, and those listed
/// in SignalR:AllowedOrigins; clients that are not browsers send no Origin and are judged by their sign-in alone.
/// </summary>
public sealed class HubOrigins(RequestDelegate next, IOptions<SignalROptions> signalR, IOptions<SiteOptions> site)
{
    public const string PathPrefix = "/hubs";

    private readonly HashSet<string> allowed = new(
        signalR.Value.AllowedOrigins
            .Append(site.Value.BaseUri?.GetLeftPart(UriPartial.Authority) ?? "")
            .Where(o => o.Length > 0)
            .Select(o => o.TrimEnd('/')),
        StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin, context.Request)) return next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        allowed.Contains(origin) || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}
