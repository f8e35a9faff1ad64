using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// [RequestSizeLimit] for an upload action: the file limit (<paramref name="maxBytes"/>, or <see cref="UploadOptions.MaxBytes"/>)
/// plus room for the multipart framing and the other fields, so the server stops reading a far larger body early while
/// <see cref="FileUploads"/> still tells the person about a file just over the limit. (MaxBytes is capped below the
/// 128 MB multipart default, so that limit never bites first.)
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadBodyLimitAttribute(long maxBytes = 0) : Attribute, IFilterFactory
{
    public const long Overhead = 1024 * 1024;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) =>
        new Filter((maxBytes > 0 ? maxBytes : services.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes) + Overhead);

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
