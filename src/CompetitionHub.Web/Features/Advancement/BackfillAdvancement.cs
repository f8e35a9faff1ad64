using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Advancement;

public sealed record BackfillForm
{
    public int TrackId { get; init; }
    /// <summary>The group's industry field when the round ranks by field; empty = the whole track.</summary>
    public string? Industry { get; init; }
    public Guid Version { get; init; }
    /// <summary>Only needed when the next entries in line are tied.</summary>
    public int? EntryId { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// Fills a seat left by an advanced entry that withdrew, with the best-ranked eliminated entry of the same track, until
/// the next round starts. One seat per action; the track's version is claimed first, so two organizers cannot fill one
/// seat twice.
/// </summary>
public sealed class BackfillAdvancement(AppDbContext db, AuditLog audit, TeamMail mail, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<BackfillAdvancement> logger)
{
    public async Task<SetupResult> HandleAsync(AdvancementBoard board, BackfillForm form, Func<int, string> entryLink, CancellationToken ct)
    {
        var track = board.Group(form.TrackId, form.Industry);
        if (track is null) return SetupResult.Fail("", t["未找到该组别。"]);
        if (!track.Confirmed) return SetupResult.Fail("", t["该组别的晋级尚未确认。"]);
        if (board.NextStarted || board.NextRound is null)
            return SetupResult.Fail("", t["下一赛段已经开始，不能再递补。"]);
        if (track.Setting!.Version != form.Version) return SetupResult.Fail("", t["晋级名单已被他人修改，请刷新后重试。"]);
        if (track.Vacancies == 0) return SetupResult.Fail("", t["没有因撤回而空出的晋级名额。"]);
        if (track.NextInLine.Count == 0) return SetupResult.Fail("", t["没有可以递补的项目。"]);

        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (reason?.Length > ConfirmAdvancement.MaxReasonLength)
            return SetupResult.Fail(nameof(BackfillForm.Reason), t["理由不能超过 {0} 个字符。", ConfirmAdvancement.MaxReasonLength]);
        int chosen;
        if (track.NextInLine.Count == 1) chosen = track.NextInLine[0];
        else if (form.EntryId is { } id && track.NextInLine.Contains(id) && reason is not null) chosen = id;
        else
        {
            var rank = track.Entries.First(e => e.EntryId == track.NextInLine[0]).Rank;
            return SetupResult.Fail("", t["递补顺位第 {0} 名有 {1} 个项目并列：请选择递补的项目并填写理由。", rank!, track.NextInLine.Count]);
        }

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                // Read and checked before the claim below writes: a refusal leaves nothing behind.
                var outcome = await db.AdvancementOutcomes.Include(o => o.Entry)
                    .SingleAsync(o => o.RoundId == board.Round.Id && o.EntryId == chosen, ct);
                var entry = outcome.Entry;
                if (entry.Status != EntryStatus.Eliminated) return SetupResult.Fail("", t["该项目的状态已改变，请刷新后重试。"]);
                var claimed = await db.TrackAdvancements.Where(a => a.Id == track.Setting.Id && a.Version == form.Version)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, Guid.NewGuid()).SetProperty(a => a.UpdatedAt, now), ct);
                if (claimed == 0) return SetupResult.Fail("", t["晋级名单已被他人修改，请刷新后重试。"]);

                outcome.Advanced = true;
                outcome.Backfilled = true;
                outcome.Reason = reason;
                outcome.DecidedAt = now;
                entry.Status = EntryStatus.Advanced;
                entry.UpdatedAt = now;
                audit.Record(board.ContestId, nameof(Entry), entry.Id, "backfilled", new { status = nameof(EntryStatus.Eliminated) },
                    new { status = nameof(EntryStatus.Advanced), roundId = board.Round.Id, outcome.Rank }, reason);
                var contest = await db.Contests.AsNoTracking().Where(c => c.Id == board.ContestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
                await mail.QueueAsync(entry, contest.Name, contest.NameEn, ConfirmAdvancement.AdvancedTemplate, english => new Dictionary<string, object>
                {
                    ["roundName"] = english ? board.Round.NameEn : board.Round.Name,
                    ["nextRoundName"] = english ? board.NextRound.NameEn : board.NextRound.Name,
                    ["backfilled"] = true,
                    ["link"] = entryLink(entry.Id),
                }, ct);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Entry {EntryId} backfilled into round after {RoundId} (track {TrackId})", entry.Id, board.Round.Id, track.TrackId);
                return SetupResult.Done(entry.Id, t["“{0}”已递补晋级，已通知该团队。", entry.Title]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            return SetupResult.Fail("", t["该项目的状态已改变，请刷新后重试。"]);
        }
    }
}

/// <summary>Whether an advanced entry may still withdraw: only until the round it advanced to has started.</summary>
public sealed class AdvancedWithdrawal(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : IAdvancedEntryWithdrawing
{
    public async Task<string?> WhyNotAsync(int entryId, CancellationToken ct)
    {
        var from = await db.AdvancementOutcomes.AsNoTracking().Where(o => o.EntryId == entryId && o.Advanced)
            .Join(db.Rounds, o => o.RoundId, r => r.Id, (o, r) => r).OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        if (from is null) return null;
        var next = await db.Rounds.AsNoTracking().Where(r => r.ContestId == from.ContestId && r.Sequence > from.Sequence)
            .OrderBy(r => r.Sequence).FirstOrDefaultAsync(ct);
        if (next is null || !LoadAdvancementBoard.HasStarted(next, clock)) return null;
        return t["“{0}”已经开始，晋级项目不能再撤回。", next.LocalizedName];
    }
}
