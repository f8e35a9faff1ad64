using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>
/// Adds, changes and removes a roadshow session of a round: its name, venue, start, slot length, panel and entries.
/// An entry sits in at most one session of a round (the (round, entry) index decides between two organizers saving at
/// once). After the draw, a time change reaches every slot and its team; an entry added then goes after the last
/// position, and one removed leaves its place empty, so nobody else's time moves unasked.
/// </summary>
public sealed class SaveSession(AppDbContext db, AuditLog audit, SlotNotices notices, IStringLocalizer<SharedResource> t,
    ILogger<SaveSession> logger)
{
    public const string AuditType = "RoadshowSession";
    public const int MaxEntries = 100;
    public const int MaxJudges = 50;

    /// <summary>The entries a session of this round may take: the contest's approved or advanced ones.</summary>
    public static IQueryable<Entry> Candidates(AppDbContext db, int contestId) =>
        db.Entries.Where(e => e.ContestId == contestId && (e.Status == EntryStatus.Approved || e.Status == EntryStatus.Advanced));

    /// <summary>The contest's judge pool members who accepted and have an account.</summary>
    public static IQueryable<ContestJudge> Pool(AppDbContext db, int contestId) =>
        db.ContestJudges.Where(j => j.ContestId == contestId && j.Status == JudgeStatus.Accepted && j.UserId != null);

    /// <param name="sessionId">0 adds a new session.</param>
    public async Task<SetupResult> HandleAsync(Round round, int sessionId, SessionForm form, CancellationToken ct)
    {
        if (round.Status is RoundStatus.Closed or RoundStatus.Published)
            return SetupResult.Fail("", t["赛段已结束，不能再修改路演场次。"]);
        if (form.StartsAt is not { } chinaStart || chinaStart.Year is < 2000 or > 2100)
            return SetupResult.Fail(nameof(form.StartsAt), t["请填写 2000 到 2100 年之间的开始时间。"]);

        var judgeIds = form.JudgeUserIds.Where(j => !string.IsNullOrWhiteSpace(j)).Distinct().ToList();
        var entryIds = form.EntryIds.Distinct().ToList();
        if (judgeIds.Count > MaxJudges) return SetupResult.Fail("", t["评委最多 {0} 位。", MaxJudges]);
        if (entryIds.Count > MaxEntries) return SetupResult.Fail("", t["每个场次最多 {0} 个项目。", MaxEntries]);

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var pool = await Pool(db, round.ContestId).Where(j => judgeIds.Contains(j.UserId!)).Select(j => j.UserId!).ToListAsync(ct);
                if (judgeIds.Except(pool).Any())
                    return SetupResult.Fail(nameof(form.JudgeUserIds), t["所选评委不在本赛事已接受邀请的评委中。"]);
                // An entry already in this session may stay even if its status moved on since; new ones must be approved or advanced.
                var candidates = await Candidates(db, round.ContestId).Where(e => entryIds.Contains(e.Id)).Select(e => e.Id)
                    .Union(db.SessionSlots.Where(x => x.SessionId == sessionId && sessionId != 0).Select(x => x.EntryId)).ToListAsync(ct);
                if (entryIds.Except(candidates).Any())
                    return SetupResult.Fail(nameof(form.EntryIds), t["所选项目不是本赛事已通过审核的项目。"]);
                var elsewhere = await db.SessionSlots.Where(x => x.RoundId == round.Id && x.SessionId != sessionId && entryIds.Contains(x.EntryId))
                    .Join(db.Entries, x => x.EntryId, e => e.Id, (x, e) => e.Title).ToListAsync(ct);
                if (elsewhere.Count > 0)
                    return SetupResult.Fail(nameof(form.EntryIds), t["项目“{0}”已在本赛段的其他场次中。", string.Join(t["、"], elsewhere)]);

                RoadshowSession session;
                object? before = null;
                if (sessionId == 0)
                {
                    session = new RoadshowSession { RoundId = round.Id, Name = "" };
                    db.RoadshowSessions.Add(session);
                }
                else
                {
                    var found = await db.RoadshowSessions.Include(s => s.Panel).Include(s => s.Slots).AsSplitQuery()
                        .SingleOrDefaultAsync(s => s.Id == sessionId && s.RoundId == round.Id, ct);
                    if (found is null) return SetupResult.Fail("", t["未找到该路演场次。"]);
                    session = found;
                    before = Snapshot(session);
                    db.Entry(session).Property(s => s.Version).OriginalValue = form.Version;
                    // The session row is written even when only its panel or entries change, so the version check always applies.
                    db.Entry(session).Property(s => s.Version).IsModified = true;
                }
                var previous = session.Slots.ToDictionary(x => x.Id, x => x.StartsAt);

                session.Name = form.Name!.Trim();
                session.Venue = form.Venue?.Trim() ?? "";
                session.VenueEn = string.IsNullOrWhiteSpace(form.VenueEn) ? null : form.VenueEn.Trim();
                session.StartsAt = ChinaTime.ToUtc(chinaStart);
                session.PitchMinutes = form.PitchMinutes;
                session.QaMinutes = form.QaMinutes;

                foreach (var gone in session.Panel.Where(j => !judgeIds.Contains(j.JudgeUserId)).ToList())
                    session.Panel.Remove(gone);
                foreach (var added in judgeIds.Where(j => session.Panel.All(p => p.JudgeUserId != j)))
                    session.Panel.Add(new SessionJudge { JudgeUserId = added });

                var removed = session.Slots.Where(x => !entryIds.Contains(x.EntryId)).ToList();
                foreach (var gone in removed)
                {
                    session.Slots.Remove(gone);
                    db.SessionSlots.Remove(gone);
                }
                await notices.CancelAsync(removed.Select(x => x.Id), ct);
                var next = session.Slots.Select(x => x.Position ?? 0).DefaultIfEmpty(0).Max();
                foreach (var added in entryIds.Where(e => session.Slots.All(x => x.EntryId != e)).Order())
                    session.Slots.Add(new SessionSlot { RoundId = round.Id, EntryId = added, Position = session.DrawnAt is null ? null : ++next });
                Schedule(session);

                await db.SaveChangesAsync(ct);
                await notices.SyncAsync(session, previous, ct);
                audit.Record(round.ContestId, AuditType, session.Id, before is null ? "Create" : "Update", before, Snapshot(session));
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Roadshow session {SessionId} of round {RoundId} saved with {Entries} entries and {Judges} judges",
                    session.Id, round.Id, session.Slots.Count, session.Panel.Count);
                return SetupResult.Done(session.Id, t["路演场次已保存。"]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail("", t["该场次已被他人修改，请刷新页面后重新操作。"]);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Another organizer put one of these entries into another session of the round a moment ago.
            return SetupResult.Fail(nameof(form.EntryIds), t["有项目刚被安排到本赛段的其他场次，请刷新页面后重新选择。"]);
        }
    }

    public async Task<SetupResult> RemoveAsync(Round round, int sessionId, CancellationToken ct)
    {
        var session = await db.RoadshowSessions.Include(s => s.Panel).Include(s => s.Slots).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.RoundId == round.Id, ct);
        if (session is null) return SetupResult.Fail("", t["未找到该路演场次。"]);
        if (session.DrawnAt is not null)
            return SetupResult.Fail("", t["该场次已抽签，出场顺序已通知各团队，不能删除；如需调整，请移出项目或重新抽签。"]);
        await notices.CancelAsync(session.Slots.Select(x => x.Id), ct);
        audit.Record(round.ContestId, AuditType, session.Id, "Delete", Snapshot(session));
        db.SessionSlots.RemoveRange(session.Slots);
        db.SessionJudges.RemoveRange(session.Panel);
        db.RoadshowSessions.Remove(session);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Roadshow session {SessionId} of round {RoundId} removed", sessionId, round.Id);
        return SetupResult.Done(round.Id, t["路演场次“{0}”已删除。", session.Name]);
    }

    /// <summary>Each drawn slot starts (position − 1) slot lengths after the session.</summary>
    public static void Schedule(RoadshowSession session)
    {
        foreach (var slot in session.Slots)
            slot.StartsAt = slot.Position is { } p ? session.StartsAt.AddMinutes((p - 1) * session.SlotMinutes) : null;
    }

    public static object Snapshot(RoadshowSession s) => new
    {
        s.RoundId, s.Name, s.Venue, s.VenueEn, s.StartsAt, s.PitchMinutes, s.QaMinutes, s.DrawSeed,
        Panel = s.Panel.Select(j => j.JudgeUserId).Order().ToList(),
        Slots = s.Slots.OrderBy(x => x.Position ?? int.MaxValue).ThenBy(x => x.EntryId)
            .Select(x => new { x.EntryId, x.Position, x.StartsAt }).ToList(),
    };
}
