using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Checks the sign-in cookie's security stamp against the account on every request, so a role change, a lock, a new
/// password or a sign-out ends every session at once. Identity's own validator would, on each check, also rebuild the
/// principal (roles, claims and role claims: three or more queries) and re-issue the cookie; here a check is one
/// primary-key read of two columns, and the cookie is left as it is.
/// </summary>
public static class SessionStamps
{
    private sealed record Account(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    // Compiled because it runs on every signed-in request: a compiled query skips the per-call work of finding the
    // query's translation, about half of what a read this small costs. A compiled query serves only the model it first
    // ran with, and each provider's context has its own, so there is one per model: a process may host an app per
    // provider (the benchmarks run SQLite and PostgreSQL side by side).
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, string, CancellationToken, Task<Account?>>> ReadAccount = [];

    private static Func<AppDbContext, string, CancellationToken, Task<Account?>> CompileReadAccount(IModel _) =>
        EF.CompileAsyncQuery((AppDbContext db, string userId, CancellationToken ct) =>
            db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new Account(u.SecurityStamp, u.LockoutEnd)).FirstOrDefault());

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var db = services.GetRequiredService<AppDbContext>();
        var account = userId is null ? null
            : await ReadAccount.GetValue(db.Model, CompileReadAccount)(db, userId, context.HttpContext.RequestAborted);
        if (account is not null && stamp is not null && account.SecurityStamp == stamp
            && (account.LockoutEnd is null || account.LockoutEnd <= DateTimeOffset.UtcNow))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>
/// The open hub connections of each signed-in person on this instance, so ending their sessions also closes what their
/// pages are listening on: a connection is authenticated once, at its start, and would otherwise outlive the session.
/// </summary>
public sealed class UserConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byUser = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.UserIdentifier is { Length: > 0 } userId)
            byUser.GetOrAdd(userId, _ => new())[context.Context.ConnectionId] = context.Context;
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.UserIdentifier is { Length: > 0 } userId && byUser.TryGetValue(userId, out var connections))
            connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Closes every hub connection the person has open here; their clients see the connection end.</summary>
    public void Abort(string userId)
    {
        if (!byUser.TryRemove(userId, out var connections)) return;
        foreach (var connection in connections.Values) connection.Abort();
    }
}
