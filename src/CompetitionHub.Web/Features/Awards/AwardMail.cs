using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Awards;

/// <summary>
/// Tells an awarded team of its prize or honour, with the link to the certificate: every member and the entry's contact,
/// each in their own language, through <see cref="TeamMail"/>. The award must be saved (the link needs its id); the
/// rows join the caller's next SaveChanges.
/// </summary>
public sealed class AwardMail(AppDbContext db, TeamMail mail)
{
    public const string Template = "award-confirmed";

    public async Task QueueAsync(Award award, Entry entry, string siteBase, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == award.ContestId).Select(c => new { c.Name, c.NameEn }).SingleAsync(ct);
        var site = siteBase.TrimEnd('/');
        // The prize goes as its grade, which each language's template names; an honour's title is the organizer's own
        // (Chinese) text and goes as it is, as on the certificate, which is Chinese only.
        await mail.QueueAsync(entry, contest.Name, contest.NameEn, Template, _ => new Dictionary<string, object>
        {
            ["kind"] = award.Kind.ToString(),
            ["grade"] = award.Grade?.ToString() ?? "",
            ["prize"] = award.Kind == AwardKind.Prize ? AwardLabels.Grade(award.Grade!.Value) : award.Honour,
            ["certificateLink"] = $"{site}/awards/{award.Id}/certificate",
            ["certificatesLink"] = $"{site}/awards/mine",
        }, ct);
    }
}
