using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Features.Assignment;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>What a judge sends: points per criterion (as typed, e.g. 27.5), a comment, and whether this is the final submit.</summary>
public sealed record ScoreInput(Guid SubmissionId, int RoundId, int EntryId, IReadOnlyDictionary<int, decimal> Points, string? Comment, bool Submit);

/// <summary>
/// The server's answer. <see cref="Accepted"/> is true only once the sheet is stored; <see cref="AlreadyRecorded"/> says a
/// resend of a submission the server already has (nothing changed, nothing counted twice). <see cref="Retry"/> marks a
/// refusal that is not about the sheet (the server could not store it just now): the device keeps it and sends it again.
/// </summary>
public sealed record ScoreOutcome(bool Accepted, bool AlreadyRecorded, string? Error, int? SheetId, SheetStatus? Status, int TotalHundredths)
{
    public bool Retry { get; init; }

    /// <summary>For a sheet refused for its points: every criterion's problem, so a page can mark each field at once.</summary>
    public IReadOnlyList<SheetProblem> Problems { get; init; } = [];

    public static ScoreOutcome Refused(string error) => new(false, false, error, null, null, 0);

    public static ScoreOutcome Resent(ScoreSheet stored) => new(true, true, null, stored.Id, stored.Status, stored.TotalHundredths);
}

/// <summary>What is wrong with a sheet's points; <see cref="CriterionId"/> is null for the sheet as a whole.</summary>
public sealed record SheetProblem(int? CriterionId, string Message);

/// <summary>
/// One judge's <see cref="ScoreInput"/>. The judge's sign-in name goes with it for the audit trail, because a sheet queued
/// by the stage hub is stored outside the judge's request.
/// </summary>
public sealed record ScoreRequest(string JudgeUserId, ScoreInput Input, string? JudgeUserName = null);

