using CompetitionHub.Web.Infrastructure;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Advancement;

public sealed record ConfirmForm
{
    public int TrackId { get; init; }
    /// <summary>The group's industry field when the round ranks by field; empty = the whole track.</summary>
    public string? Industry { get; init; }
    public Guid Version { get; init; }
    /// <summary>The organizer's picks among the entries tied at the cut line.</summary>
    public List<int> Picked { get; init; } = [];
    public string? Reason { get; init; }
}

/// <summary>
/// Confirms a track's advancement: the entries above the cut line (and the organizer's picks when the line falls inside a
/// tie) become Advanced, every other entry of the track Eliminated, and each team is told. The track row is claimed with a
/// conditional update first, so of two organizers confirming at once exactly one goes through.
/// </summary>
public sealed class ConfirmAdvancement(AppDbContext db, AuditLog audit, TeamMail mail, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<ConfirmAdvancement> logger)
{
    public const string AdvancedTemplate = "entry-advanced";
    public const string NotAdvancedTemplate = "entry-not-advanced";
    public const int MaxReasonLength = 1000;

    public async Task<SetupResult> HandleAsync(AdvancementBoard board, ConfirmForm form, ClaimsPrincipal user,
        Func<int, string> entryLink, CancellationToken ct)
    {
        if (AdvancementRules.Refusal(board, t) is { } refusal) return SetupResult.Fail("", refusal);
        var track = board.Group(form.TrackId, form.Industry);
        if (track is null) return SetupResult.Fail("", t["未找到该组别。"]);
        if (track.Setting is null || track.Cut is null) return SetupResult.Fail("", t["请先保存该组别的晋级名额。"]);
        if (track.Confirmed) return SetupResult.Fail("", t["该组别的晋级已确认。"]);
        if (track.Setting.Version != form.Version) return SetupResult.Fail("", t["晋级名额已被他人修改，请刷新后重试。"]);

        var cut = track.Cut;
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (reason?.Length > MaxReasonLength) return SetupResult.Fail(nameof(ConfirmForm.Reason), t["理由不能超过 {0} 个字符。", MaxReasonLength]);
        var advancing = cut.Advancing(form.Picked);
        if (advancing is null)
            return SetupResult.Fail("", t["第 {0} 名有 {1} 个项目并列，晋级线（名额 {2} 个）落在并列之中：请提高名额，或在并列项目中选出 {3} 个并填写理由。",
                track.TiedRank!, cut.TiedAtLine.Count, track.Setting.Quota, cut.SeatsInTie]);
        if (cut.HasTie && reason is null)
            return SetupResult.Fail(nameof(ConfirmForm.Reason), t["在并列项目中选择晋级项目时必须填写理由。"]);

        try
        {
            return await db.SaveAtomicallyAsync(async ct =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                var claimed = await db.TrackAdvancements
                    .Where(a => a.Id == track.Setting.Id && a.ConfirmedAt == null && a.Version == form.Version)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConfirmedAt, now).SetProperty(a => a.ConfirmedByUserId, userId)
                        .SetProperty(a => a.Version, Guid.NewGuid()), ct);
                if (claimed == 0) return SetupResult.Fail("", t["该组别的晋级刚被他人确认或修改，请刷新后查看。"]);

                var ids = track.Entries.Select(e => e.EntryId).ToList();
                var entries = await db.Entries.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
                var contest = await db.Contests.AsNoTracking().Where(c => c.Id == board.ContestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
                foreach (var row in track.Entries)
                {
                    var entry = entries[row.EntryId];
                    var advanced = advancing.Contains(row.EntryId);
                    var picked = advanced && cut.TiedAtLine.Contains(row.EntryId);
                    db.AdvancementOutcomes.Add(new AdvancementOutcome
                    {
                        RoundId = board.Round.Id, TrackId = track.TrackId, Industry = track.Industry, EntryId = row.EntryId, Rank = row.Rank,
                        ScoreHundredths = row.ScoreHundredths, Advanced = advanced, Reason = cut.TiedAtLine.Contains(row.EntryId) ? reason : null,
                        DecidedAt = now,
                    });
                    var before = entry.Status;
                    entry.Status = advanced ? EntryStatus.Advanced : EntryStatus.Eliminated;
                    entry.UpdatedAt = now;
                    audit.Record(board.ContestId, nameof(Entry), entry.Id, advanced ? "advanced" : "eliminated",
                        new { status = before.ToString() }, new { status = entry.Status.ToString(), roundId = board.Round.Id, row.Rank, picked },
                        cut.TiedAtLine.Contains(row.EntryId) ? reason : null);
                    await mail.QueueAsync(entry, contest.Name, contest.NameEn, advanced ? AdvancedTemplate : NotAdvancedTemplate,
                        english => new Dictionary<string, object>
                        {
                            ["roundName"] = english ? board.Round.NameEn : board.Round.Name,
                            ["nextRoundName"] = english ? board.NextRound!.NameEn : board.NextRound!.Name,
                            ["backfilled"] = false,
                            ["link"] = entryLink(entry.Id),
                        }, ct);
                }
                audit.Record(board.ContestId, nameof(TrackAdvancement), track.AuditKey(board.Round.Id), "confirm", null,
                    new { quota = track.Setting.Quota, advanced = advancing, tiedAtLine = cut.TiedAtLine, picked = form.Picked,
                        minScore = board.Round.MinScoreHundredths, inQuotaBelowMinimum = track.InQuotaBelowMinimum.Select(e => e.EntryId) }, reason);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Advancement of round {RoundId} track {TrackId} confirmed: {Advanced} of {Total} advance",
                    board.Round.Id, track.TrackId, advancing.Count, track.Entries.Count);
                return SetupResult.Done(track.TrackId, t["“{0}”的晋级已确认：{1} 个项目晋级“{2}”，已通知各团队。",
                    track.TrackName, advancing.Count, board.NextRound!.LocalizedName]);
            }, ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.VersionConflict or DatabaseError.UniqueViolation)
        {
            // An entry changed (e.g. withdrew) since the page was read, or a racing confirm got its outcome rows in first.
            return SetupResult.Fail("", t["该组别的项目刚有变化，请刷新后重新确认。"]);
        }
    }
}
