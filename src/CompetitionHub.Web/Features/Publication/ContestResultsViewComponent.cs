using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>The way from a contest's public page to its published results, round by round; nothing before a first publication.</summary>
public sealed class ContestResultsViewComponent(ResultPages results) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int contestId)
    {
        var published = await results.ContestAsync(contestId, HttpContext.RequestAborted);
        if (published is not { Rounds.Count: > 0 }) return Content("");
        return View("~/Features/Publication/Views/Shared/_ContestResults.cshtml", published);
    }
}
