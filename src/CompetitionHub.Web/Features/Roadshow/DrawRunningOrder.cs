using CompetitionHub.Web.Infrastructure;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>What one draw used and gave, as recorded: enough for anyone to repeat it with <see cref="LotDraw"/>.</summary>
public sealed record DrawRecord(int Seed, string Algorithm, IReadOnlyList<int> Input, IReadOnlyList<int> Order, DateTime At,
    string? By, string Action, string? Reason)
{
    /// <summary>Repeating the draw from the seed and the input gives the recorded order.</summary>
    public bool Reproduces => LotDraw.Draw(Input, Seed).SequenceEqual(Order);
}

/// <summary>
/// Draws a session's running order by lot (抽签): a seed typed by the organizer (e.g. from a public event) or a random one,
/// the ids sorted, <see cref="LotDraw"/> applied; each slot gets its position and start time, every team whose time is set
/// or changed is told. The seed, input and order go into the audit record, from which anyone can verify the draw.
/// A re-draw is possible until scoring starts, with a reason, and keeps the order before and after.
/// </summary>
public sealed class DrawRunningOrder(AppDbContext db, AuditLog audit, SlotNotices notices, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<DrawRunningOrder> logger)
{
    public async Task<SetupResult> HandleAsync(Round round, int sessionId, DrawForm form, string? userId, CancellationToken ct)
    {
        if (round.Status is not (RoundStatus.Draft or RoundStatus.Open))
            return SetupResult.Fail("", t["评分开始后不能再抽签。"]);

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var session = await db.RoadshowSessions.Include(s => s.Slots)
                    .SingleOrDefaultAsync(s => s.Id == sessionId && s.RoundId == round.Id, ct);
                if (session is null) return SetupResult.Fail("", t["未找到该路演场次。"]);
                if (session.Slots.Count == 0) return SetupResult.Fail("", t["请先为场次添加项目，再抽签。"]);

                var redraw = session.DrawnAt is not null;
                var reason = form.Reason?.Trim();
                if (redraw && string.IsNullOrEmpty(reason))
                    return SetupResult.Fail(nameof(form.Reason), t["重新抽签须填写原因。"]);
                int seed;
                if (string.IsNullOrWhiteSpace(form.Seed))
                    seed = RandomNumberGenerator.GetInt32(int.MaxValue);
                else if (!int.TryParse(form.Seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seed))
                    return SetupResult.Fail(nameof(form.Seed), t["种子须为 0 到 2147483647 之间的整数。"]);

                var before = redraw ? new { seed = session.DrawSeed, order = CurrentOrder(session) } : null;
                var previous = session.Slots.ToDictionary(x => x.Id, x => x.StartsAt);
                var input = session.Slots.Select(x => x.EntryId).Order().ToList();
                var order = LotDraw.Draw(input, seed);
                var positions = order.Select((entryId, i) => (entryId, i)).ToDictionary(p => p.entryId, p => p.i + 1);
                foreach (var slot in session.Slots)
                    slot.Position = positions[slot.EntryId];
                SaveSession.Schedule(session);
                session.DrawSeed = seed;
                session.DrawnAt = clock.GetUtcNow().UtcDateTime;
                session.DrawnByUserId = userId;
                db.Entry(session).Property(s => s.Version).OriginalValue = form.Version;

                await db.SaveChangesAsync(ct);
                await notices.SyncAsync(session, previous, ct);
                audit.Record(round.ContestId, SaveSession.AuditType, session.Id, redraw ? "Redraw" : "Draw", before,
                    new { seed, algorithm = LotDraw.AlgorithmName, input, order }, redraw ? reason : null);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Running order of roadshow session {SessionId} drawn with seed {Seed} ({Action})",
                    session.Id, seed, redraw ? "redraw" : "draw");
                return SetupResult.Done(session.Id, t["抽签完成，种子为 {0}。", seed.ToString(CultureInfo.InvariantCulture)]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail("", t["该场次已被他人修改，请刷新页面后重新操作。"]);
        }
    }

    /// <summary>The last draw of the session as recorded, or null before the first.</summary>
    public async Task<DrawRecord?> LastAsync(int sessionId, CancellationToken ct) =>
        (await HistoryAsync([sessionId], ct)).GetValueOrDefault(sessionId)?.LastOrDefault();

    /// <summary>Every draw and re-draw of the sessions as recorded, oldest first, by session.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<DrawRecord>>> HistoryAsync(IReadOnlyCollection<int> sessionIds, CancellationToken ct)
    {
        var ids = sessionIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == SaveSession.AuditType && ids.Contains(a.EntityId) && (a.Action == "Draw" || a.Action == "Redraw"))
            .OrderBy(a => a.Id).ToListAsync(ct);
        return rows.Where(row => row.After is not null)
            .GroupBy(row => int.Parse(row.EntityId, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DrawRecord>)[.. g.Select(Read)]);
    }

    private static DrawRecord Read(AuditEntry row)
    {
        using var json = JsonDocument.Parse(row.After!);
        var r = json.RootElement;
        return new DrawRecord(r.GetProperty("seed").GetInt32(), r.GetProperty("algorithm").GetString() ?? "",
            [.. r.GetProperty("input").EnumerateArray().Select(e => e.GetInt32())],
            [.. r.GetProperty("order").EnumerateArray().Select(e => e.GetInt32())],
            row.At, row.UserName, row.Action, row.Reason);
    }

    public static List<int> CurrentOrder(RoadshowSession session) =>
        [.. session.Slots.Where(x => x.Position is not null).OrderBy(x => x.Position).Select(x => x.EntryId)];
}
