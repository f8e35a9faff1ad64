using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Assignment;

/// <summary>The organizer's choices for a run: judges per entry, and optionally the seed.</summary>
public sealed record AssignmentForm
{
    [Required(ErrorMessage = "请填写每个项目的评委人数。")]
    [Range(AssignmentState.MinPerEntry, AssignmentState.MaxPerEntry, ErrorMessage = "每个项目的评委人数须在 {1} 到 {2} 之间。")]
    public int? K { get; init; } = AssignmentState.DefaultPerEntry;

    [Range(0, int.MaxValue, ErrorMessage = "随机种子须为非负整数。")]
    public int? Seed { get; init; }

    /// <summary>The fingerprint of the previewed problem, posted back by the commit button.</summary>
    [StringLength(128)]
    public string? Fingerprint { get; init; }
}

public sealed record PlannedJudge(string UserId, string Name, bool ExpertiseMatch, bool Pinned, bool Added);

public sealed record PlannedEntry(int EntryId, string Title, string Industry, IReadOnlyList<PlannedJudge> Judges, int Missing,
    string? ShortfallText);

public sealed record PlannedLoad(string UserId, string Name, int Load, int? MaxLoad, int Added, int Removed);

public sealed record PairChange(string JudgeUserId, string JudgeName, int EntryId, string EntryTitle);

/// <summary>
/// A plan as the organizer reads it before deciding to commit it; nothing of it is stored. The figures are the whole
/// round's; the entries, and the changes named one by one, are those of the plan page shown.
/// </summary>
public sealed record AssignmentPreview(
    int PerEntry,
    int Seed,
    string Fingerprint,
    AssignmentPlan Plan,
    Paged<PlannedEntry> Entries,
    IReadOnlyList<PlannedLoad> Loads,
    int AddedCount,
    int RemovedCount,
    IReadOnlyList<PairChange> Added,
    IReadOnlyList<PairChange> Removed,
    int ShortEntries);

/// <summary>
/// What a preview works out over the whole round, kept (<see cref="SolvedPlans.Keep"/>) so paging through it or coming back
/// to it reads only the solver's input and the stamp: the plan, what committing it would add and drop, and per-judge loads.
/// </summary>
public sealed record KeptPreview(
    AssignmentPlan Plan,
    IReadOnlyList<(string Judge, int Entry)> Added,
    IReadOnlyList<(string Judge, int Entry)> Removed,
    IReadOnlyDictionary<string, int> Loads,
    IReadOnlyDictionary<string, int> AddedBy,
    IReadOnlyDictionary<string, int> RemovedBy);

