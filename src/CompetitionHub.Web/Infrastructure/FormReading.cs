using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Reads a posted form once, up front, so a form that cannot be read (a body over its size limit, too many fields, a
/// field name too long, a malformed body) gets its real status, 413 or 400, and the friendly page for it, instead of
/// failing inside antiforgery or model binding in their own ways.
/// </summary>
public sealed class FormReading : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>How much of an over-size body is still read and thrown away, so the browser, still sending, sees the answer.</summary>
    public const long DrainLimit = 100L * 1024 * 1024;

    // After [RequestSizeLimit] and the upload limit (900 and less) set this request's limit, before antiforgery (1000) reads the form.
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        // The error page shown for such a request must not read the form again.
        if (!request.HasFormContentType || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<IExceptionHandlerFeature>() is not null)
            return;

        var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (request.ContentLength is { } length && size is { MaxRequestBodySize: { } limit } && length > limit)
        {
            if (length <= DrainLimit && !size.IsReadOnly)
            {
                size.MaxRequestBodySize = length;
                await request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            }
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }
        try
        {
            await request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            context.Result = new StatusCodeResult(ex.StatusCode);
        }
        catch (InvalidDataException)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
        catch (NotSupportedException)
        {
            // A charset the server does not decode (charset=utf-7): the body cannot be read as sent.
            context.Result = new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary.
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }
}
