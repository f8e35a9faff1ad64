using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// An investor asks the team of a visible entry for a meeting at a matchmaking event of their choice. The time is not
/// asked for: the first free slot is booked when the team accepts (see <see cref="AnswerMeeting"/>).
/// </summary>
public sealed class RequestMeeting(AppDbContext db, BrowseProjects projects, MeetingNotices notices, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<RequestMeeting> logger)
{
    public async Task<SetupResult> HandleAsync(int entryId, string investorUserId, MeetingRequestForm form, string link, CancellationToken ct)
    {
        if (!await projects.Visible().AnyAsync(e => e.Id == entryId, ct)) return SetupResult.Missing(t["未找到该项目。"]);
        if (!await db.InvestorProfiles.AnyAsync(p => p.UserId == investorUserId, ct))
            return SetupResult.Fail(t["请先填写投资人资料：团队会据此决定是否接受对接。"]);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.ActivityEvents.AnyAsync(e => e.Id == form.EventId && e.Type == ActivityEventType.Matchmaking
            && e.IsPublished && e.EndsAt > now, ct);
        if (!open) return SetupResult.Fail(t["请选择一个尚未结束的投资对接会。"]);
        var already = await db.MeetingRequests.AnyAsync(m => m.EntryId == entryId && m.InvestorUserId == investorUserId
            && m.EventId == form.EventId && (m.Status == MeetingStatus.Pending || m.Status == MeetingStatus.Accepted), ct);
        if (already) return SetupResult.Fail(t["您已在这场对接会上向该项目提出过申请。"]);

        var meeting = new MeetingRequest
        {
            EventId = form.EventId!.Value, EntryId = entryId, InvestorUserId = investorUserId, Message = form.Message.Trim(),
            Status = MeetingStatus.Pending, RequestedAt = now,
        };
        db.MeetingRequests.Add(meeting);
        await notices.RequestedAsync(meeting, link, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Investor {InvestorUserId} asked entry {EntryId} for a meeting at event {EventId}", investorUserId, entryId, meeting.EventId);
        return SetupResult.Done(meeting.Id);
    }
}
