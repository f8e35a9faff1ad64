using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>Identity's own messages (weak password, taken email, ...) in the reader's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), t["发生未知错误。"]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), t["数据已被他人修改，请刷新后重试。"]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), t["密码不正确。"]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), t["链接无效或已过期。"]);
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), t["该登录方式已关联其他账号。"]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), t["用户名“{0}”无效。", userName ?? ""]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), t["邮箱地址“{0}”无效。", email ?? ""]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), t["邮箱“{0}”已注册。", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), t["邮箱“{0}”已注册。", email]);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), t["角色名“{0}”无效。", role ?? ""]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), t["角色“{0}”已存在。", role]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), t["该用户已设置密码。"]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), t["该用户未启用锁定。"]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), t["用户已拥有角色“{0}”。", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), t["用户没有角色“{0}”。", role]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), t["密码至少需要 {0} 个字符。", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), t["密码至少需要包含 {0} 个不同的字符。", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), t["密码必须包含至少一个符号。"]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), t["密码必须包含至少一个数字。"]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), t["密码必须包含至少一个小写字母。"]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), t["密码必须包含至少一个大写字母。"]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), t["恢复码无效。"]);
}
