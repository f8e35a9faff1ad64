using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Rankings;

public sealed record NamedSeverity(string JudgeName, JudgeSeverity Severity);

public sealed record NamedOutlier(string EntryTitle, string JudgeName, OutlierScore Outlier);

/// <summary>One panel's agreement: a roadshow session's panel, or for online review the whole round.</summary>
public sealed record NamedAgreement(string PanelName, PanelAgreement Agreement);

public sealed record DiagnosticsPage(int ContestId, string ContestName, Round Round, IReadOnlyList<NamedSeverity> Severities,
    IReadOnlyList<NamedOutlier> Outliers, IReadOnlyList<NamedAgreement> Panels, int SheetCount);

/// <summary>
/// Loads a round's submitted sheets and reads them with <see cref="ScoreDiagnostics"/>. A roadshow round is read per
/// session (that session's panel, on the entries every panel judge scored); an online review round as one panel.
/// </summary>
public sealed class RoundDiagnostics(AppDbContext db, RoundRanking ranking)
{
    public async Task<DiagnosticsPage?> LoadAsync(int contestId, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria)
            .SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return null;
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var sheets = await ranking.SheetsAsync(roundId, ct);
        var judgeIds = sheets.Select(s => s.JudgeUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var entryIds = sheets.Select(s => s.EntryId).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        string Judge(string id) => names.GetValueOrDefault(id) ?? id;

        var panels = new List<NamedAgreement>();
        if (round.Kind == RoundKind.Roadshow)
        {
            var sessions = await db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots)
                .Where(s => s.RoundId == roundId).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).AsSplitQuery().ToListAsync(ct);
            foreach (var session in sessions)
            {
                var panel = session.Panel.Select(j => j.JudgeUserId).ToHashSet();
                var slots = session.Slots.Select(x => x.EntryId).ToHashSet();
                var own = sheets.Where(s => panel.Contains(s.JudgeUserId) && slots.Contains(s.EntryId)).ToList();
                // W needs every judge on every entry: entries a judge missed (or was recused from) are left out.
                var complete = own.GroupBy(s => s.EntryId).Where(g => g.Count() == panel.Count).SelectMany(g => g).ToList();
                panels.Add(new NamedAgreement(session.Name, ScoreDiagnostics.Agreement(complete)));
            }
        }
        else
        {
            panels.Add(new NamedAgreement(round.LocalizedName, ScoreDiagnostics.Agreement(sheets)));
        }

        return new DiagnosticsPage(contestId, Localized.Pick(contest.Name, contest.NameEn), round,
            [.. ScoreDiagnostics.Severity(sheets).Select(s => new NamedSeverity(Judge(s.JudgeUserId), s))],
            // The outlier floor is a tenth of full marks; with rubrics of their own per track, of the largest of them.
            [.. ScoreDiagnostics.Outliers(sheets, Rubric.Groups(round.Criteria).Select(g => Rubric.FullMarksHundredths([.. g])).DefaultIfEmpty(0).Max())
                .Select(o => new NamedOutlier(titles.GetValueOrDefault(o.EntryId) ?? $"#{o.EntryId}", Judge(o.JudgeUserId), o))],
            panels, sheets.Count);
    }
}
