using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Judging;

public sealed record DashboardContest(int ContestId, string Name, JudgeStatus Status, Guid Token);

public sealed record DashboardMaterial(int Id, MaterialKind Kind, string FileName);

/// <summary>How far a judge's score sheet for an assignment got.</summary>
public enum SheetProgress { Draft, Submitted }

public sealed record DashboardAssignment(int EntryId, string EntryTitle, string Track, string Industry,
    IReadOnlyList<DashboardMaterial> Materials, SheetProgress? SheetStatus = null);

public sealed record DashboardRound(int RoundId, string ContestName, string RoundName, DateTime? EndsAt,
    IReadOnlyList<DashboardAssignment> Assignments)
{
    public int Submitted => Assignments.Count(a => a.SheetStatus == SheetProgress.Submitted);
}

/// <param name="Live">Its stage is running (a pitch, questions, scoring or a reveal): the judge is wanted there now.</param>
public sealed record DashboardSession(int SessionId, string ContestName, string RoundName, string Name, string Venue,
    DateTime StartsAt, int Entries, IReadOnlyList<string> Recusals, bool Live = false);

/// <summary>Assignments of a contest the judge lost (removed from the pool, or a conflict), counted, never named.</summary>
public sealed record DashboardRevoked(string ContestName, bool Removed, int Entries);

public sealed record JudgeDashboardPage(IReadOnlyList<DashboardContest> Contests, IReadOnlyList<DashboardContest> Invitations,
    IReadOnlyList<DashboardRound> Rounds, IReadOnlyList<DashboardSession> Sessions, bool HasProfile,
    IReadOnlyList<DashboardRevoked> Revoked);

/// <summary>
/// What judges' scoring stands at, as Scoring keeps it: the dashboard and the review reminders list the work and ask how
/// far it got, so neither Judging nor Assignment needs to know score sheets or stages.
/// </summary>
public interface IJudgeProgress
{
    /// <summary>The judge's score sheets by round and entry.</summary>
    Task<IReadOnlyDictionary<(int RoundId, int EntryId), SheetProgress>> SheetsAsync(string judgeUserId, CancellationToken ct);

    /// <summary>The submitted sheets of a round, of one judge or (null) of all, as judge and entry.</summary>
    Task<IReadOnlySet<(string JudgeUserId, int EntryId)>> SubmittedAsync(int roundId, string? judgeUserId, CancellationToken ct);

    /// <summary>Those of the sessions whose stage is running (a pitch, questions, scoring or a reveal).</summary>
    Task<IReadOnlyCollection<int>> RunningSessionsAsync(IReadOnlyCollection<int> sessionIds, CancellationToken ct);
}

