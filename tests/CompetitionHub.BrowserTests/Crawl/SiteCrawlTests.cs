using CompetitionHub.TestSupport;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>Every page and every form, in a real browser, as each role: see <see cref="SiteCrawler"/>.</summary>
public sealed class SiteCrawlTests(CrawlHost host, ITestOutputHelper output) : IClassFixture<CrawlHost>
{
    /// <summary>
    /// Actions a person cannot reach from a browser, each for a reason. Every other action that takes a POST must have
    /// been sent by the crawl, and every other GET opened.
    /// </summary>
    private static readonly Dictionary<string, string> Unreachable = new()
    {
        // The error page answers any method and is shown by the app itself (status code pages), never linked or posted to.
        ["Error.Show"] = "shown by the app for an error status, not a page or form of its own",
    };

    [Fact]
    public async Task Crawl_FindsNoErrorScriptErrorOrUntranslatedText_WhenEveryRoleOpensEveryPageAndSendsEveryForm()
    {
        var report = await host.CrawlAsync();

        var coverage = report.Coverage();
        output.WriteLine(coverage);
        await File.WriteAllTextAsync(Path.Combine(BrowserHost.ResultsFolder, "crawl-coverage.txt"), coverage);
        var problems = report.Problems.Select(p => p.ToString())
            .Concat(host.Errors.Errors.Select(e => $"[server error] {e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}"))
            .ToList();
        foreach (var problem in problems) output.WriteLine(problem);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems.Take(60)));
    }

    [Fact]
    public async Task Crawl_SendsEveryFormActionOfTheApp_WhenItIsDone()
    {
        await host.CrawlAsync();

        // Reached: answered by the action itself, with success or with a refusal a person can act on (the form again with
        // its messages as 422, or 409 when someone changed the thing meanwhile); the refusal page answers 403 by design.
        bool Reached(EndpointHit h) => h.Action is not null
            && (h.Status < 400 || h.Status is 409 or 422 || (h.Status == 403 && h.Action == "Account.AccessDenied"));
        var posted = host.Endpoints.Hits.Where(h => h.Method == "POST" && Reached(h)).Select(h => h.Action!).ToHashSet();
        var opened = host.Endpoints.Hits.Where(h => h.Method == "GET" && Reached(h)).Select(h => h.Action!).ToHashSet();
        var actions = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Action: e.Metadata.GetMetadata<ControllerActionDescriptor>(), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Action is not null).ToList();
        var formActions = actions.Where(a => a.Methods is null || a.Methods.Contains("POST")).Select(a => EndpointLog.NameOf(a.Action!)).Distinct().Order().ToList();
        var pageActions = actions.Where(a => a.Methods?.Contains("GET") == true).Select(a => EndpointLog.NameOf(a.Action!)).Distinct().Order().ToList();

        var missedForms = formActions.Where(a => !posted.Contains(a) && !Unreachable.ContainsKey(a)).ToList();
        var missedPages = pageActions.Where(a => !opened.Contains(a) && !Unreachable.ContainsKey(a)).ToList();
        output.WriteLine($"Form actions: {formActions.Count - missedForms.Count} of {formActions.Count} sent; pages: {pageActions.Count - missedPages.Count} of {pageActions.Count} opened.");
        foreach (var a in missedForms) output.WriteLine("form not sent: " + a);
        foreach (var a in missedPages) output.WriteLine("page not opened: " + a);
        Assert.True(missedForms.Count == 0 && missedPages.Count == 0,
            "Not reached by the crawl:\n" + string.Join('\n', missedForms.Select(a => "POST " + a).Concat(missedPages.Select(a => "GET " + a))));
    }
}
