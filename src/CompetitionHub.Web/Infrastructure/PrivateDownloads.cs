using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Every file the application hands out (materials, objection evidence, entry and result exports with leaders' phones
/// and emails, tickets) is kept out of every cache: a shared proxy must not serve it to the next person, and the browser
/// must not leave it on disk after the session ends. One filter, so a new download cannot forget it.
/// </summary>
public sealed class PrivateDownloads : IResultFilter
{
    public const string CacheControl = "no-store, private";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is FileResult) context.HttpContext.Response.Headers.CacheControl = CacheControl;
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
