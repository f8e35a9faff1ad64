using CompetitionHub.Web.Infrastructure;
using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Admin;

public sealed record UserRow(string Id, string DisplayName, string Email, bool EmailConfirmed, IReadOnlyList<string> Roles,
    bool IsLocked, DateTime CreatedAt);

public sealed record UserPage(string Query, int Page, int PageCount, int Total, IReadOnlyList<UserRow> Users);

/// <summary>The Admin's user list: a search on email or display name, 20 to a page, with roles and lock state.</summary>
public sealed class FindUsers(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<UserPage> HandleAsync(string? query, int page, CancellationToken ct)
    {
        var q = (query ?? "").Trim();
        if (q.Length > 256) q = q[..256];

        var users = db.Users.AsNoTracking();
        if (q.Length > 0)
        {
            // Emails match on Identity's normalized (upper-case) column, so the search ignores case on every provider.
            var upper = q.ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(q));
        }

        var cut = await users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.LockoutEnd, u.CreatedAt })
            .ToPageAsync(page, PageSize, ct);
        var found = cut.Rows;

        var ids = found.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);

        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL; twenty rows are compared here instead.
        var now = clock.GetUtcNow();
        var rows = found.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.EmailConfirmed,
            rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(), u.LockoutEnd > now, u.CreatedAt)).ToList();
        return new UserPage(q, cut.Page, cut.Pages, cut.Total, rows);
    }
}
