using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// [RequestSizeLimit] for the upload action, read from <see cref="UploadOptions.MaxBytes"/> plus room for the multipart
/// framing and the other fields, so the server stops reading a far larger body early while the use case still tells the
/// person about a file just over the limit. (MaxBytes is capped below the 128 MB multipart default, so that limit never bites first.)
/// </summary>
public sealed class UploadBodyLimitAttribute : Attribute, IFilterFactory
{
    public const long Overhead = 1024 * 1024;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) =>
        new Filter(services.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes + Overhead);

    // Runs before antiforgery (which reads the form) as the built-in request-size filter does.
    private sealed class Filter(long limit) : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => -3000;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var feature = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        }
    }
}
