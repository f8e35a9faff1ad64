using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>
/// Development only: gives the demo investor account a profile, so it can ask for meetings at once. Idempotent: an existing
/// profile (perhaps edited since) is left alone. The seeds hold no entries, so no entry is opened to investors here.
/// </summary>
public static class DemoInvestorSeed
{
    public const string Email = "investor@demo.competitionhub.cn";

    public static async Task<int> LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = await db.Users.Where(u => u.NormalizedEmail == Email.ToUpperInvariant()).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (userId is null || await db.InvestorProfiles.AnyAsync(p => p.UserId == userId, ct)) return 0;
        db.InvestorProfiles.Add(new InvestorProfile
        {
            UserId = userId,
            FundName = "长春创新创业投资基金",
            Industries = ["电子信息", "先进制造", "生物医药"],
            Stages = [InvestmentStage.Angel, InvestmentStage.SeriesA],
            TicketMinWan = 100,
            TicketMaxWan = 1000,
            Intro = "专注吉林省科技型初创企业，关注电子信息、先进制造和生物医药。",
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return 1;
    }
}
