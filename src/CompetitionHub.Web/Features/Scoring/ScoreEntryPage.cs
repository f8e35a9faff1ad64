using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>A criterion as the judge's sheet shows it; <see cref="Weight"/> (percent) is null when the rubric is unweighted.</summary>
public sealed record ScoreCriterionView(int Id, string Name, string Description, decimal MaxPoints, decimal Step, int? Weight = null);

public sealed record ScoreMaterialView(int Id, MaterialKind Kind, string FileName);

public sealed record OwnCorrectionView(int Id, int TotalHundredths, string Reason, CorrectionStatus Status, DateTime RequestedAt, string? DecisionReason);

/// <summary>
/// What the judge sees when scoring one entry: the entry, its materials, the rubric and their own sheet — never another
/// judge's score (blind review).
/// </summary>
/// <param name="ClosedReason">Why the sheet cannot be filled in now (not scoring yet, scoring over, past the deadline); null when open.</param>
public sealed record ScoreEntryView(int RoundId, string ContestName, string RoundName, DateTime? EndsAt, string? ClosedReason,
    int EntryId, string EntryTitle, string Track, string Industry, string Summary, string? CompanyName,
    IReadOnlyList<ScoreMaterialView> Materials, IReadOnlyList<ScoreCriterionView> Criteria,
    SheetStatus? Status, int TotalHundredths, int EffectiveTotalHundredths, IReadOnlyList<OwnCorrectionView> Corrections,
    ScoreForm Form, CorrectionForm Correction)
{
    public bool Open => ClosedReason is null;
}

/// <summary>Loads the score page for an assigned online-review judge; null when the entry is not theirs to score.</summary>
public sealed class ScoreEntryPage(AppDbContext db, JudgeAccess judges, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public async Task<ScoreEntryView?> LoadAsync(string judgeUserId, int roundId, int entryId, ScoreForm? form, CorrectionForm? correction, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == roundId && r.Kind == RoundKind.OnlineReview, ct);
        if (round is null) return null;
        if (!await db.ReviewAssignments.AnyAsync(a => a.RoundId == roundId && a.EntryId == entryId && a.JudgeUserId == judgeUserId, ct)) return null;
        // A removed or recused judge does not see the entry, even if an assignment was left behind.
        if (await judges.BarAsync(judgeUserId, round.ContestId, entryId, ct) != JudgeBar.None) return null;
        var entry = await db.Entries.AsNoTracking().Include(e => e.Track).Include(e => e.Contest)
            .SingleOrDefaultAsync(e => e.Id == entryId && e.ContestId == round.ContestId, ct);
        if (entry is null) return null;

        var materials = await db.EntryMaterials.AsNoTracking().Where(m => m.EntryId == entryId).OrderBy(m => m.Kind).ThenBy(m => m.Id)
            .Select(m => new ScoreMaterialView(m.Id, m.Kind, m.FileName)).ToListAsync(ct);
        var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == roundId && s.EntryId == entryId && s.JudgeUserId == judgeUserId, ct);
        var corrections = sheet is null ? [] : await db.ScoreCorrections.AsNoTracking().Where(c => c.SheetId == sheet.Id).OrderBy(c => c.Id)
            .Select(c => new OwnCorrectionView(c.Id, c.TotalHundredths, c.Reason, c.Status, c.RequestedAt, c.DecisionReason)).ToListAsync(ct);
        var criteria = Rubric.ForTrack(round.Criteria, entry.TrackId)
            .Select(c => new ScoreCriterionView(c.Id, c.LocalizedName, c.LocalizedDescription, c.MaxPoints, (c.StepHundredths > 0 ? c.StepHundredths : 1) / 100m, c.WeightPercent)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        // The same rule, in the same words, as RecordScore applies when the sheet is sent.
        var closed = round.Status switch
        {
            RoundStatus.Draft or RoundStatus.Open => t["该赛段尚未开始评分。"].Value,
            RoundStatus.Scoring when round.EndsAt is { } ends && now > ends => t["网络评审已截止，不能再评分。"].Value,
            RoundStatus.Scoring => null,
            _ => t["该赛段评分已结束，不能再评分。"].Value,
        };

        var saved = sheet?.Lines.ToDictionary(l => l.CriterionId, l => (decimal?)(l.PointsHundredths / 100m)) ?? [];
        // A fresh submission id on every render: a double-posted form carries the same one and is counted once.
        form = (form ?? new ScoreForm { Points = saved, Comment = sheet?.Comment }) with { SubmissionId = Guid.NewGuid() };
        correction ??= new CorrectionForm { Points = saved };
        return new ScoreEntryView(roundId, entry.Contest.LocalizedName, round.LocalizedName, round.EndsAt, closed, entryId, entry.Title,
            entry.Track.LocalizedName, entry.Contest.IndustryNames().Show(entry.Industry), entry.Summary, entry.CompanyName, materials, criteria,
            sheet?.Status, sheet?.TotalHundredths ?? 0, sheet?.EffectiveTotalHundredths ?? 0, corrections, form, correction);
    }
}
