using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>A message for one form field ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What a use case that a rule may refuse did: the id it saved (and a message to say so), or the messages that say why it
/// did not, each on the form field it is about ("" for the request as a whole). The one shape of a refusal, for every feature.
/// </summary>
public sealed record SetupResult(int Id, IReadOnlyList<FieldError> Errors, string? Message = null)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>What kind of no it is, for the status a re-shown page answers with; a rule unless said otherwise.</summary>
    public Refusal Refusal { get; init; }

    public static SetupResult Done(int id, string? message = null) => new(id, [], message);
    public static SetupResult Done(string message) => new(0, [], message);
    public static SetupResult Fail(string field, string message) => new(0, [new FieldError(field, message)]);
    public static SetupResult Fail(string message) => Fail("", message);
    public static SetupResult Fail(IReadOnlyList<FieldError> errors) => new(0, errors);

    /// <summary>What was asked about is not there, or not for this person: their page answers 404, as its GET would.</summary>
    public static SetupResult Missing(string message) => Fail(message) with { Refusal = Refusal.NotFound };

    /// <summary>Someone else changed it since the page was read: the page is drawn again from the database (409).</summary>
    public static SetupResult Stale(string message) => Fail(message) with { Refusal = Refusal.Stale };

    /// <summary>A refusal about the whole request (not one field); shown as the page's error message.</summary>
    public string ErrorText => string.Join(" ", Errors.Select(e => e.Message));
}

public enum Refusal { Rule, NotFound, Stale }

/// <summary>How pages show a <see cref="SetupResult"/>: green after the redirect, or each message under its field.</summary>
public static class SetupResultPages
{
    /// <summary>Success: the message goes with the redirect (post/redirect/get).</summary>
    public static RedirectResult Done(this Controller controller, SetupResult result, string url)
    {
        if (result.Message is { } message) controller.TempData.Success(message);
        return controller.Redirect(url);
    }

    /// <summary>A refusal of a button (no form to show again): back to <paramref name="url"/> with the reason in red.</summary>
    public static RedirectResult Refused(this Controller controller, SetupResult result, string url)
    {
        controller.TempData.Refused(result.ErrorText);
        return controller.Redirect(url);
    }

    /// <summary>A button's outcome (no form to show again): back to <paramref name="url"/>, in green or in red; 404 for what is not there.</summary>
    public static ActionResult Outcome(this Controller controller, SetupResult result, string url) =>
        result.Succeeded ? controller.Done(result, url)
        : result.Refusal == Refusal.NotFound ? controller.NotFound()
        : controller.Refused(result, url);

    /// <summary>The status of a page shown again after a refusal: 409 when it changed meanwhile, 422 otherwise.</summary>
    public static int StatusCode(this SetupResult result) =>
        result.Refusal == Refusal.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;

    /// <summary>Failure: each message under its field, the form's fields named <paramref name="prefix"/> + field.</summary>
    public static void AddErrors(this ModelStateDictionary state, SetupResult result, string prefix)
    {
        foreach (var e in result.Errors)
            state.AddModelError(e.Field.Length == 0 ? "" : prefix + e.Field, e.Message);
    }
}
