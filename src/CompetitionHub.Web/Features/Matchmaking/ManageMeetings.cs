using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record ManagedEvent(int Id, string ContestName, string Title, string Venue, DateTime StartsAt, DateTime EndsAt,
    int Pending, int Accepted, int Declined);

public sealed record RequestRow(int Id, string EntryTitle, string TeamName, string InvestorName, string FundName, MeetingStatus Status,
    string Message, string? Note, DateTime RequestedAt, DateTime? SlotStartsAt, DateTime? SlotEndsAt, int? Table);

public sealed record EventSchedulePage(int EventId, int ContestId, string Title, string Venue, DateTime StartsAt, DateTime EndsAt,
    int SlotMinutes, int Tables, IReadOnlyList<DateTime> Starts, IReadOnlyList<RequestRow> Requests);

/// <summary>
/// The organizers' view of matchmaking: per event all requests and the schedule (slot × table × investor × project), and
/// the two changes they may make to an accepted meeting, moving and cancelling, each audited and mailed to both sides.
/// Only those who manage the event's Activity Week contest (<see cref="ContestAccess"/>) see or change anything.
/// </summary>
public sealed class ManageMeetings(AppDbContext db, ContestAccess access, AnswerMeeting answer, MeetingNotices notices, AuditLog audit,
    TimeProvider clock, IOptions<MatchmakingOptions> options, IStringLocalizer<SharedResource> t, ILogger<ManageMeetings> logger)
{
    public async Task<List<ManagedEvent>> EventsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var contests = access.Manageable(user).Select(c => c.Id);
        var rows = await db.ActivityEvents.AsNoTracking()
            .Where(e => e.Type == ActivityEventType.Matchmaking && contests.Contains(e.ContestId))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Contest.Name, e.Contest.NameEn, e.Title, e.TitleEn, e.Venue, e.VenueEn, e.StartsAt, e.EndsAt,
                Pending = db.MeetingRequests.Count(m => m.EventId == e.Id && m.Status == MeetingStatus.Pending),
                Accepted = db.MeetingRequests.Count(m => m.EventId == e.Id && m.Status == MeetingStatus.Accepted),
                Declined = db.MeetingRequests.Count(m => m.EventId == e.Id && m.Status == MeetingStatus.Declined),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ManagedEvent(r.Id, Localized.Pick(r.Name, r.NameEn), Localized.Pick(r.Title, r.TitleEn), Localized.Pick(r.Venue, r.VenueEn),
            r.StartsAt, r.EndsAt, r.Pending, r.Accepted, r.Declined))];
    }

    /// <summary>Null when there is no such matchmaking event; check <see cref="CanManageEventAsync"/> first.</summary>
    public async Task<EventSchedulePage?> PageAsync(int eventId, CancellationToken ct)
    {
        var e = await db.ActivityEvents.AsNoTracking().Where(x => x.Id == eventId && x.Type == ActivityEventType.Matchmaking)
            .Select(x => new { x.Id, x.ContestId, x.Title, x.TitleEn, x.Venue, x.VenueEn, x.StartsAt, x.EndsAt }).SingleOrDefaultAsync(ct);
        if (e is null) return null;
        var rows = await db.MeetingRequests.AsNoTracking().Where(m => m.EventId == eventId)
            .OrderBy(m => m.Slot == null).ThenBy(m => m.Slot!.StartsAt).ThenBy(m => m.Slot!.TableNumber).ThenBy(m => m.Id)
            .Select(m => new RequestRow(m.Id, m.Entry.Title, m.Entry.Team.Name, m.Investor.DisplayName,
                db.InvestorProfiles.Where(p => p.UserId == m.InvestorUserId).Select(p => p.FundName).FirstOrDefault() ?? "",
                m.Status, m.Message, m.ResponseNote, m.RequestedAt,
                m.Slot == null ? null : m.Slot.StartsAt, m.Slot == null ? null : m.Slot.EndsAt, m.Slot == null ? null : m.Slot.TableNumber))
            .ToListAsync(ct);
        var o = options.Value;
        return new EventSchedulePage(e.Id, e.ContestId, Localized.Pick(e.Title, e.TitleEn), Localized.Pick(e.Venue, e.VenueEn), e.StartsAt, e.EndsAt, o.SlotMinutes,
            o.TablesPerEvent, MeetingSchedule.Starts(e.StartsAt, e.EndsAt, o.SlotMinutes), rows);
    }

    /// <summary>False (404) for a missing event; the caller answers 403 when it exists but is not the user's.</summary>
    public async Task<bool?> CanManageEventAsync(ClaimsPrincipal user, int eventId, CancellationToken ct)
    {
        var contestId = await db.ActivityEvents.Where(e => e.Id == eventId && e.Type == ActivityEventType.Matchmaking)
            .Select(e => (int?)e.ContestId).SingleOrDefaultAsync(ct);
        if (contestId is null) return null;
        return await access.CanManageAsync(user, contestId.Value, ct);
    }

    /// <summary>To another slot and table of the same event; <see cref="MoveMeetingForm.StartsAt"/> is China time.</summary>
    /// <remarks>As <see cref="AnswerMeeting"/>'s acceptance: one unit that takes both sides before it checks they are free,
    /// so an acceptance or a move elsewhere at the same time cannot book either side twice.</remarks>
    public async Task<SetupResult> MoveAsync(int eventId, int meetingId, MoveMeetingForm form, string link, CancellationToken ct)
    {
        try
        {
            return await db.SaveAtomicallyAsync(ct => MoveUnitAsync(eventId, meetingId, form, link, ct), ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            return SetupResult.Fail(t["该时段投资人或项目已有其他对接。"]);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Stale(t["这项对接刚被修改，请刷新页面后再试。"]);
        }
    }

    private async Task<SetupResult> MoveUnitAsync(int eventId, int meetingId, MoveMeetingForm form, string link, CancellationToken ct)
    {
        var m = await db.MeetingRequests.Include(x => x.Slot).SingleOrDefaultAsync(x => x.Id == meetingId && x.EventId == eventId, ct);
        if (m is null) return SetupResult.Missing(t["未找到该对接。"]);
        if (m.Status != MeetingStatus.Accepted || m.Slot is null) return SetupResult.Fail(t["只能调整已接受的对接。"]);
        var activity = await db.ActivityEvents.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        var o = options.Value;
        var start = ChinaTime.ToUtc(form.StartsAt!.Value);
        if (!MeetingSchedule.Starts(activity.StartsAt, activity.EndsAt, o.SlotMinutes).Contains(start))
            return SetupResult.Fail(t["请选择对接会日程中的一个时段。"]);
        if (form.TableNumber is not { } table || table > o.TablesPerEvent)
            return SetupResult.Fail(t["桌号应在 {0}–{1} 之间。", 1, o.TablesPerEvent]);
        var end = start.AddMinutes(o.SlotMinutes);
        await AnswerMeeting.TakeSidesAsync(db, m.InvestorUserId, m.EntryId, ct);
        var others = (await answer.BookingsAsync(eventId, m.InvestorUserId, m.EntryId, ct)).Where(b => b.MeetingId != m.Id).ToList();
        if (MeetingSchedule.IsBusy(others, m.InvestorUserId, m.EntryId, start, end))
            return SetupResult.Fail(t["该时段投资人或项目已有其他对接。"]);
        if (others.Any(b => b.EventId == eventId && b.StartsAt == start && b.TableNumber == table))
            return SetupResult.Fail(t["该时段这张桌已有对接。"]);

        var before = new { m.Slot.StartsAt, m.Slot.TableNumber };
        m.Slot.StartsAt = start;
        m.Slot.EndsAt = end;
        m.Slot.TableNumber = table;
        audit.Record(activity.ContestId, nameof(MeetingRequest), m.Id, "Moved", before, new { m.Slot.StartsAt, m.Slot.TableNumber }, form.Reason.Trim());
        await notices.ScheduledAsync(m, m.Slot, moved: true, link, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Meeting {MeetingId} moved to {StartsAt} table {Table}", m.Id, start, table);
        return SetupResult.Done(m.Id);
    }

    public async Task<SetupResult> CancelAsync(int eventId, int meetingId, CancelMeetingForm form, string link, CancellationToken ct)
    {
        var m = await db.MeetingRequests.Include(x => x.Slot).SingleOrDefaultAsync(x => x.Id == meetingId && x.EventId == eventId, ct);
        if (m is null) return SetupResult.Missing(t["未找到该对接。"]);
        if (m.Status is not (MeetingStatus.Accepted or MeetingStatus.Pending)) return SetupResult.Fail(t["这项对接已结束，无需取消。"]);
        var before = new { Status = m.Status.ToString(), m.Slot?.StartsAt, m.Slot?.TableNumber };
        var reason = form.Reason.Trim();
        m.Status = MeetingStatus.Cancelled;
        m.ResponseNote = reason;
        m.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        // The slot goes with the meeting, so its time and table are free for others at once.
        if (m.Slot is not null) db.MeetingSlots.Remove(m.Slot);
        var contestId = await db.ActivityEvents.Where(e => e.Id == eventId).Select(e => e.ContestId).SingleAsync(ct);
        audit.Record(contestId, nameof(MeetingRequest), m.Id, "Cancelled", before, new { Status = m.Status.ToString() }, reason);
        await notices.CancelledAsync(m, reason, link, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Stale(t["这项对接刚被修改，请刷新页面后再试。"]);
        }
        logger.LogInformation("Meeting {MeetingId} cancelled by an organizer", m.Id);
        return SetupResult.Done(m.Id);
    }
}
