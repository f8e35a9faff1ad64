using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Home;

/// <summary>Friendly pages for 404, 403, 429 and 500, in the reader's language; details stay in the log.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(ILogger<ErrorController> logger) : Controller
{
    [Route("/error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show(int code)
    {
        if (code == StatusCodes.Status500InternalServerError && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        Response.StatusCode = code is >= 400 and <= 599 ? code : 500;
        ViewData["Code"] = Response.StatusCode;
        return View("Error", HttpContext.TraceIdentifier);
    }
}
