namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// The judge's score sheet as posted: points by criterion id (blank = not scored yet), a comment, and which button was
/// pressed ("draft" or "submit"). <see cref="SubmissionId"/> is generated when the form is rendered.
/// </summary>
public sealed record ScoreForm
{
    public Guid SubmissionId { get; init; }
    public Dictionary<int, decimal?> Points { get; init; } = [];
    public string? Comment { get; init; }
    public string? Command { get; init; }
}

/// <summary>A correction request for a submitted sheet: the new points and why.</summary>
public sealed record CorrectionForm
{
    public Dictionary<int, decimal?> Points { get; init; } = [];
    public string? Comment { get; init; }
    public string? Reason { get; init; }
}

/// <summary>An organizer's decision on a correction; a reason is required either way.</summary>
public sealed record CorrectionDecisionForm
{
    public bool Approve { get; init; }
    public string? Reason { get; init; }
}
