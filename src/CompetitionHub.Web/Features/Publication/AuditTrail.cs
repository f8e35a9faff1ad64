using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Publication;

public sealed record AuditTrailPage(int ContestId, string ContestName, AuditFilter Filter, Paged<AuditEntry> Entries);

/// <summary>
/// Everything audited in a contest, newest first: its setup, entries and reviews, judges and conflicts, assignment,
/// scores and corrections, the roadshow stage, rankings, advancement, awards, publication, objections and the Activity
/// Week. Every audit row names its contest, so the page is one range of the (ContestId, At, Id) index, paged, whatever
/// the contest's size.
/// </summary>
public sealed class AuditTrail(AppDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The kinds of record the filter offers, in its order; the label is the Chinese resource key.</summary>
    public static readonly IReadOnlyList<(string EntityType, string Label)> Kinds =
    [
        ("Contest", "赛事设置"),
        ("ContestTrack", "赛道"),
        ("ContestOrganizer", "赛事组织者"),
        ("PreviousWinner", "往届获奖名单"),
        ("Round", "赛段"),
        ("Entry", "报名与审核"),
        ("EntryVisibility", "项目对投资人公开"),
        ("ContestJudge", "评委库"),
        ("Conflict", "回避关系"),
        ("JudgeCompetitorException", "评委参赛例外"),
        ("ScoreSheet", "评分表"),
        ("ScoreCorrection", "评分更正"),
        ("EntryScore", "项目成绩"),
        ("RoadshowSession", "路演场次"),
        ("StageState", "路演主持"),
        ("TieDraw", "并列抽签"),
        ("PanelDecision", "评审会决定"),
        ("TrackAdvancement", "晋级确认"),
        ("AwardPlan", "奖项名额"),
        ("Award", "奖项与荣誉"),
        ("HonourTitles", "荣誉称号"),
        (PublishResults.AuditEntityType, "结果发布"),
        (ObjectionRules.AuditEntityType, "异议"),
        ("ActivityEvent", "活动"),
        ("MeetingRequest", "投资对接"),
    ];

    public async Task<AuditTrailPage?> PageAsync(int contestId, AuditFilter filter, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == contestId).Select(c => new { c.Name, c.NameEn }).SingleOrDefaultAsync(ct);
        if (contest is null) return null;

        var query = db.AuditEntries.AsNoTracking().Where(a => a.ContestId == contestId);
        if (!string.IsNullOrWhiteSpace(filter.Who))
        {
            var who = filter.Who.Trim();
            query = query.Where(a => a.UserName != null && a.UserName.Contains(who));
        }
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(a => a.EntityType == filter.Entity);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action.Contains(action));
        }
        // Dates are China dates: a day runs from 00:00 to 24:00 Beijing time.
        if (filter.From is { } from)
        {
            var start = ChinaTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = ChinaTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At < end);
        }

        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToPageAsync(filter.Page, PageSize, ct);
        return new AuditTrailPage(contestId, Localized.Pick(contest.Name, contest.NameEn), filter with { Page = rows.Page }, rows);
    }
}
