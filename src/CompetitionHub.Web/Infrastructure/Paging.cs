using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>One page of a list that grows with a contest, and where it sits in the whole list.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Rows, int Total, int Page, int Size)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
}

/// <summary>How a page's pager links: the page it is on, how many there are, and the address of page n.</summary>
public sealed record Pager(string Id, int Page, int Pages, Func<int, string> Link);

public static class Paging
{
    /// <summary>
    /// The page of an ordered query the database cuts out (a page past the end shows the last one), with the count of
    /// the whole: two statements whose cost does not depend on how many ids the contest has.
    /// </summary>
    public static Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, int page, int size, CancellationToken ct) =>
        ordered.ToPageAsync(page, size, null, ct);

    /// <summary>The same, given the count of the whole when the page already knows it (then only the page is read).</summary>
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, int page, int size, int? total, CancellationToken ct)
    {
        var all = total ?? await ordered.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (all + size - 1) / size));
        return new(await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct), all, page, size);
    }

    /// <summary>The page of a list already in memory (e.g. ranked there), cut the same way.</summary>
    public static Paged<T> ToPage<T>(this IReadOnlyList<T> all, int page, int size)
    {
        page = Math.Clamp(page, 1, Math.Max(1, (all.Count + size - 1) / size));
        // By index, not Skip: a list whose rows are made when read then makes only the page's.
        var rows = new List<T>(size);
        for (var i = (page - 1) * size; i < Math.Min(all.Count, page * size); i++) rows.Add(all[i]);
        return new(rows, all.Count, page, size);
    }
}