/// <summary>
/// Runs the solver on the round as it is now and explains the answer: who reviews what, loads, expertise matches, what
/// changes against the stored assignment, and for every entry left short a reason an organizer can act on.
/// </summary>
public sealed class PreviewAssignment(LoadAssignmentState load, SolvedPlans plans, IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// The preview of the round read with its pins only (<see cref="LoadAssignmentState.WithPinsOnlyAsync"/>). The round's
    /// stored pairs, 50,000 at 10,000 entries × 5 judges, are read only when no preview is kept for its input and stamp.
    /// Null when the round is gone since.
    /// </summary>
    public async Task<AssignmentPreview?> HandleAsync(AssignmentState pinsOnly, int perEntry, int seed, int planPage, CancellationToken ct)
    {
        var state = pinsOnly;
        var problem = state.Problem(perEntry);
        var fingerprint = AssignmentState.Fingerprint(problem, seed);
        if (plans.Kept(state.Round.Id, fingerprint, state.Stamp) is not { } kept)
        {
            if (await load.HandleAsync(state.Round.Id, ct) is not { } whole) return null;
            state = whole;
            problem = state.Problem(perEntry);
            fingerprint = AssignmentState.Fingerprint(problem, seed);
            kept = Work(state, problem, seed, fingerprint);
            plans.Keep(state.Round.Id, fingerprint, state.Stamp, kept);
        }
        return Explain(state, problem, seed, fingerprint, kept, planPage);
    }

    private KeptPreview Work(AssignmentState state, AssignmentProblem problem, int seed, string fingerprint)
    {
        var plan = plans.Solve(state.Round.Id, problem, seed, fingerprint);
        var (added, removed) = Changes(state, plan);
        return new KeptPreview(plan, added, removed, plan.Pairs.CountBy(p => p.Judge).ToDictionary(),
            added.CountBy(p => p.Judge).ToDictionary(), removed.CountBy(p => p.Judge).ToDictionary());
    }

    private AssignmentPreview Explain(AssignmentState state, AssignmentProblem problem, int seed, string fingerprint, KeptPreview kept,
        int planPage)
    {
        var (plan, added, removed) = (kept.Plan, kept.Added, kept.Removed);

        // The solver needs the whole round; what is explained, named and sorted is only the page shown.
        var page = state.Entries.ToPage(planPage, AssignmentListQuery.PageSize);
        var onPage = page.Rows.Select(e => e.Id).ToHashSet();
        var judges = state.Judges.ToDictionary(j => j.UserId);
        var pairsByEntry = plan.Pairs.Where(p => onPage.Contains(p.Entry)).ToLookup(p => p.Entry, p => p.Judge);
        var shortfalls = plan.Shortfalls.Where(s => onPage.Contains(s.EntryId)).ToDictionary(s => s.EntryId);
        var addedSet = added.Where(p => onPage.Contains(p.Entry)).ToHashSet();

        var plannedEntries = page.Rows.Select(e =>
        {
            var planned = pairsByEntry[e.Id].Where(judges.ContainsKey).Select(j => judges[j])
                .Select(j => new PlannedJudge(j.UserId, j.Name, j.Expertise.Contains(e.Industry, StringComparer.Ordinal),
                    problem.Pinned.Contains((j.UserId, e.Id)), addedSet.Contains((j.UserId, e.Id))))
                .OrderByDescending(j => j.Pinned).ThenBy(j => j.Name, StringComparer.Ordinal).ToList();
            var shortfall = shortfalls.GetValueOrDefault(e.Id);
            return new PlannedEntry(e.Id, e.Title, e.Industry, planned, shortfall?.Missing ?? 0,
                shortfall is null ? null : Explain(shortfall, state, problem, pairsByEntry[e.Id].ToHashSet()));
        }).ToList();

        var plannedLoads = state.Judges.Select(j => new PlannedLoad(j.UserId, j.Name, kept.Loads.GetValueOrDefault(j.UserId), j.MaxLoad,
                kept.AddedBy.GetValueOrDefault(j.UserId), kept.RemovedBy.GetValueOrDefault(j.UserId)))
            .ToList();

        var titles = page.Rows.ToDictionary(e => e.Id, e => e.Title);
        PairChange Describe((string Judge, int Entry) p) => new(p.Judge, judges.GetValueOrDefault(p.Judge)?.Name ?? p.Judge,
            p.Entry, titles.GetValueOrDefault(p.Entry) ?? $"#{p.Entry}");

        return new AssignmentPreview(problem.PerEntry, seed, fingerprint, plan,
            new Paged<PlannedEntry>(plannedEntries, page.Total, page.Page, page.Size), plannedLoads, added.Count, removed.Count,
            added.Where(p => onPage.Contains(p.Entry)).Select(Describe).ToList(),
            removed.Where(p => onPage.Contains(p.Entry)).Select(Describe).ToList(), plan.Shortfalls.Count);
    }

    /// <summary>
    /// What committing <paramref name="plan"/> would change: pairs it adds, and stored pairs it drops. Pins the solver was
    /// not given (their judge left the pool or the entry left the round) stay stored; a pin that now conflicts goes.
    /// </summary>
    public static (List<(string Judge, int Entry)> Added, List<(string Judge, int Entry)> Removed) Changes(
        AssignmentState state, AssignmentPlan plan)
    {
        var planned = plan.Pairs.ToHashSet();
        var stored = state.Stored.Select(s => (s.JudgeUserId, s.EntryId)).ToHashSet();
        var kept = state.Stored.Where(s => s.Source == AssignmentSource.Pinned && !state.Conflicts.Contains((s.JudgeUserId, s.EntryId)))
            .Select(s => (s.JudgeUserId, s.EntryId)).ToHashSet();
        var added = plan.Pairs.Where(p => !stored.Contains(p)).Distinct()
            .OrderBy(p => p.Entry).ThenBy(p => p.Judge, StringComparer.Ordinal).ToList();
        var removed = stored.Where(p => !planned.Contains(p) && !kept.Contains(p))
            .OrderBy(p => p.Item2).ThenBy(p => p.Item1, StringComparer.Ordinal).ToList();
        return (added, removed);
    }

    private string Explain(Shortfall shortfall, AssignmentState state, AssignmentProblem problem, HashSet<string> onEntry)
    {
        var missing = t["尚缺 {0} 位评委。", shortfall.Missing];
        if (shortfall.Reason == ShortfallReason.TooFewEligibleJudges)
            return t["只有 {0} 位评委与该项目无利益冲突，少于每个项目所需的 {1} 位。", shortfall.EligibleJudges, problem.PerEntry] + missing;

        // The caps that stopped the judges who could have taken this entry but did not.
        var caps = state.Judges
            .Where(j => !onEntry.Contains(j.UserId) && !problem.Conflicts.Contains((j.UserId, shortfall.EntryId))
                        && !problem.Blocked.Contains((j.UserId, shortfall.EntryId)) && j.MaxLoad is not null)
            .Select(j => j.MaxLoad!.Value).Distinct().Order().ToList();
        return t["符合条件的评委工作量已满（上限 {0}）。", caps.Count == 0 ? "—" : string.Join(t["、"], caps)] + missing;
    }
}
