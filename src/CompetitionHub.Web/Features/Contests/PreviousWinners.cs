using CompetitionHub.Web.Infrastructure;
using System.Text.RegularExpressions;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// The list of previous winners of a contest brand (by slug), kept by hand one at a time. The credit code is checked
/// for shape only here (18 characters of the code's alphabet); the checksum belongs to the eligibility check.
/// </summary>
public sealed partial class PreviousWinners(AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t,
    ILogger<PreviousWinners> logger)
{
    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex CreditCodeShape();

    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static bool LooksLikeCreditCode(string code) => CreditCodeShape().IsMatch(code);

    public Task<List<PreviousWinner>> ListAsync(string slug, CancellationToken ct) =>
        db.PreviousWinners.AsNoTracking().Where(w => w.ContestSlug == slug)
            .OrderByDescending(w => w.Year).ThenBy(w => w.CreditCode).ToListAsync(ct);

    public async Task<SetupResult> AddAsync(int contestId, PreviousWinnerForm form, CancellationToken ct)
    {
        var slug = await db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleOrDefaultAsync(ct);
        if (slug is null) return SetupResult.Fail("", t["未找到该赛事。"]);
        var code = Normalize(form.CreditCode);
        if (!LooksLikeCreditCode(code))
            return SetupResult.Fail(nameof(form.CreditCode), t["统一社会信用代码格式不正确。"]);
        if (await db.PreviousWinners.AnyAsync(w => w.ContestSlug == slug && w.CreditCode == code, ct))
            return SetupResult.Fail(nameof(form.CreditCode), t["{0} 已在往届获奖名单中。", code]);

        var winner = new PreviousWinner
        {
            ContestSlug = slug, CreditCode = code, CompanyName = form.CompanyName!.Trim(), Year = form.Year,
            Award = form.Award?.Trim() ?? "",
        };
        db.PreviousWinners.Add(winner);
        audit.Record(contestId, "PreviousWinner", $"{slug}/{code}", "Create", after: new { winner.CreditCode, winner.CompanyName, winner.Year, winner.Award });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.UniqueViolation)
        {
            // Someone added the same code between the check and the save; the unique index kept the list clean.
            return SetupResult.Fail(nameof(form.CreditCode), t["{0} 已在往届获奖名单中。", code]);
        }
        logger.LogInformation("Previous winner {CreditCode} added to {Slug}", code, slug);
        return SetupResult.Done(winner.Id, t["已添加 {0}。", winner.CompanyName]);
    }

    public async Task<SetupResult> RemoveAsync(int contestId, int winnerId, CancellationToken ct)
    {
        var slug = await db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleOrDefaultAsync(ct);
        var winner = slug is null ? null : await db.PreviousWinners.SingleOrDefaultAsync(w => w.Id == winnerId && w.ContestSlug == slug, ct);
        if (winner is null) return SetupResult.Fail("", t["未找到该记录。"]);
        db.PreviousWinners.Remove(winner);
        audit.Record(contestId, "PreviousWinner", $"{slug}/{winner.CreditCode}", "Delete",
            before: new { winner.CreditCode, winner.CompanyName, winner.Year, winner.Award });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Previous winner {CreditCode} removed from {Slug}", winner.CreditCode, slug);
        return SetupResult.Done(winnerId, t["已删除 {0}。", winner.CompanyName]);
    }
}
