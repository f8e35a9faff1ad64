namespace CompetitionHub.Web.Features.Assignment;

/// <summary>A judge as the solver sees them: an id, an optional load cap, the industries they know.</summary>
public sealed record AssignmentJudge(string Id, int? MaxLoad, IReadOnlySet<string> Expertise);

/// <summary>An entry as the solver sees it: an id and its industry.</summary>
public sealed record AssignmentEntry(int Id, string Industry);

/// <summary>
/// One online round's assignment question: give every entry <see cref="PerEntry"/> judges. Conflicted and blocked pairs
/// are never used; pinned pairs are always kept (they count toward the entry's k and the judge's load).
/// </summary>
public sealed record AssignmentProblem(
    int PerEntry,
    IReadOnlyList<AssignmentEntry> Entries,
    IReadOnlyList<AssignmentJudge> Judges,
    IReadOnlySet<(string Judge, int Entry)> Conflicts,
    IReadOnlySet<(string Judge, int Entry)> Pinned,
    IReadOnlySet<(string Judge, int Entry)> Blocked);

public enum ShortfallReason
{
    /// <summary>Fewer judges without a conflict or block on this entry than k.</summary>
    TooFewEligibleJudges,
    /// <summary>Enough eligible judges exist, but their load caps are used up by other entries.</summary>
    JudgeLoadCaps,
}

/// <summary>An entry left with fewer than k judges, how many are missing, and why.</summary>
public sealed record Shortfall(int EntryId, int Assigned, int Missing, ShortfallReason Reason, int EligibleJudges);

/// <summary>
/// The solver's answer: the pairs (pins included), every shortfall, and figures an organizer can judge fairness by.
/// </summary>
public sealed record AssignmentPlan(
    IReadOnlyList<(string Judge, int Entry)> Pairs,
    IReadOnlyList<Shortfall> Shortfalls,
    int MinLoad,
    int MaxLoad,
    int ExpertiseMatches,
    int MaxTimesTwoJudgesShareAnEntry)
{
    public bool Complete => Shortfalls.Count == 0;
}
