using System.Globalization;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Draft → 公示 → final for a round's ranking. Publishing copies the current ranking into a new numbered version open to
/// objections for N days; a changed result (after a correction) is published again as the next version and goes through
/// 公示 again, because a result nobody could object to must not become final. Finalizing closes the current version once
/// its period has ended and every objection is decided. Each step writes its audit row and the teams' emails in the
/// same SaveChanges. A version stores the rules it was computed under, each entry's panel, counted and dropped judges and
/// deciding tie-breaker, and every sheet it used anonymised by seat, so anyone can recompute it from the public export; a
/// version whose round's rules changed since (<see cref="RoundRuleChange"/>) cannot be finalized, only replaced.
/// </summary>
public sealed class PublishResults(AppDbContext db, RoundRanking ranking, AuditLog audit, Outbox outbox, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<PublishResults> logger)
{
    public const int MinDays = 1;
    public const int MaxDays = 30;
    public const string AuditEntityType = "RoundResult";
    public const string AnnouncedTemplate = "result-announced";
    public const string FinalTemplate = "result-final";

    /// <param name="resultsLink">The public results page of the round, absolute, for the emails.</param>
    public async Task<SetupResult> PublishAsync(int contestId, int roundId, PublishForm form, string userId, string resultsLink,
        CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return SetupResult.Fail(t["未找到该赛段。"]);
        if (round.Status is not (RoundStatus.Closed or RoundStatus.Published))
            return SetupResult.Fail(t["赛段评分结束（状态为“已结束”）后才能发布结果。"]);
        if (form.Days is not (>= MinDays and <= MaxDays and var days))
            return SetupResult.Fail(t["公示天数须在 {0} 到 {1} 天之间。", MinDays, MaxDays]);

        var current = await db.RankingVersions.AsNoTracking().Where(v => v.RoundId == roundId)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if ((current?.Number ?? 0) != form.Current) return Conflict();
        if (current is { Stage: PublicationStage.Final }) return SetupResult.Fail(t["该赛段的结果已定稿，不能再发布新版本。"]);
        if (await db.Objections.AnyAsync(o => o.RoundId == roundId && o.Status == ObjectionStatus.Pending, ct))
            return SetupResult.Fail(t["还有未处理的异议：请先逐一处理，再发布新版本。"]);
        var note = (form.Note ?? "").Trim();
        if (current is not null && note.Length == 0) return SetupResult.Fail(t["重新发布时请说明结果变化的原因。"]);

        // Fresh, not cached: a publication is a record, so it is computed from the rows as they are, not from a kept copy.
        var computed = await ranking.ComputeFreshAsync(roundId, ct);
        var groups = computed?.Groups.Where(g => g.Entries.Count > 0 || g.Unranked.Count > 0).ToList() ?? [];
        if (groups.All(g => g.Entries.Count == 0)) return SetupResult.Fail(t["还没有已提交的评分，无法发布结果。"]);

        var entryIds = groups.SelectMany(g => g.Entries.Select(e => e.EntryId).Concat(g.Unranked.Select(u => u.EntryId))).ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, Team = e.Team.Name, e.CompanyName }).ToDictionaryAsync(e => e.Id, ct);
        if (WaitingTie(groups, id => entries[id].Title) is { } waiting) return SetupResult.Fail(waiting);

        var now = clock.GetUtcNow().UtcDateTime;
        // Judges become seats, numbered per round in judge id order: the same numbers in the sheets and the judge groups.
        var seats = computed!.EarlierRounds.Select(e => (e.Round.Id, e.Sheets)).Prepend((roundId, computed.Sheets))
            .ToDictionary(x => x.Item1, x => (IReadOnlyDictionary<string, int>)x.Item2.Select(s => s.JudgeUserId).Distinct().Order(StringComparer.Ordinal)
                .Select((judge, i) => (judge, i)).ToDictionary(j => j.judge, j => j.i + 1));
        var rules = RoundRules.From(computed.Round, computed.EarlierRounds.Select(e => e.Round)).WithSeats(seats, computed.Groupings);
        var grouping = computed.Context.JudgeGroups;
        var version = new RankingVersion
        {
            ContestId = contestId, RoundId = roundId, Number = (current?.Number ?? 0) + 1, Stage = PublicationStage.Announcement,
            PublishedAt = now, PublishedByUserId = userId, AnnouncementDays = days, AnnouncementEndsAt = now.AddDays(days), Note = note,
            Rules = rules.ToJson(), RuleChangeCount = await RuleChangeCountAsync(computed.Round, ct),
            Draws = JsonSerializer.Serialize(computed.Context.Draws.Select(d => new PublishedDraw(d.EntryIds, d.ScoreHundredths, d.Seed) { Kind = PublishedDraw.LotDraw })
                .Concat(computed.Context.PanelDecisions.Select(d => new PublishedDraw(d.EntryIds, d.ScoreHundredths, 0)
                    { Kind = PublishedDraw.PanelDecision, Order = d.Order, Reason = d.Reason })), Json),
            Votes = computed.Votes.Count == 0 ? "" : JsonSerializer.Serialize(computed.Votes.OrderBy(r => r.Key)
                .SelectMany(r => r.Value.OrderBy(v => v.Key).Select(v => new PublishedVotes(r.Key, v.Key, v.Value))), Json),
        };
        var panels = await ranking.PanelSizesAsync(computed, ct);
        // By group, not by track: a round ranked by industry field has several groups per track.
        var order = computed!.Groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        foreach (var group in groups)
        {
            foreach (var e in group.Entries)
            {
                var entry = entries[e.EntryId];
                version.Rows.Add(new PublishedRank
                {
                    TrackId = group.TrackId, TrackName = group.Name, TrackNameEn = group.NameEn, TrackOrder = order[group],
                    EntryId = e.EntryId, Rank = e.Rank, Tied = e.Tied, ScoreHundredths = e.ScoreHundredths, JudgeCount = e.JudgeCount,
                    PanelSize = panels.GetValueOrDefault(e.EntryId), DroppedCount = e.DroppedCount, ScoreTied = e.ScoreTied,
                    DecidedBy = e.DecidedBy?.Token ?? "", Parts = Parts(roundId, computed.Round.PublicJuryWeightPercent, e, grouping),
                    EntrySubmittedAt = computed.Context.EntrySubmittedAt.TryGetValue(e.EntryId, out var submitted) ? submitted : null,
                    EntryTitle = entry.Title, TeamName = entry.Team, CompanyName = entry.CompanyName ?? "",
                });
            }
            // Entries with sheets but no score (评委人数不足, no grouped judge): published with the reason, without a rank.
            foreach (var u in group.Unranked)
            {
                var entry = entries[u.EntryId];
                version.Rows.Add(new PublishedRank
                {
                    TrackId = group.TrackId, TrackName = group.Name, TrackNameEn = group.NameEn, TrackOrder = order[group],
                    EntryId = u.EntryId, Rank = 0, JudgeCount = u.SheetCount, PanelSize = panels.GetValueOrDefault(u.EntryId),
                    DecidedBy = u.Reason.ToString(),
                    EntrySubmittedAt = computed.Context.EntrySubmittedAt.TryGetValue(u.EntryId, out var submitted) ? submitted : null,
                    EntryTitle = entry.Title, TeamName = entry.Team, CompanyName = entry.CompanyName ?? "",
                });
            }
        }
        db.RankingVersions.Add(version);
        // The sheets behind the ranking, judges as seats; saved with the version (it gets its id in the same SaveChanges).
        foreach (var (sheetsRoundId, sheets) in computed.EarlierRounds.Select(e => (e.Round.Id, e.Sheets)).Prepend((roundId, computed.Sheets)))
        {
            foreach (var sheet in sheets)
            {
                version.Sheets.Add(new PublishedSheet
                {
                    RoundId = sheetsRoundId, EntryId = sheet.EntryId, Seat = seats[sheetsRoundId][sheet.JudgeUserId],
                    TotalHundredths = sheet.TotalHundredths, Points = PublishedSheet.FormatPoints(sheet.CriterionHundredths),
                });
            }
        }
        audit.Record(contestId, AuditEntityType, roundId, current is null ? "published" : "republished",
            before: current is null ? null : new { version = current.Number, stage = current.Stage.ToString() },
            after: new { version = version.Number, stage = version.Stage.ToString(), endsAt = version.AnnouncementEndsAt, days, entries = version.Rows.Count },
            reason: note.Length == 0 ? null : note);
        await QueueTeamEmailsAsync(version, [.. version.Rows.Where(r => r.Rank > 0)], round, AnnouncedTemplate, resultsLink, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.UniqueViolation or DatabaseError.VersionConflict)
        {
            // The unique (round, number) index: someone else published this number first.
            db.ChangeTracker.Clear();
            return Conflict();
        }
        logger.LogInformation("Round {RoundId} result version {Number} published for {Days} days by {UserId}", roundId, version.Number, days, userId);
        return SetupResult.Done(t["第 {0} 版结果已发布公示，公示期至 {1}（北京时间）。", version.Number, ChinaTime.Format(version.AnnouncementEndsAt)]);
    }

    public async Task<SetupResult> FinalizeAsync(int contestId, int roundId, FinalizeForm form, string userId, string resultsLink,
        CancellationToken ct)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId && r.ContestId == contestId, ct);
        if (round is null) return SetupResult.Fail(t["未找到该赛段。"]);
        var current = await db.RankingVersions.Where(v => v.RoundId == roundId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (current is null) return SetupResult.Fail(t["该赛段还没有发布结果。"]);
        if (current.Number != form.Number || (form.Version is { } seen && seen != current.Version)) return Conflict();
        if (current.Stage == PublicationStage.Final) return SetupResult.Fail(t["该版本已定稿。"]);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < current.AnnouncementEndsAt)
            return SetupResult.Fail(t["公示期尚未结束（至 {0}，北京时间），不能定稿。", ChinaTime.Format(current.AnnouncementEndsAt)]);
        var pending = await db.Objections.CountAsync(o => o.RoundId == roundId && o.Status == ObjectionStatus.Pending, ct);
        if (pending > 0) return SetupResult.Fail(t["还有 {0} 条异议未处理，不能定稿。", pending]);
        if (await RuleChangeCountAsync(round, ct) != current.RuleChangeCount)
            return SetupResult.Fail(t["第 {0} 版是按变更前的计分规则计算的，不能定稿：请按现行规则重新发布新版本，新版本须重新公示。", current.Number]);

        current.Stage = PublicationStage.Final;
        current.FinalizedAt = now;
        current.FinalizedByUserId = userId;
        audit.Record(contestId, AuditEntityType, roundId, "finalized",
            before: new { version = current.Number, stage = nameof(PublicationStage.Announcement) },
            after: new { version = current.Number, stage = nameof(PublicationStage.Final) });
        if (round.Status == RoundStatus.Closed)
        {
            // The round's own status follows: its results are now public for good.
            round.Status = RoundStatus.Published;
            audit.Record(contestId, "Round", roundId, "Advance", new { Status = nameof(RoundStatus.Closed) }, new { Status = nameof(RoundStatus.Published) });
        }
        var rows = await db.PublishedRanks.AsNoTracking().Where(r => r.VersionId == current.Id && r.Rank > 0).ToListAsync(ct);
        await QueueTeamEmailsAsync(current, rows, round, FinalTemplate, resultsLink, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }
        logger.LogInformation("Round {RoundId} result version {Number} finalized by {UserId}", roundId, current.Number, userId);
        return SetupResult.Done(t["第 {0} 版结果已定稿。", current.Number]);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A row's parts (<see cref="PublishedRank.Parts"/>): the weighted rounds, the judge groups by number, the public jury.</summary>
    private static string Parts(int roundId, int weightOfJury, RankedEntry e, JudgeGrouping grouping)
    {
        var parts = e.Parts.Select(p => new PublishedPart(p.RoundId, p.WeightPercent, p.ScoreHundredths?.ToString(CultureInfo.InvariantCulture)))
            .Concat(e.JudgeGroupParts.Select(g => new PublishedPart(roundId, g.WeightPercent, g.ScoreHundredths?.ToString(CultureInfo.InvariantCulture))
                { Group = grouping.NumberOf(g.GroupId), Counted = g.Counted, Dropped = g.Dropped }))
            .Concat(e.PublicVotes is { } votes
                ? [new PublishedPart(roundId, weightOfJury, e.PublicJuryHundredths?.ToString(CultureInfo.InvariantCulture))
                    { Votes = votes, Judges = e.JudgesHundredths.ToString(CultureInfo.InvariantCulture) }]
                : [])
            .ToList();
        return parts.Count == 0 ? "" : JsonSerializer.Serialize(parts, Json);
    }

    /// <summary>
    /// A tie the round's own breakers leave to a lot draw or a panel decision nobody has recorded yet: publishing it as a
    /// shared rank would state a result the rules say is not final, so it is refused, naming the entries, until recorded.
    /// </summary>
    private string? WaitingTie(IEnumerable<GroupRanking> groups, Func<int, string> title)
    {
        var waiting = groups.SelectMany(g => g.Entries.Where(e => e.NeedsLotDraw || e.NeedsPanelDecision)
                .GroupBy(e => (e.Rank, e.NeedsPanelDecision)).Select(tie => (g, tie)))
            .Select(x => (Track: Localized.Pick(x.g.TrackName, x.g.TrackNameEn), x.tie.Key.Rank,
                Entries: string.Join(t["、"], x.tie.Select(e => t["“{0}”（编号 {1}）", title(e.EntryId), e.EntryId].Value)), x.tie.Key.NeedsPanelDecision))
            .Select(x => (x.NeedsPanelDecision ? t["{0}第 {1} 名并列的 {2} 还在等待评审会决定", x.Track, x.Rank, x.Entries]
                : t["{0}第 {1} 名并列的 {2} 还在等待抽签", x.Track, x.Rank, x.Entries]).Value)
            .ToList();
        return waiting.Count == 0 ? null
            : t["还有并列名次没有按决胜规则决出，暂不能发布：{0}。请先在“并列与抽签”页面记录，再发布结果。", string.Join(t["；"], waiting)].Value;
    }

    /// <summary>Rule changes of the round and of the earlier rounds it weighs in: any of them changes how it ranks.</summary>
    private Task<int> RuleChangeCountAsync(Round round, CancellationToken ct) => db.RoundRuleChanges.Affecting(round).CountAsync(ct);

    private SetupResult Conflict() => SetupResult.Fail(t["结果刚被其他组织者发布或更改，请刷新页面后重试。"]);

    /// <summary>Each team's leader, in their language, with their own rank and score in this version.</summary>
    private async Task QueueTeamEmailsAsync(RankingVersion version, IReadOnlyList<PublishedRank> rows, Round round, string template,
        string link, CancellationToken ct)
    {
        var entryIds = rows.Select(r => r.EntryId).ToList();
        var leaders = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .SelectMany(e => e.Team.Members.Where(m => m.IsLeader), (e, m) => new { e.Id, m.User.Email, m.User.DisplayName, m.User.PreferredCulture })
            .ToListAsync(ct);
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == version.ContestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        foreach (var leader in leaders.Where(l => !string.IsNullOrEmpty(l.Email)))
        {
            var row = rows.First(r => r.EntryId == leader.Id);
            var culture = string.IsNullOrEmpty(leader.PreferredCulture) ? EmailTemplates.DefaultCulture : leader.PreferredCulture;
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            outbox.Queue(leader.Email!, leader.DisplayName, template, culture, new
            {
                displayName = leader.DisplayName,
                contestName = english && contest.NameEn.Length > 0 ? contest.NameEn : contest.Name,
                roundName = english && round.NameEn.Length > 0 ? round.NameEn : round.Name,
                trackName = english && row.TrackNameEn.Length > 0 ? row.TrackNameEn : row.TrackName,
                entryTitle = row.EntryTitle,
                version = version.Number,
                rank = row.Rank,
                tied = row.Tied,
                score = row.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                judges = row.JudgeCount,
                endsAt = ChinaTime.Format(version.AnnouncementEndsAt),
                link,
            });
        }
    }
}
