namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Absolute links for emails and calendar feeds, which are read outside the site: built from the request that caused
/// them, so they point wherever the site is being served (path base included).
/// </summary>
public static class SiteLinks
{
    public static string SiteBase(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
