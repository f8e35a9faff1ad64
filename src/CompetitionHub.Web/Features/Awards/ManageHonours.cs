using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Awards;

public sealed record HonourTitlesForm(string? Titles);

public sealed record HonourForm(int EntryId, string? Honour);

/// <summary>
/// Honours (创业新锐, 创新尖兵 …) are not ranked: the organizer keeps the contest's list of titles and gives a title to the
/// entries chosen, one at a time, each change audited. The team is mailed the honour and its certificate link.
/// </summary>
public sealed class ManageHonours(AppDbContext db, AuditLog audit, AwardMail mail, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<ManageHonours> logger)
{
    public const int MaxTitleLength = 50;

    public async Task<SetupResult> SaveTitlesAsync(AwardsBoard board, string? text, CancellationToken ct)
    {
        var titles = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (titles.Count == 0) return SetupResult.Fail("Titles", t["请至少填写一个荣誉称号。"]);
        if (titles.Any(x => x.Length > MaxTitleLength)) return SetupResult.Fail("Titles", t["每个荣誉称号不能超过 {0} 个字符。", MaxTitleLength]);
        var stored = await db.HonourTitles.Where(h => h.ContestId == board.ContestId).ToListAsync(ct);
        db.HonourTitles.RemoveRange(stored);
        db.HonourTitles.AddRange(titles.Select((name, i) => new HonourTitle { ContestId = board.ContestId, Sequence = i + 1, Name = name }));
        audit.Record(board.ContestId, "HonourTitles", board.ContestId, "save", stored.Select(h => h.Name), titles);
        await db.SaveChangesAsync(ct);
        return SetupResult.Done(board.ContestId, t["荣誉称号已保存。"]);
    }

    public async Task<SetupResult> GiveAsync(AwardsBoard board, HonourForm form, string siteBase, CancellationToken ct)
    {
        var honour = form.Honour?.Trim() ?? "";
        if (!board.HonourTitles.Contains(honour)) return SetupResult.Fail("", t["请选择荣誉称号。"]);
        var entry = await db.Entries.AsNoTracking()
            .Where(e => e.Id == form.EntryId && e.ContestId == board.ContestId && LoadAwardsBoard.HonourStatuses.Contains(e.Status))
            .Select(e => new { e.Title }).SingleOrDefaultAsync(ct);
        if (entry is null) return SetupResult.Fail("", t["本赛事没有编号为 {0} 的项目。", form.EntryId]);
        if (board.Honours.Any(h => h.EntryId == form.EntryId && h.Honour == honour))
            return SetupResult.Fail("", t["“{0}”已获得“{1}”。", entry.Title, honour]);

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var awarded = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == form.EntryId, ct);
                var award = new Award
                {
                    ContestId = board.ContestId, TrackId = awarded.TrackId, EntryId = form.EntryId, Kind = AwardKind.Honour, Honour = honour,
                    AwardedAt = clock.GetUtcNow().UtcDateTime,
                };
                db.Awards.Add(award);
                audit.Record(board.ContestId, nameof(Award), form.EntryId, "honour", null, new { honour });
                await db.SaveChangesAsync(ct);
                await mail.QueueAsync(award, awarded, siteBase, ct);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Entry {EntryId} given honour {Honour}", form.EntryId, honour);
                return SetupResult.Done(award.Id, t["已授予“{0}”“{1}”称号。", entry.Title, honour]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Given a moment ago by another organizer: the unique (entry, honour) index keeps it once.
            return SetupResult.Fail("", t["“{0}”已获得“{1}”。", entry.Title, honour]);
        }
    }

    public async Task<SetupResult> RemoveAsync(AwardsBoard board, int awardId, CancellationToken ct)
    {
        var award = await db.Awards.SingleOrDefaultAsync(a => a.Id == awardId && a.ContestId == board.ContestId && a.Kind == AwardKind.Honour, ct);
        if (award is null) return SetupResult.Fail("", t["未找到该荣誉。"]);
        db.Awards.Remove(award);
        audit.Record(board.ContestId, nameof(Award), award.EntryId, "honour-removed", new { honour = award.Honour }, null);
        await db.SaveChangesAsync(ct);
        return SetupResult.Done(awardId, t["已撤销“{0}”称号。", award.Honour]);
    }
}
