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
