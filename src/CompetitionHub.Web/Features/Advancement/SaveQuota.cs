using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Advancement;

public sealed record QuotaForm
{
    public int TrackId { get; init; }

    /// <summary>The group's industry field when the round ranks by field; empty = the whole track.</summary>
    public string? Industry { get; init; }

    [Required(ErrorMessage = "请填写晋级名额。")]
    [Range(0, 10000, ErrorMessage = "晋级名额须在 {1} 到 {2} 之间。")]
    public int? Quota { get; init; }
}

/// <summary>The organizer sets or changes a track's quota; refused once the track's advancement is confirmed.</summary>
public sealed class SaveQuota(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t,
    ILogger<SaveQuota> logger)
{
    public async Task<SetupResult> HandleAsync(AdvancementBoard board, int trackId, string? industry, int quota, CancellationToken ct)
    {
        if (board.Group(trackId, industry) is not { } group) return SetupResult.Fail("", t["未找到该组别。"]);
        var setting = await db.TrackAdvancements
            .SingleOrDefaultAsync(a => a.RoundId == board.Round.Id && a.TrackId == trackId && a.Industry == group.Industry, ct);
        if (setting?.ConfirmedAt is not null) return SetupResult.Fail("", t["该组别的晋级已确认，名额不能再修改。"]);
        var before = setting?.Quota;
        if (setting is null)
        {
            setting = new TrackAdvancement { RoundId = board.Round.Id, TrackId = trackId, Industry = group.Industry };
            db.TrackAdvancements.Add(setting);
        }
        setting.Quota = quota;
        setting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(board.ContestId, nameof(TrackAdvancement), group.AuditKey(board.Round.Id), "quota", new { quota = before }, new { quota });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() is DatabaseError.VersionConflict or DatabaseError.UniqueViolation)
        {
            // Two first saves at once meet the unique index; the other one's quota stands and the page shows it.
            return SetupResult.Fail("", t["晋级名额已被他人修改，请刷新后重试。"]);
        }
        logger.LogInformation("Advancement quota of round {RoundId} track {TrackId} set to {Quota}", board.Round.Id, trackId, quota);
        return SetupResult.Done(setting.Id, t["晋级名额已保存为 {0} 个。", quota]);
    }
}
