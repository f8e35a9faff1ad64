using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>How a page names an entry: its title and its team.</summary>
public sealed record EntryName(string Title, string TeamName);

public static class EntryNames
{
    /// <summary>
    /// The names of the entries a page shows, read for those rows only: a ranking page decides over every entry of the
    /// contest by id, rank and status, and names only its page of them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, EntryName>> EntryNamesAsync(this AppDbContext db, int contestId,
        IEnumerable<int> entryIds, CancellationToken ct)
    {
        var ids = entryIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<int, EntryName>();
        return await db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, Team = e.Team.Name })
            .ToDictionaryAsync(e => e.Id, e => new EntryName(e.Title, e.Team), ct);
    }

    /// <summary>The name of an entry that <paramref name="names"/> lacks reads as its number, never as an error page.</summary>
    public static EntryName Of(this IReadOnlyDictionary<int, EntryName> names, int entryId) =>
        names.GetValueOrDefault(entryId) ?? new EntryName($"#{entryId}", "");
}
