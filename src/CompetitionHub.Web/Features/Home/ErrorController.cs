using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Home;

/// <summary>Friendly pages for 404, 403, 413, 429 and 500, in the reader's language; details stay in the log.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Public("an error page is shown to whoever met the error, signed in or not")]
public sealed class ErrorController(IOptions<UploadOptions> uploads, ILogger<ErrorController> logger) : Controller
{
    /// <summary>
    /// The status comes from the route alone, read without model binding: the request shown here may be a post whose
    /// form cannot be read (binding would try to read it again), or one that carries a field of its own named "code".
    /// </summary>
    [Route("/error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 0;
        var status = code is >= 400 and <= 599 ? code : StatusCodes.Status500InternalServerError;
        // A 4xx is the sender's doing and says nothing about the server; only server errors go to the log.
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var path = failure?.Path ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        if (status >= 500)
            logger.LogError(failure?.Error, "Server error {Status} on {Path}", status, path);
        // The JSON API answers its clients in JSON (RFC 9457 problem details), never with an HTML page.
        if (path?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
            return Problem(statusCode: status);
        Response.StatusCode = status;
        ViewData["Code"] = status;
        ViewData["UploadLimitMb"] = uploads.Value.MaxBytes / (1024 * 1024);
        return View("Error", HttpContext.TraceIdentifier);
    }
}
