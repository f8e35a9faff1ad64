using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Admin;

/// <summary>What an Admin did to an account, and the sentence that tells them.</summary>
public sealed record AccessChange(bool Succeeded, string Message);

/// <summary>
/// Role grants and removals, locks and unlocks, done by an Admin. An Admin can neither remove their own Admin role nor
/// lock their own account, so the system always keeps at least one Admin who can sign in.
/// </summary>
public sealed class ManageUserAccess(UserManager<AppUser> users, EndSessions sessions, IStringLocalizer<SharedResource> t,
    ILogger<ManageUserAccess> logger)
{
    public Task<AccessChange> GrantRoleAsync(string adminId, string userId, string role) =>
        ChangeAsync(userId, async user =>
        {
            if (!Roles.All.Contains(role)) return Fail(t["未知角色。"]);
            if (await users.IsInRoleAsync(user, role)) return Fail(t["{0} 已拥有角色“{1}”。", user.DisplayName, RoleLabel(role)]);
            var result = await users.AddToRoleAsync(user, role);
            if (!result.Succeeded) return Fail(result);
            // The person's open sessions end at once; they sign in again and get a cookie with the new role.
            await sessions.HandleAsync(user);
            logger.LogInformation("Admin {AdminId} granted role {Role} to user {UserId}", adminId, role, user.Id);
            return Done(t["已为 {0} 授予角色“{1}”。", user.DisplayName, RoleLabel(role)]);
        });

    public Task<AccessChange> RemoveRoleAsync(string adminId, string userId, string role) =>
        ChangeAsync(userId, async user =>
        {
            if (!Roles.All.Contains(role)) return Fail(t["未知角色。"]);
            if (user.Id == adminId && role == Roles.Admin) return Fail(t["不能移除自己的管理员角色。"]);
            if (!await users.IsInRoleAsync(user, role)) return Fail(t["{0} 没有角色“{1}”。", user.DisplayName, RoleLabel(role)]);
            var result = await users.RemoveFromRoleAsync(user, role);
            if (!result.Succeeded) return Fail(result);
            await sessions.HandleAsync(user);
            logger.LogInformation("Admin {AdminId} removed role {Role} from user {UserId}", adminId, role, user.Id);
            return Done(t["已移除 {0} 的角色“{1}”。", user.DisplayName, RoleLabel(role)]);
        });

    public Task<AccessChange> LockAsync(string adminId, string userId) =>
        ChangeAsync(userId, async user =>
        {
            if (user.Id == adminId) return Fail(t["不能锁定自己的账号。"]);
            if (!user.LockoutEnabled)
            {
                var enabled = await users.SetLockoutEnabledAsync(user, true);
                if (!enabled.Succeeded) return Fail(enabled);
            }
            // "Until further notice": the far future, so only an unlock lets the person back in.
            var result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            if (!result.Succeeded) return Fail(result);
            await sessions.HandleAsync(user);
            logger.LogWarning("Admin {AdminId} locked user {UserId}", adminId, user.Id);
            return Done(t["已锁定 {0}。", user.DisplayName]);
        });

    public Task<AccessChange> UnlockAsync(string adminId, string userId) =>
        ChangeAsync(userId, async user =>
        {
            var result = await users.SetLockoutEndDateAsync(user, null);
            if (!result.Succeeded) return Fail(result);
            await users.ResetAccessFailedCountAsync(user);
            logger.LogInformation("Admin {AdminId} unlocked user {UserId}", adminId, user.Id);
            return Done(t["已解锁 {0}。", user.DisplayName]);
        });

    /// <summary>The Chinese key of a role's label; views and messages show it through the localizer.</summary>
    public static string RoleKey(string role) => role switch
    {
        Roles.Admin => "管理员",
        Roles.Organizer => "组织者",
        Roles.Judge => "评委",
        Roles.Contestant => "参赛者",
        Roles.Investor => "投资人",
        _ => role,
    };

    private string RoleLabel(string role) => t[RoleKey(role)];

    private async Task<AccessChange> ChangeAsync(string userId, Func<AppUser, Task<AccessChange>> change)
    {
        var user = string.IsNullOrEmpty(userId) || userId.Length > 64 ? null : await users.FindByIdAsync(userId);
        return user is null ? Fail(t["未找到该用户。"]) : await change(user);
    }

    private static AccessChange Done(string message) => new(true, message);
    private static AccessChange Fail(string message) => new(false, message);
    private static AccessChange Fail(IdentityResult result) => new(false, string.Join(" ", result.Errors.Select(e => e.Description)));
}
