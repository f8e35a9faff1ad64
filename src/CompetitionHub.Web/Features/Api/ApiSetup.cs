using System.Text.Encodings.Web;
using System.Text.Unicode;
using CompetitionHub.Web.Infrastructure;
using Microsoft.OpenApi;

namespace CompetitionHub.Web.Features.Api;

/// <summary>
/// The read-only public JSON API under /api/v1, described by an OpenAPI document at /api/v1/openapi.json. Only what is
/// public on the site is in it: published contests, published rankings, the Activity Week programme.
/// </summary>
public static class ApiSetup
{
    public const string Version = "v1";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        // Chinese names stay readable in the JSON instead of \uXXXX escapes (still escaped: <, >, &, quotes).
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
            o.JsonSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddOpenApi(Version, o =>
        {
            // MVC pages use attribute routes too: the document describes the API and nothing else.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((doc, context, _) =>
            {
                doc.Info.Title = "CompetitionHub API";
                doc.Info.Description = "Read-only data of published contests, rankings and the Activity Week programme.";
                // The generator would name the server after the request's Host header, which the client chooses.
                doc.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<SiteLinks>().Base }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json")
            .WithMetadata(new PublicAttribute("describes the open data API, which is public"));
        return app;
    }
}
