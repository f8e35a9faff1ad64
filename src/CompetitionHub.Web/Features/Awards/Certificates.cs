using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Awards;

/// <summary>What a certificate (奖状) prints. Chinese only: the certificate is an official document in Chinese.</summary>
public sealed record Certificate(int AwardId, string Number, string Recipient, string ProjectTitle, string ContestName,
    string Prize, string TrackName, string Department, string Date);

/// <summary>
/// Certificates of confirmed awards: a prize counts once its track's list is confirmed, an honour once given. The date
/// is the day of the award in China, written 二〇二七年六月十八日.
/// </summary>
public sealed class LoadCertificates(AppDbContext db, ContestAccess access)
{
    /// <summary>One certificate for the organizer of its contest or a member of its team; null (404) for anyone else.</summary>
    public async Task<Certificate?> OneAsync(int awardId, ClaimsPrincipal user, CancellationToken ct)
    {
        var award = await Confirmed().SingleOrDefaultAsync(a => a.Id == awardId, ct);
        if (award is null) return null;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var member = userId is not null && await db.TeamMembers.AnyAsync(m => m.TeamId == award.Entry.TeamId && m.UserId == userId, ct);
        if (!member && !await access.CanManageAsync(user, award.ContestId, ct)) return null;
        return (await PrintAsync([award], ct))[0];
    }

    /// <summary>Every confirmed certificate of a track (prizes by grade and rank, then honours), for a bulk print.</summary>
    public async Task<IReadOnlyList<Certificate>> TrackAsync(int contestId, int trackId, CancellationToken ct)
    {
        var awards = await Confirmed().Where(a => a.ContestId == contestId && a.TrackId == trackId).ToListAsync(ct);
        var ordered = awards.OrderBy(a => a.Kind).ThenBy(a => a.Grade).ThenBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Honour).ThenBy(a => a.Id).ToList();
        return await PrintAsync(ordered, ct);
    }

    /// <summary>The awards of the user's own teams, for their list of certificates, with the contest named in the reader's language.</summary>
    public async Task<IReadOnlyList<(Certificate Certificate, int ContestId, string ContestName)>> MineAsync(string userId, CancellationToken ct)
    {
        var awards = await Confirmed().Where(a => db.TeamMembers.Any(m => m.TeamId == a.Entry.TeamId && m.UserId == userId))
            .OrderByDescending(a => a.Id).ToListAsync(ct);
        var printed = await PrintAsync(awards, ct);
        var contestIds = awards.Select(a => a.ContestId).Distinct().ToList();
        var names = await db.Contests.AsNoTracking().Where(c => contestIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => Localized.Pick(c.Name, c.NameEn), ct);
        return [.. printed.Select((c, i) => (c, awards[i].ContestId, names[awards[i].ContestId]))];
    }

    private IQueryable<Award> Confirmed() =>
        db.Awards.AsNoTracking().Include(a => a.Entry).ThenInclude(e => e.Team)
            .Where(a => a.Kind == AwardKind.Honour
                || db.AwardPlans.Any(p => p.TrackId == a.TrackId && p.ContestId == a.ContestId && p.ConfirmedAt != null));

    private async Task<IReadOnlyList<Certificate>> PrintAsync(IReadOnlyList<Award> awards, CancellationToken ct)
    {
        var contestIds = awards.Select(a => a.ContestId).Distinct().ToList();
        var contests = await db.Contests.AsNoTracking().Include(c => c.LeadDepartment).Include(c => c.Tracks)
            .Where(c => contestIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. awards.Select(a =>
        {
            var c = contests[a.ContestId];
            var e = a.Entry;
            return new Certificate(a.Id, $"{c.EditionYear}-{c.Id:D3}-{a.Id:D4}",
                string.IsNullOrWhiteSpace(e.CompanyName) ? e.Team.Name : e.CompanyName!, e.Title, c.Name,
                a.Kind == AwardKind.Prize ? AwardLabels.Grade(a.Grade!.Value) : a.Honour,
                c.Tracks.FirstOrDefault(x => x.Id == a.TrackId)?.Name ?? "", c.LeadDepartment.Name,
                ChineseDate.Numerals(ChinaTime.DateOf(a.AwardedAt)));
        })];
    }
}
