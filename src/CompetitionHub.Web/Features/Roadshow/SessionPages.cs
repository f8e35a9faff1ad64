using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Roadshow;

public sealed record RoundInfo(int Id, int ContestId, string ContestName, string Name, RoundKind Kind, RoundStatus Status);

public sealed record SessionRow(int Id, string Name, string Venue, DateTime StartsAt, int PitchMinutes, int QaMinutes,
    int Entries, int Judges, bool Drawn);

public sealed record SessionsPage(RoundInfo Round, IReadOnlyList<SessionRow> Sessions);

public sealed record JudgeOption(string UserId, string Name, string Email);

public sealed record EntryOption(int Id, string Title, string Team, EntryStatus Status, string? OtherSession);

public sealed record SlotRow(int SlotId, int EntryId, string Title, string Team, int? Position, DateTime? StartsAt);

public sealed record SessionPage(RoundInfo Round, RoadshowSession? Session, SessionForm Form, DrawForm Draw,
    IReadOnlyList<JudgeOption> Judges, IReadOnlyList<EntryOption> Entries, IReadOnlyList<SlotRow> Slots,
    IReadOnlyList<JudgeOption> Panel, IReadOnlyList<ConflictPair> Recusals, DrawRecord? LastDraw)
{
    public bool CanDraw => Round.Status is RoundStatus.Draft or RoundStatus.Open;
    public bool CanEdit => Round.Status is not (RoundStatus.Closed or RoundStatus.Published);
}

public sealed record VerifyPage(RoundInfo Round, int SessionId, string SessionName, DrawRecord? Record,
    IReadOnlyList<int> Recomputed, IReadOnlyList<int> Current, IReadOnlyDictionary<int, string> Titles)
{
    public bool Reproduces => Record is not null && Recomputed.SequenceEqual(Record.Order);
    /// <summary>The session still runs in the drawn order (no entry added or removed since).</summary>
    public bool CurrentMatches => Record is not null && Current.SequenceEqual(Record.Order);
}

/// <summary>Reads what the organizer's session pages show.</summary>
public sealed class SessionPages(AppDbContext db, Recusals recusals, DrawRunningOrder draws)
{
    public async Task<RoundInfo?> RoundAsync(int roundId, CancellationToken ct)
    {
        var r = await db.Rounds.AsNoTracking().Where(x => x.Id == roundId)
            .Join(db.Contests, x => x.ContestId, c => c.Id, (x, c) => new { x.Id, x.ContestId, c.Name, c.NameEn,
                Round = x.Name, RoundEn = x.NameEn, x.Kind, x.Status })
            .SingleOrDefaultAsync(ct);
        return r is null ? null : new RoundInfo(r.Id, r.ContestId, Localized.Pick(r.Name, r.NameEn), Localized.Pick(r.Round, r.RoundEn), r.Kind, r.Status);
    }

    public async Task<SessionsPage> ListAsync(RoundInfo round, CancellationToken ct)
    {
        var rows = await db.RoadshowSessions.AsNoTracking().Where(s => s.RoundId == round.Id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Name, Localized.Pick(s.Venue, s.VenueEn), s.StartsAt, s.PitchMinutes, s.QaMinutes, s.Slots.Count, s.Panel.Count,
                s.DrawnAt != null))
            .ToListAsync(ct);
        return new SessionsPage(round, rows);
    }

    public async Task<RoadshowSession?> SessionAsync(RoundInfo round, int sessionId, CancellationToken ct) =>
        await db.RoadshowSessions.AsNoTracking().Include(s => s.Panel).Include(s => s.Slots).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.RoundId == round.Id, ct);

    public async Task<SessionPage> EditAsync(RoundInfo round, RoadshowSession? session, SessionForm form, DrawForm draw,
        CancellationToken ct)
    {
        var sessionId = session?.Id ?? 0;
        var judges = await SaveSession.Pool(db, round.ContestId)
            .Join(db.Users, j => j.UserId, u => u.Id, (j, u) => new JudgeOption(u.Id, u.DisplayName, u.Email ?? j.Email))
            .ToListAsync(ct);
        judges = [.. judges.DistinctBy(j => j.UserId).OrderBy(j => j.Name, StringComparer.Ordinal)];
        var taken = await db.SessionSlots.AsNoTracking().Where(x => x.RoundId == round.Id && x.SessionId != sessionId)
            .Join(db.RoadshowSessions, x => x.SessionId, s => s.Id, (x, s) => new { x.EntryId, s.Name })
            .ToDictionaryAsync(x => x.EntryId, x => x.Name, ct);
        var inSession = session?.Slots.Select(x => x.EntryId).ToList() ?? [];
        var entries = await db.Entries.AsNoTracking()
            .Where(e => SaveSession.Candidates(db, round.ContestId).Any(c => c.Id == e.Id) || inSession.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Title, Team = e.Team.Name, e.Status }).ToListAsync(ct);

        List<SlotRow> slots = [];
        List<JudgeOption> panel = [];
        IReadOnlyList<ConflictPair> recused = [];
        DrawRecord? last = null;
        if (session is not null)
        {
            var ids = session.Slots.Select(x => x.EntryId).ToList();
            var names = await db.EntryNamesAsync(round.ContestId, ids, ct);
            slots = [.. session.Slots.OrderBy(x => x.Position ?? int.MaxValue).ThenBy(x => x.EntryId)
                .Select(x => new SlotRow(x.Id, x.EntryId, names.Of(x.EntryId).Title, names.Of(x.EntryId).TeamName, x.Position, x.StartsAt))];
            var panelIds = session.Panel.Select(j => j.JudgeUserId).ToList();
            panel = await db.Users.AsNoTracking().Where(u => panelIds.Contains(u.Id))
                .Select(u => new JudgeOption(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
            panel = [.. panel.OrderBy(j => j.Name, StringComparer.Ordinal)];
            recused = await recusals.DetailsAsync(session.Id, ct);
            last = await draws.LastAsync(session.Id, ct);
        }
        return new SessionPage(round, session, form, draw, judges,
            [.. entries.Select(e => new EntryOption(e.Id, e.Title, e.Team, e.Status, taken.GetValueOrDefault(e.Id)))],
            slots, panel, recused, last);
    }

    public async Task<VerifyPage> VerifyAsync(RoundInfo round, RoadshowSession session, CancellationToken ct)
    {
        var record = await draws.LastAsync(session.Id, ct);
        var recomputed = record is null ? [] : LotDraw.Draw(record.Input, record.Seed);
        var ids = (record?.Input ?? []).Concat(session.Slots.Select(x => x.EntryId)).Distinct().ToList();
        var titles = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        return new VerifyPage(round, session.Id, session.Name, record, recomputed, DrawRunningOrder.CurrentOrder(session), titles);
    }
}
