namespace CompetitionHub.Web.Features.Accounts;

/// <summary>
/// Why a signed-in person was turned away from a page, in words: the page's area names whose work it is. The cookie
/// handler sends the refused page's path as the return URL; the answer is a Chinese key the view shows through the localizer.
/// </summary>
public static class AccessDeniedReason
{
    public static string For(string? returnUrl)
    {
        var path = (returnUrl ?? "").Split('?', '#')[0].ToLowerInvariant();
        bool Under(string area) => path == area || path.StartsWith(area + "/", StringComparison.Ordinal);
        if (Under("/admin") || Under("/hangfire")) return "此页面只供系统管理员使用。";
        if (Under("/manage") || Under("/organizer")) return "此页面只供赛事组织者和系统管理员使用；组织者由管理员指定。";
        if (Under("/judging")) return "此页面只供评审专家使用；接受赛事主办方的评委邀请后即可进入。";
        if (Under("/matchmaking/projects") || Under("/matchmaking/profile")) return "此页面只供投资人使用；投资人账号由主办方开通。";
        return "此页面只对负责该项工作的账号开放，您的账号没有相应的角色。";
    }
}