/// <summary>
/// The one way a score is stored, for the online review pages and the roadshow hub alike: checks who may score what
/// and when, checks every criterion against the rubric (range and step), and stores the sheet once per submission id.
/// Sheets that arrive together (a panel submitting at once) are checked with one set of queries and the new ones stored
/// in one transaction: one durable write for the panel instead of one each.
/// </summary>
public sealed class RecordScore(AppDbContext db, JudgeAccess judges, StageFacts stageFacts, AuditLog audit, ReviewReminders reminders,
    TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<RecordScore> logger)
{
    /// <summary>The column's length; the message above says the same number.</summary>
    public const int MaxCommentLength = 2000;

    public async Task<ScoreOutcome> HandleAsync(string judgeUserId, ScoreInput input, CancellationToken ct) =>
        (await HandleManyAsync([new ScoreRequest(judgeUserId, input)], ct))[0];

    /// <summary>Stores what it can of <paramref name="requests"/> and answers each, in the same order.</summary>
    /// <param name="onStage">Sheets scored on a roadshow stage: what stays put during the scoring window is checked from
    /// memory (<see cref="StageFacts"/>), the rest read as always.</param>
    public async Task<IReadOnlyList<ScoreOutcome>> HandleManyAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken ct, bool onStage = false)
    {
        var outcomes = new ScoreOutcome[requests.Count];
        // A wave holds each submission id and each (round, entry, judge) once: a repeat (the same sheet sent twice at once,
        // or a second sheet for the same entry) goes to the next wave and meets the first one as stored.
        var pending = Enumerable.Range(0, requests.Count).ToList();
        while (pending.Count > 0)
        {
            var wave = new List<int>();
            var later = new List<int>();
            var ids = new HashSet<Guid>();
            var keys = new HashSet<(int, int, string)>();
            foreach (var i in pending)
            {
                var (judge, input, _) = requests[i];
                if (ids.Add(input.SubmissionId) && keys.Add((input.RoundId, input.EntryId, judge))) wave.Add(i);
                else later.Add(i);
            }
            await StoreWaveAsync(requests, wave, outcomes, onStage, ct);
            pending = later;
        }
        return outcomes;
    }

    /// <param name="collisions">How many more times a sheet is stored again from a fresh read after colliding with a
    /// racing write; a collision each time would be a defect, and then the error propagates.</param>
    private async Task StoreWaveAsync(IReadOnlyList<ScoreRequest> requests, List<int> wave, ScoreOutcome[] outcomes, bool onStage,
        CancellationToken ct, int collisions = 3)
    {
        var checking = wave.Select(i => requests[i]).ToList();
        var context = (onStage ? await ScoringContext.LoadOnStageAsync(db, judges, stageFacts, checking, ct) : null)
            ?? await ScoringContext.LoadAsync(db, judges, checking, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new List<(int Index, ScoreSheet Sheet, Round Round)>();
        var fresh = new NewSheets();
        foreach (var i in wave)
        {
            var (judge, input, _) = requests[i];
            // A resend (a reconnect, a second server, a copy racing the original) is answered from the stored sheet before
            // any check, so a sheet stored just before its round closed is still acknowledged after.
            if (context.BySubmission.GetValueOrDefault(input.SubmissionId) is { } earlier)
            {
                outcomes[i] = earlier.JudgeUserId == judge && earlier.EntryId == input.EntryId && earlier.RoundId == input.RoundId
                    ? ScoreOutcome.Resent(earlier)
                    : ScoreOutcome.Refused(t["评分提交编号无效，请刷新页面后重试。"]);
                continue;
            }
            if (context.Rounds.GetValueOrDefault(input.RoundId) is not { } round || !context.EntryInContest(input.EntryId, round.ContestId))
            {
                outcomes[i] = ScoreOutcome.Refused(t["评分的赛段或项目不存在。"]);
                continue;
            }
            if (WhyNotAllowed(context, judge, round, input.EntryId, now) is { } refusal)
            {
                outcomes[i] = ScoreOutcome.Refused(refusal);
                continue;
            }
            // Here rather than in a form, so the page and the stage hub refuse the same comment with the same message.
            if (input.Comment?.Length > MaxCommentLength)
            {
                outcomes[i] = ScoreOutcome.Refused(t["评语不能超过 2000 个字符。"]);
                continue;
            }
            var rubric = context.RubricOf(round, input.EntryId);
            if (Problems(rubric, input.Points) is [var first, ..] problems)
            {
                outcomes[i] = ScoreOutcome.Refused(first.Message) with { Problems = problems };
                continue;
            }
            var existing = context.Sheets.GetValueOrDefault((round.Id, input.EntryId, judge));
            if (existing?.Status == SheetStatus.Submitted)
            {
                outcomes[i] = ScoreOutcome.Refused(t["该项目的评分已提交，不能再修改；如需更正，请提交更正申请。"]);
                continue;
            }
            stored.Add((i, Apply(existing, requests[i], round, rubric, now, fresh), round));
        }
        if (stored.Count == 0) return;

        // A sheet carried on from a draft is tracked and saved as every change is. New sheets, a panel's on stage, are
        // written together in a transaction of their own: a sheet stands alone, so the two need not commit together.
        var carried = stored.Where(s => !fresh.Sheets.Contains(s.Sheet)).Select(s => s.Index).ToList();
        if (carried.Count > 0 && !await WithoutCollisionAsync(() => db.SaveChangesAsync(ct)))
            await OneByOneAsync(carried);
        if (fresh.Sheets.Count > 0 && !await WithoutCollisionAsync(() => db.SaveAtomicallyAsync(c => fresh.InsertAsync(db, c), ct)))
            await OneByOneAsync([.. stored.Where(s => fresh.Sheets.Contains(s.Sheet)).Select(s => s.Index)]);

        foreach (var (i, sheet, _) in stored)
        {
            outcomes[i] = new ScoreOutcome(true, false, null, sheet.Id, sheet.Status, sheet.TotalHundredths);
            logger.LogInformation("Judge {JudgeId} {Action} entry {EntryId} in round {RoundId}: {Total}",
                sheet.JudgeUserId, sheet.Status == SheetStatus.Submitted ? "scored" : "saved a draft for", sheet.EntryId, sheet.RoundId, sheet.TotalHundredths);
        }
        var online = stored.Where(s => s.Sheet.Status == SheetStatus.Submitted && s.Round.Kind == RoundKind.OnlineReview)
            .Select(s => (s.Round.Id, s.Sheet.JudgeUserId)).Distinct().ToList();
        foreach (var (roundId, judge) in online)
        {
            // Everything assigned is in: the deadline reminder would only be noise.
            await reminders.WithdrawIfDoneAsync(roundId, judge, ct);
        }
        if (online.Count > 0) await db.SaveChangesAsync(ct);

        // False when the write collided with one from elsewhere: a copy of the same submission (a reconnect racing the
        // original, another server), another tab of the same judge, an organizer. Nothing of it was stored.
        async Task<bool> WithoutCollisionAsync(Func<Task> write)
        {
            try
            {
                await write();
                return true;
            }
            catch (Exception e) when (collisions > 0 && e.Classify() is DatabaseError.UniqueViolation or DatabaseError.VersionConflict)
            {
                return false;
            }
        }

        // Each sheet stored again on its own from a fresh read, so one collision costs no other sheet and a copy finds its
        // submission stored. Their outcomes are set there, so they leave the list answered below.
        async Task OneByOneAsync(List<int> indexes)
        {
            db.ChangeTracker.Clear();
            stored.RemoveAll(s => indexes.Contains(s.Index));
            foreach (var i in indexes) await StoreWaveAsync(requests, [i], outcomes, onStage, ct, collisions - 1);
        }
    }

    /// <summary>
    /// A group's new sheets and their audit records, each written with one statement (<see cref="RowInserts"/>) where
    /// SaveChanges would send one per row: the panel's fifty judges wait for this write before they are answered.
    /// </summary>
    private sealed class NewSheets
    {
        public List<ScoreSheet> Sheets { get; } = [];
        public List<AuditEntry> Records { get; } = [];

        /// <summary>Contests whose ranking counts one of the sheets (a submitted one).</summary>
        public HashSet<int> Ranked { get; } = [];

        public async Task<bool> InsertAsync(AppDbContext db, CancellationToken ct)
        {
            var ids = await db.InsertAsync(Sheets, s => s.Id, s => s.SubmissionId, ct);
            foreach (var sheet in Sheets) sheet.Id = ids[sheet.SubmissionId];
            await db.InsertAsync(Records, ct);
            // What the ranking stamp's save interceptor does for a sheet SaveChanges writes.
            foreach (var contestId in Ranked) await RankingStamps.BumpAsync(db, contestId, ct);
            return true;
        }
    }

    private ScoreSheet Apply(ScoreSheet? existing, ScoreRequest request, Round round, IReadOnlyList<RubricCriterion> rubric, DateTime now,
        NewSheets fresh)
    {
        var (judgeUserId, input, judgeUserName) = request;
        var lines = Lines(rubric, input.Points);
        var sheet = existing ?? new ScoreSheet { RoundId = round.Id, EntryId = input.EntryId, JudgeUserId = judgeUserId, CreatedAt = now };
        sheet.SubmissionId = input.SubmissionId;
        sheet.Lines = lines;
        sheet.TotalHundredths = sheet.EffectiveTotalHundredths = Total(rubric, lines);
        sheet.Comment = (input.Comment ?? "").Trim();
        sheet.UpdatedAt = now;
        if (input.Submit)
        {
            sheet.Status = SheetStatus.Submitted;
            sheet.SubmittedAt = now;
            var record = audit.Create(round.ContestId, nameof(ScoreSheet), $"{round.Id}/{input.EntryId}", "submitted",
                after: new { judgeUserId, total = sheet.TotalHundredths / 100m, lines = lines.Select(l => l.PointsHundredths / 100m) });
            record.UserId ??= judgeUserId;
            record.UserName ??= judgeUserName;
            if (existing is not null) db.AuditEntries.Add(record);
            else
            {
                fresh.Records.Add(record);
                fresh.Ranked.Add(round.ContestId);
            }
        }
        if (existing is null) fresh.Sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A validated sheet's lines, in the rubric's order.</summary>
    public static List<ScoreLine> Lines(IReadOnlyList<RubricCriterion> rubric, IReadOnlyDictionary<int, decimal> points) =>
        [.. rubric.OrderBy(c => c.Sequence).Select(c => new ScoreLine { CriterionId = c.Id, PointsHundredths = (int)(points[c.Id] * 100) })];

    /// <summary>A sheet's total by the rubric (weights applied when it has them): see <see cref="Rubric.TotalHundredths"/>.</summary>
    public static int Total(IReadOnlyList<RubricCriterion> rubric, IEnumerable<ScoreLine> lines) =>
        Rubric.TotalHundredths(rubric, lines.ToDictionary(l => l.CriterionId, l => l.PointsHundredths));

    /// <summary>
    /// Sheets are taken only while the round is in its scoring state (评分中), online and roadshow alike. Online review:
    /// an assigned judge, before the round's deadline. Roadshow: a panel judge of the session the entry is in, not
    /// recused, while the entry is on stage with scoring open.
    /// </summary>
    private string? WhyNotAllowed(ScoringContext context, string judgeUserId, Round round, int entryId, DateTime now)
    {
        switch (context.AccessFor(round, entryId).Bar(judgeUserId, entryId))
        {
            case JudgeBar.NotInPool: return t["您已不在该赛事的评委库中，不能评分。"];
            case JudgeBar.Conflicted: return t["您与该项目存在利益冲突，已回避，不能评分。"];
        }
        if (round.Kind == RoundKind.OnlineReview && !context.Assignments.Contains((round.Id, entryId, judgeUserId)))
            return t["该项目未分配给您评审。"];
        var status = context.RoundStatus[round.Id];
        if (status is RoundStatus.Draft or RoundStatus.Open)
            return t["该赛段尚未开始评分。"];
        if (status is not RoundStatus.Scoring)
            return t["该赛段评分已结束，不能再评分。"];

        if (round.Kind == RoundKind.OnlineReview)
        {
            if (round.EndsAt is { } ends && now > ends)
                return t["网络评审已截止，不能再评分。"];
            return null;
        }

        if (!context.SessionOf.TryGetValue((round.Id, entryId), out var session) || !context.Panels.Contains((session, judgeUserId)))
            return t["您不是该项目所在场次的评委。"];
        if (!context.Stages.TryGetValue(session, out var stage) || stage.EntryId != entryId || stage.Phase != StagePhase.Scoring)
            return t["该项目当前未开放评分。"];
        return null;
    }

    /// <summary>Every criterion scored, within 0..max, in the rubric's steps; nothing else. Corrections are checked the same way.</summary>
    public string? Validate(IReadOnlyList<RubricCriterion> criteria, IReadOnlyDictionary<int, decimal> points) =>
        Problems(criteria, points) is [var first, ..] ? first.Message : null;

    /// <summary>Everything <see cref="Validate"/> would refuse, each criterion's problem in rubric order.</summary>
    public IReadOnlyList<SheetProblem> Problems(IReadOnlyList<RubricCriterion> criteria, IReadOnlyDictionary<int, decimal> points)
    {
        if (criteria.Count == 0) return [new(null, t["该赛段还没有评分标准。"])];
        if (points.Keys.Any(id => criteria.All(c => c.Id != id))) return [new(null, t["评分包含不属于该评分标准的项目。"])];
        var problems = new List<SheetProblem>();
        foreach (var c in criteria.OrderBy(c => c.Sequence))
        {
            if (Problem(c, points) is { } problem) problems.Add(new(c.Id, problem));
        }
        return problems;
    }

    private string? Problem(RubricCriterion c, IReadOnlyDictionary<int, decimal> points)
    {
        if (!points.TryGetValue(c.Id, out var value)) return t["请为“{0}”评分。", c.LocalizedName];
        // Range first: a huge typed value must be refused before scaling it could overflow.
        if (value < 0 || value > c.MaxPoints)
            return t["“{0}”的分数须在 0 到 {1} 之间。", c.LocalizedName, c.MaxPoints];
        var hundredths = value * 100;
        if (hundredths != decimal.Truncate(hundredths))
            return t["“{0}”的分数须在 0 到 {1} 之间。", c.LocalizedName, c.MaxPoints];
        if (c.StepHundredths > 0 && (int)hundredths % c.StepHundredths != 0)
            return t["“{0}”的分数须以 {1} 分为单位。", c.LocalizedName, c.StepHundredths / 100m];
        return null;
    }
}
