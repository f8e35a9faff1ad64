using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// Emails every member of an entry's team, and its contact person when that is another address, each in their own
/// language. The rows join the caller's SaveChanges like every outbox row.
/// </summary>
public sealed class TeamMail(AppDbContext db, Outbox outbox)
{
    public async Task QueueAsync(Entry entry, string contestName, string contestNameEn, string template,
        Func<bool, IDictionary<string, object>> model, CancellationToken ct)
    {
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == entry.TeamId)
            .OrderByDescending(m => m.IsLeader).Select(m => new { m.User.Email, m.User.DisplayName, m.User.PreferredCulture })
            .ToListAsync(ct);
        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in members.Where(m => m.Email is { Length: > 0 }))
            if (sent.Add(m.Email!)) Queue(m.Email!, m.DisplayName, m.PreferredCulture);
        var contact = entry.ContactEmail.Trim();
        if (contact.Length > 0 && sent.Add(contact))
            Queue(contact, entry.ContactName.Length > 0 ? entry.ContactName : contact,
                members.FirstOrDefault()?.PreferredCulture ?? EmailTemplates.DefaultCulture);

        void Queue(string to, string name, string culture)
        {
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var values = model(english);
            values["displayName"] = name;
            values["contestName"] = english && contestNameEn.Length > 0 ? contestNameEn : contestName;
            values["entryTitle"] = entry.Title;
            outbox.Queue(to, name, template, culture, values);
        }
    }
}