/// <summary>
/// What a judge has to do: the pools they are in (and invitations to answer), their reviews, their sessions. Only what
/// <see cref="JudgeAccess"/> allows is listed; what it no longer allows is counted in <see cref="JudgeDashboardPage.Revoked"/>.
/// </summary>
public sealed class JudgeDashboard(AppDbContext db, ConflictMap conflicts, JudgeAccess judges, IJudgeProgress progress)
{
    public async Task<JudgeDashboardPage> HandleAsync(string userId, string? email, CancellationToken ct)
    {
        var normalized = (email ?? "").ToUpperInvariant();
        var pool = await db.ContestJudges.AsNoTracking()
            .Where(j => j.UserId == userId || (j.UserId == null && j.Status == JudgeStatus.Invited && j.Email.ToUpper() == normalized))
            .Join(db.Contests, j => j.ContestId, c => c.Id, (j, c) => new { j.ContestId, c.Name, c.NameEn, j.Status, j.Token, c.EditionYear })
            .OrderByDescending(x => x.EditionYear).ThenBy(x => x.ContestId).ToListAsync(ct);
        var contests = pool.Where(p => p.Status != JudgeStatus.Invited)
            .Select(p => new DashboardContest(p.ContestId, Localized.Pick(p.Name, p.NameEn), p.Status, p.Token)).ToList();
        var invitations = pool.Where(p => p.Status == JudgeStatus.Invited)
            .Select(p => new DashboardContest(p.ContestId, Localized.Pick(p.Name, p.NameEn), p.Status, p.Token)).ToList();

        var assigned = await (from a in db.ReviewAssignments.AsNoTracking()
                              join r in db.Rounds on a.RoundId equals r.Id
                              join e in db.Entries on a.EntryId equals e.Id
                              join c in db.Contests on r.ContestId equals c.Id
                              where a.JudgeUserId == userId
                              select new
                              {
                                  r.ContestId, a.RoundId, RoundName = r.Name, RoundNameEn = r.NameEn, r.EndsAt, r.Sequence, c.Name, c.NameEn,
                                  e.Id, e.Title, Track = e.Track.Name, TrackEn = e.Track.NameEn, e.Industry, c.IndustryFields, c.IndustryFieldsEn,
                              }).ToListAsync(ct);
        var seatEntries = await (from j in db.SessionJudges.AsNoTracking()
                                 join x in db.SessionSlots on j.SessionId equals x.SessionId
                                 join r in db.Rounds on x.RoundId equals r.Id
                                 where j.JudgeUserId == userId
                                 select new { r.ContestId, x.EntryId }).ToListAsync(ct);
        var access = new Dictionary<int, JudgeAccessMap>();
        foreach (var contest in assigned.Select(a => (a.ContestId, a.Id)).Concat(seatEntries.Select(x => (x.ContestId, Id: x.EntryId)))
                     .GroupBy(x => x.ContestId))
            access[contest.Key] = await judges.MapAsync(contest.Key, [userId], contest.Select(x => x.Id).Distinct().ToList(), ct);
        var revoked = assigned.Select(a => (a.ContestId, a.Name, a.NameEn, Entry: a.Id))
            .Concat(seatEntries.Select(x => (x.ContestId, Name: "", NameEn: "", Entry: x.EntryId)))
            .Where(x => !access[x.ContestId].Allows(userId, x.Entry))
            .GroupBy(x => x.ContestId).ToList();
        assigned = assigned.Where(a => access[a.ContestId].Allows(userId, a.Id)).ToList();
        var entryIds = assigned.Select(a => a.Id).Distinct().ToList();
        var materials = (await db.EntryMaterials.AsNoTracking().Where(m => entryIds.Contains(m.EntryId))
                .OrderBy(m => m.Kind).ThenBy(m => m.Id).Select(m => new { m.EntryId, m.Id, m.Kind, m.FileName }).ToListAsync(ct))
            .ToLookup(m => m.EntryId, m => new DashboardMaterial(m.Id, m.Kind, m.FileName));
        var sheets = await progress.SheetsAsync(userId, ct);
        var rounds = assigned.GroupBy(a => a.RoundId).Select(g =>
            {
                var f = g.First();
                return new DashboardRound(g.Key, Localized.Pick(f.Name, f.NameEn), Localized.Pick(f.RoundName, f.RoundNameEn), f.EndsAt,
                    g.OrderBy(a => a.Title).Select(a => new DashboardAssignment(a.Id, a.Title, Localized.Pick(a.Track, a.TrackEn),
                        new TranslatedNames(a.IndustryFields, a.IndustryFieldsEn).Show(a.Industry), materials[a.Id].ToList(),
                        sheets.TryGetValue((a.RoundId, a.Id), out var status) ? status : null)).ToList());
            })
            .OrderBy(r => r.EndsAt ?? DateTime.MaxValue).ToList();

        var sessionRows = await (from j in db.SessionJudges.AsNoTracking()
                                 join s in db.RoadshowSessions on j.SessionId equals s.Id
                                 join r in db.Rounds on s.RoundId equals r.Id
                                 join c in db.Contests on r.ContestId equals c.Id
                                 where j.JudgeUserId == userId
                                 orderby s.StartsAt
                                 select new
                                 {
                                     s.Id, s.Name, s.Venue, s.VenueEn, s.StartsAt, r.ContestId, ContestName = c.Name, ContestNameEn = c.NameEn,
                                     RoundName = r.Name, RoundNameEn = r.NameEn,
                                     Slots = s.Slots.Select(x => new { x.EntryId, Title = db.Entries.Where(e => e.Id == x.EntryId).Select(e => e.Title).FirstOrDefault() }).ToList(),
                                 }).ToListAsync(ct);
        var sessions = new List<DashboardSession>();
        // A judge out of the contest's pool has no sessions there; a recused one keeps the session and sees the recusal.
        foreach (var contestSessions in sessionRows.GroupBy(s => s.ContestId)
                     .Where(g => !access.TryGetValue(g.Key, out var map) || map.InPool(userId)))
        {
            var pairs = await conflicts.ActivePairsAsync(contestSessions.Key, ct);
            sessions.AddRange(contestSessions.Select(s => new DashboardSession(s.Id, Localized.Pick(s.ContestName, s.ContestNameEn),
                Localized.Pick(s.RoundName, s.RoundNameEn), s.Name, Localized.Pick(s.Venue, s.VenueEn), s.StartsAt, s.Slots.Count,
                s.Slots.Where(x => pairs.Contains((userId, x.EntryId))).Select(x => x.Title ?? "#" + x.EntryId).ToList())));
        }
        var sessionIds = sessions.Select(s => s.SessionId).ToList();
        var live = await progress.RunningSessionsAsync(sessionIds, ct);
        sessions = [.. sessions.Select(s => live.Contains(s.SessionId) ? s with { Live = true } : s)];
        var hasProfile = await db.JudgeProfiles.AnyAsync(p => p.UserId == userId, ct);
        var names = await db.Contests.AsNoTracking().Where(c => revoked.Select(g => g.Key).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.LocalizedName, ct);
        var lost = revoked.Select(g => new DashboardRevoked(names[g.Key], !access[g.Key].InPool(userId),
            g.Select(x => x.Entry).Distinct().Count())).ToList();
        return new JudgeDashboardPage(contests, invitations, rounds, sessions.OrderBy(s => s.StartsAt).ToList(), hasProfile, lost);
    }
}
