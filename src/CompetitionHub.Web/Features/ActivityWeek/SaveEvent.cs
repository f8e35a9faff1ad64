using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// Creates and edits the events of an Activity Week programme, and publishes or withdraws them. A change of time or
/// venue tells everyone signed up and moves their reminders, in the same save. Access is checked by the controller.
/// </summary>
public sealed class SaveEvent(AppDbContext db, SignupNotices notices, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<SaveEvent> logger)
{
    public async Task<SetupResult> HandleAsync(int contestId, int eventId, EventForm form, string siteBase, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null || contest.Kind != ContestKind.ActivityWeek) return SetupResult.Fail("", t["只有双创活动周可以安排活动。"]);
        var startsAt = ChinaTime.ToUtc(form.StartsAt!.Value);
        var endsAt = ChinaTime.ToUtc(form.EndsAt!.Value);
        if (endsAt <= startsAt) return SetupResult.Fail(nameof(EventForm.EndsAt), t["结束时间须晚于开始时间。"]);
        if (form.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, ct))
            return SetupResult.Fail(nameof(EventForm.DepartmentId), t["请选择承办单位。"]);

        var now = clock.GetUtcNow().UtcDateTime;
        ActivityEvent ev;
        if (eventId == 0)
        {
            ev = new ActivityEvent { ContestId = contestId, Title = "", Venue = "", CreatedAt = now };
            db.ActivityEvents.Add(ev);
        }
        else
        {
            var found = await db.ActivityEvents.SingleOrDefaultAsync(e => e.Id == eventId && e.ContestId == contestId, ct);
            if (found is null) return SetupResult.Fail("", t["活动不存在。"]);
            ev = found;
            // The version the form was opened with is what EF compares on save: a newer save by someone else fails it.
            db.Entry(ev).Property(e => e.Version).OriginalValue = form.Version;
        }
        if (form.Capacity is { } capacity && eventId != 0)
        {
            var confirmed = await db.Set<EventSignup>().CountAsync(s => s.EventId == eventId && s.Status == SignupStatus.Confirmed, ct);
            if (capacity < confirmed)
                return SetupResult.Fail(nameof(EventForm.Capacity), t["已有 {0} 人确认报名，名额不能少于此数。", confirmed]);
        }

        var before = eventId == 0 ? null : new { ev.Title, ev.Venue, ev.StartsAt, ev.EndsAt, ev.Capacity };
        var oldStartsAt = ChinaTime.Format(ev.StartsAt);
        var oldVenue = ev.Venue;
        var moved = eventId != 0 && (ev.StartsAt != startsAt || ev.EndsAt != endsAt || ev.Venue != form.Venue!.Trim());

        ev.Type = form.Type!.Value;
        ev.Title = form.Title!.Trim();
        ev.TitleEn = form.TitleEn?.Trim() ?? "";
        ev.Description = form.Description?.Trim() ?? "";
        ev.DescriptionEn = form.DescriptionEn?.Trim() ?? "";
        ev.DepartmentId = form.DepartmentId;
        ev.Venue = form.Venue!.Trim();
        ev.StartsAt = startsAt;
        ev.EndsAt = endsAt;
        ev.Capacity = form.Capacity;
        ev.Tags = form.TagList();
        ev.RequiresSignup = form.RequiresSignup;
        ev.UpdatedAt = now;

        if (moved) await notices.EventChangedAsync(ev, oldStartsAt, oldVenue, siteBase, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SetupResult.Fail("", t["该活动已被他人修改，请刷新后重新编辑。"]);
        }
        audit.Record("ActivityEvent", ev.Id, eventId == 0 ? "Create" : "Update", before,
            new { ev.Title, ev.Venue, ev.StartsAt, ev.EndsAt, ev.Capacity });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Activity event {EventId} of contest {ContestId} saved (moved: {Moved})", ev.Id, contestId, moved);
        return SetupResult.Done(ev.Id, moved ? t["活动已保存，已通知报名者时间或地点的变更。"] : t["活动已保存。"]);
    }

    /// <summary>Publishes or withdraws an event; a withdrawn event keeps its sign-ups but takes no new ones and is not listed.</summary>
    public async Task<SetupResult> PublishAsync(int contestId, int eventId, bool publish, Guid version, CancellationToken ct)
    {
        var ev = await db.ActivityEvents.SingleOrDefaultAsync(e => e.Id == eventId && e.ContestId == contestId, ct);
        if (ev is null) return SetupResult.Fail("", t["活动不存在。"]);
        db.Entry(ev).Property(e => e.Version).OriginalValue = version;
        ev.IsPublished = publish;
        ev.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("ActivityEvent", ev.Id, publish ? "Publish" : "Unpublish", null, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SetupResult.Fail("", t["该活动已被他人修改，请刷新后重新编辑。"]);
        }
        return SetupResult.Done(ev.Id, publish ? t["活动已发布。"] : t["活动已撤回，不再公开显示。"]);
    }
}
