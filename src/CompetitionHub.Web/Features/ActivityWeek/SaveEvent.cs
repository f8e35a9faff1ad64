using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>
/// Creates and edits the events of an Activity Week programme, and publishes or withdraws them. A change of time or
/// venue tells everyone signed up and moves their reminders, in the same save. More seats (or no limit) on a published
/// event move the waitlist up in order, in the same transaction. Withdrawing tells everyone signed up and drops their
/// reminders; publishing again restores them. Access is checked by the controller.
/// </summary>
/// <remarks>
/// Saves and publishing run like <see cref="SignUpForEvent"/> and <see cref="CancelSignup"/>: one unit that first takes
/// the event's row, so they queue with sign-ups and cancellations, and seats stay 1..n and waitlist places 1..m whatever
/// runs at the same time.
/// </remarks>
public sealed class SaveEvent(AppDbContext db, SignupNotices notices, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<SaveEvent> logger)
{
    public Task<SetupResult> HandleAsync(int contestId, int eventId, EventForm form, string siteBase, CancellationToken ct) =>
        SaveAsync(ct => SaveUnitAsync(contestId, eventId, form, siteBase, ct), ct);

    /// <summary>
    /// Publishes or withdraws an event. A withdrawn event keeps its sign-ups but takes no new ones and is not listed.
    /// </summary>
    /// <remarks>
    /// Withdrawal keeps the sign-ups rather than cancelling them: withdrawing is how an organizer takes an event off the
    /// programme while a date or venue is being sorted out, and is undone by publishing again; cancelling would give
    /// away every seat and the order of the waitlist for good. The mail says so, and that they can cancel themselves.
    /// </remarks>
    public Task<SetupResult> PublishAsync(int contestId, int eventId, bool publish, Guid version, string siteBase, CancellationToken ct) =>
        SaveAsync(ct => PublishUnitAsync(contestId, eventId, publish, version, siteBase, ct), ct);

