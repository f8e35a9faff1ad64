using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>A message for one form field ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a contest-setup use case did: the id it saved, or the messages that say why it did not.</summary>
public sealed record SetupResult(int Id, IReadOnlyList<FieldError> Errors, string? Message = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static SetupResult Done(int id, string? message = null) => new(id, [], message);
    public static SetupResult Fail(string field, string message) => new(0, [new FieldError(field, message)]);
    public static SetupResult Fail(IReadOnlyList<FieldError> errors) => new(0, errors);

    /// <summary>A refusal about the whole request (not one field); shown as the page's error message.</summary>
    public string ErrorText => string.Join(" ", Errors.Select(e => e.Message));
}

/// <summary>How setup pages (contests, roadshow sessions) show a <see cref="SetupResult"/>.</summary>
public static class SetupResultPages
{
    /// <summary>Success: the message goes with the redirect (post/redirect/get).</summary>
    public static RedirectResult Done(this Controller controller, SetupResult result, string url)
    {
        if (result.Message is { } message) controller.TempData["Message"] = message;
        return controller.Redirect(url);
    }

    /// <summary>Failure: each message under its field, the form's fields named <paramref name="prefix"/> + field.</summary>
    public static void AddErrors(this ModelStateDictionary state, SetupResult result, string prefix)
    {
        foreach (var e in result.Errors)
            state.AddModelError(e.Field.Length == 0 ? "" : prefix + e.Field, e.Message);
    }
}
