using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Whether a contest takes registrations right now, by the injected clock: before opening and after the deadline
/// nothing about an entry may change (create, save, submit, withdraw, upload, delete). The one exception is an entry
/// the organizers sent back for changes: they asked for it, so the team may still correct and resubmit it.
/// </summary>
public sealed class RegistrationWindow(TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    /// <returns>Null while open; otherwise a message saying why nothing can change.</returns>
    public string? WhyClosed(Contest contest, Entry? entry = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (entry?.Status == EntryStatus.ChangesRequested)
            return null;
        if (contest.RegistrationOpensAt is { } opens && now < opens)
            return t["报名尚未开始，将于 {0}（北京时间）开始。", ChinaTime.Format(opens)];
        if (contest.RegistrationClosesAt is { } closes && now >= closes)
            return t["报名已于 {0}（北京时间）截止，报名信息不能再修改、提交或撤回。", ChinaTime.Format(closes)];
        return null;
    }

    public bool IsOpen(Contest contest) => WhyClosed(contest) is null;
}