    private async Task<SetupResult> SaveAsync(Func<CancellationToken, Task<SetupResult>> unit, CancellationToken ct)
    {
        try
        {
            return await db.SaveAtomicallyAsync(unit, ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail("", t["该活动已被他人修改，请刷新后重新编辑。"]);
        }
    }

    private async Task<SetupResult> SaveUnitAsync(int contestId, int eventId, EventForm form, string siteBase, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null || contest.Kind != ContestKind.ActivityWeek) return SetupResult.Fail("", t["只有双创活动周可以安排活动。"]);
        var startsAt = ChinaTime.ToUtc(form.StartsAt!.Value);
        var endsAt = ChinaTime.ToUtc(form.EndsAt!.Value);
        if (endsAt <= startsAt) return SetupResult.Fail(nameof(EventForm.EndsAt), t["结束时间须晚于开始时间。"]);
        var (tagCount, tagEnCount) = (form.TypedTags().Length, form.TypedTagsEn().Count);
        if (tagEnCount > tagCount)
            return SetupResult.Fail(nameof(EventForm.TagsEn), t["英文标签有 {0} 个，多于标签的 {1} 个：请按标签的顺序填写。", tagEnCount, tagCount]);
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
            await SignUpForEvent.TakeEventAsync(db, eventId, ct);
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
        ev.VenueEn = string.IsNullOrWhiteSpace(form.VenueEn) ? null : form.VenueEn.Trim();
        ev.StartsAt = startsAt;
        ev.EndsAt = endsAt;
        ev.Capacity = form.Capacity;
        (ev.Tags, ev.TagsEn) = form.TagLists();
        ev.RequiresSignup = form.RequiresSignup;
        ev.UpdatedAt = now;

        if (moved) await notices.EventChangedAsync(ev, oldStartsAt, oldVenue, siteBase, ct);
        await db.SaveChangesAsync(ct);
        var promoted = eventId == 0 ? 0 : await FillFreeSeatsAsync(ev, siteBase, ct);
        audit.Record(contestId, "ActivityEvent", ev.Id, eventId == 0 ? "Create" : "Update", before,
            new { ev.Title, ev.Venue, ev.StartsAt, ev.EndsAt, ev.Capacity, promoted });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Activity event {EventId} of contest {ContestId} saved (moved: {Moved}, promoted from the waitlist: {Promoted})",
            ev.Id, contestId, moved, promoted);
        var message = moved ? t["活动已保存，已通知报名者时间或地点的变更。"] : t["活动已保存。"];
        return SetupResult.Done(ev.Id, promoted > 0 ? $"{message} {t["{0} 位候补者已按顺序转为正式报名，并已收到电子票。", promoted]}" : message);
    }

    private async Task<SetupResult> PublishUnitAsync(int contestId, int eventId, bool publish, Guid version, string siteBase, CancellationToken ct)
    {
        await SignUpForEvent.TakeEventAsync(db, eventId, ct);
        var ev = await db.ActivityEvents.SingleOrDefaultAsync(e => e.Id == eventId && e.ContestId == contestId, ct);
        if (ev is null) return SetupResult.Fail("", t["活动不存在。"]);
        db.Entry(ev).Property(e => e.Version).OriginalValue = version;
        var changed = ev.IsPublished != publish;
        ev.IsPublished = publish;
        ev.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // Only a real change tells anyone anything: a second click on a stale page must not mail everyone twice.
        var told = 0;
        if (changed && !publish) told = await notices.EventWithdrawnAsync(ev, siteBase, ct);
        if (changed && publish) await notices.RestoreRemindersAsync(ev, siteBase, ct);
        audit.Record(contestId, "ActivityEvent", ev.Id, publish ? "Publish" : "Unpublish", null, null);
        await db.SaveChangesAsync(ct);
        // Seats freed while it was withdrawn (more capacity, or cancellations with an empty queue) go to the waitlist now.
        var promoted = changed && publish ? await FillFreeSeatsAsync(ev, siteBase, ct) : 0;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Activity event {EventId} {Action}: {Told} signed-up people told, {Promoted} promoted",
            ev.Id, publish ? "published" : "withdrawn", told, promoted);
        if (publish) return SetupResult.Done(ev.Id, t["活动已发布。"]);
        return SetupResult.Done(ev.Id, told > 0 ? t["活动已撤回，不再公开显示；已通知 {0} 位报名者。", told] : t["活动已撤回，不再公开显示。"]);
    }

    /// <summary>
    /// Moves the waitlist up, in order, into the seats the capacity leaves free: seats continue after the last one and
    /// the places behind close up, so both stay gap-free. Only for a published event that has not ended: a withdrawn
    /// event fills its seats when published again. Each person promoted is mailed their ticket and gets their reminders.
    /// </summary>
    private async Task<int> FillFreeSeatsAsync(ActivityEvent ev, string siteBase, CancellationToken ct)
    {
        if (!ev.IsPublished || ev.EndsAt <= clock.GetUtcNow().UtcDateTime) return 0;
        var signups = db.Set<EventSignup>();
        var confirmed = await signups.CountAsync(s => s.EventId == ev.Id && s.Status == SignupStatus.Confirmed, ct);
        var free = ev.Capacity is { } capacity ? capacity - confirmed : int.MaxValue;
        if (free <= 0) return 0;
        var next = await signups.Where(s => s.EventId == ev.Id && s.Status == SignupStatus.Waitlisted)
            .OrderBy(s => s.WaitlistPosition).Take(free).Include(s => s.User).ToListAsync(ct);
        if (next.Count == 0) return 0;

        var lastSeat = await signups.Where(s => s.EventId == ev.Id).MaxAsync(s => s.Seat, ct) ?? 0;
        var lastPromotedPlace = next[^1].WaitlistPosition!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var signup in next)
        {
            signup.Status = SignupStatus.Confirmed;
            signup.ConfirmedAt = now;
            signup.Seat = ++lastSeat;
            signup.WaitlistPosition = null;
        }
        await db.SaveChangesAsync(ct);
        await CancelSignup.CloseUpWaitlistAsync(db, ev.Id, after: lastPromotedPlace, by: next.Count, ct);
        foreach (var signup in next) notices.Ticket(signup, ev, signup.User, siteBase, promoted: true, capacityRaised: true);
        return next.Count;
    }
}
