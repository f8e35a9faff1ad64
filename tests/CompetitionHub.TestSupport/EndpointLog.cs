using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace CompetitionHub.TestSupport;

/// <summary>One request as the server saw it: what was asked, which MVC action answered, and with what status.</summary>
public sealed record EndpointHit(string Method, string Path, string? Action, int Status);

/// <summary>
/// Watches every request from outside the application's own pipeline and notes the MVC action that answered it, so a
/// test can tell which actions a crawl (or any client) actually reached. It only observes; nothing is changed.
/// </summary>
public sealed class EndpointLog : IStartupFilter
{
    private readonly ConcurrentQueue<EndpointHit> hits = new();

    public IReadOnlyList<EndpointHit> Hits => [.. hits];

    /// <summary>"Controller.Action", the name the coverage test compares.</summary>
    public static string NameOf(ControllerActionDescriptor action) => $"{action.ControllerName}.{action.ActionName}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextStep) =>
        {
            var method = context.Request.Method;
            var path = context.Request.Path + context.Request.QueryString;
            // Routing picks the endpoint further in; it is still on the context when the response comes back out.
            try
            {
                await nextStep(context);
            }
            finally
            {
                var action = context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>();
                hits.Enqueue(new EndpointHit(method, path, action is null ? null : NameOf(action), context.Response.StatusCode));
            }
        });
        next(app);
    };
}
