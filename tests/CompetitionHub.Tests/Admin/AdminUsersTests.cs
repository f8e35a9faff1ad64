using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;

namespace CompetitionHub.Tests.Admin;

public sealed class AdminUsersTests(AdminUsersTests.Host host) : IClassFixture<AdminUsersTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<HttpClient> AdminAsync(string? culture = null)
    {
        var client = host.CreateFormClient(culture);
        await client.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        return client;
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return await client.GetStringAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Fact]
    public async Task Index_FindsUsersByEmailOrDisplayName_WhenAdminSearches()
    {
        var client = await AdminAsync();

        var byEmail = await client.GetStringAsync("/admin/users?q=ORGANIZER@demo");
        var byName = await client.GetStringAsync("/admin/users?q=" + Uri.EscapeDataString("王评委"));

        Assert.Contains(TestUsers.DemoOrganizer, byEmail);
        Assert.Contains("省科技厅赛事组", byEmail);
        Assert.Contains("组织者", byEmail);
        Assert.DoesNotContain(TestUsers.DemoContestant, byEmail);
        Assert.Contains(TestUsers.DemoJudge, byName);
        Assert.DoesNotContain(TestUsers.DemoOrganizer, byName);
    }

    [Fact]
    public async Task Index_ShowsTwentyUsersPerPage_WhenMoreMatch()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 23; i++)
            await host.CreateUserAsync($"page-{tag}-{i:D2}@example.com", "Secret123");
        var client = await AdminAsync();

        var first = await client.GetStringAsync($"/admin/users?q=page-{tag}");
        var second = await client.GetStringAsync($"/admin/users?q=page-{tag}&page=2");

        Assert.Equal(20, CountRows(first));
        Assert.Equal(3, CountRows(second));
        Assert.Contains($"page-{tag}-00@example.com", first);
        Assert.Contains($"page-{tag}-22@example.com", second);
        Assert.Contains("共 23 个用户", first);
    }

    private static int CountRows(string html) => html.Split("class=\"list-group-item user-row\"").Length - 1;

    [Fact]
    public async Task GrantAndRemoveRole_ChangeTheUsersRoles_WhenAdminPosts()
    {
        var email = TestUsers.NewEmail("roles");
        var user = await host.CreateUserAsync(email, "Secret123", "赵六", roles: Roles.Contestant);
        var client = await AdminAsync();
        var page = $"/admin/users?q={email}";

        var granted = await client.PostFormAsync("/admin/users/grant-role",
            [new("userId", user.Id), new("role", Roles.Judge), new("returnUrl", page)], formPage: page);
        var afterGrant = await FollowAsync(client, granted);

        Assert.Equal(page, granted.Headers.Location?.OriginalString);
        Assert.Contains("已为 赵六 授予角色“评委”。", afterGrant);
        Assert.Contains("data-role=\"Judge\"", afterGrant);
        Assert.Contains(Roles.Judge, await host.RolesOfAsync(email));

        var removed = await client.PostFormAsync("/admin/users/remove-role",
            [new("userId", user.Id), new("role", Roles.Judge), new("returnUrl", page)], formPage: page);

        Assert.Contains("已移除 赵六 的角色“评委”。", await FollowAsync(client, removed));
        Assert.Equal([Roles.Contestant], await host.RolesOfAsync(email));
    }

    [Fact]
    public async Task LockAndUnlock_RefuseThenAllowSignIn_WhenAdminPosts()
    {
        var email = TestUsers.NewEmail("locked");
        var user = await host.CreateUserAsync(email, "Secret123", "钱七");
        var client = await AdminAsync("en");

        var locked = await client.PostFormAsync("/admin/users/lock", [new("userId", user.Id)], formPage: "/admin/users");

        Assert.Contains("钱七 has been locked.", WebUtility.HtmlDecode(await FollowAsync(client, locked)));
        Assert.True((await host.FindUserAsync(email))!.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        var refused = await host.CreateFormClient().SignInAsync(email, "Secret123");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The same answer as a wrong password: a locked account does not tell a guesser that the address exists.
        Assert.Contains(AccountController.SignInRefused, await refused.Content.ReadAsStringAsync());

        var unlocked = await client.PostFormAsync("/admin/users/unlock", [new("userId", user.Id)], formPage: "/admin/users");

        Assert.Contains("钱七 has been unlocked.", WebUtility.HtmlDecode(await FollowAsync(client, unlocked)));
        Assert.Equal(HttpStatusCode.Redirect, (await host.CreateFormClient().SignInAsync(email, "Secret123")).StatusCode);
    }

    [Fact]
    public async Task RemoveRoleAndLock_AreRefused_WhenAdminTargetsThemselves()
    {
        var admin = (await host.FindUserAsync(TestUsers.DemoAdmin))!;
        var client = await AdminAsync();

        var removed = await client.PostTamperedAsync("/admin/users/remove-role",
            [new("userId", admin.Id), new("role", Roles.Admin)], formPage: "/admin/users");
        Assert.Contains("不能移除自己的管理员角色。", await FollowAsync(client, removed));

        var locked = await client.PostTamperedAsync("/admin/users/lock", [new("userId", admin.Id)], formPage: "/admin/users");
        Assert.Contains("不能锁定自己的账号。", await FollowAsync(client, locked));

        Assert.Contains(Roles.Admin, await host.RolesOfAsync(TestUsers.DemoAdmin));
        Assert.Null((await host.FindUserAsync(TestUsers.DemoAdmin))!.LockoutEnd);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task GrantRole_RefusesUnknownRole_WhenPostedByHand()
    {
        var email = TestUsers.NewEmail("unknown-role");
        var user = await host.CreateUserAsync(email, "Secret123");
        var client = await AdminAsync();

        var response = await client.PostTamperedAsync("/admin/users/grant-role",
            [new("userId", user.Id), new("role", "<b>Root</b>"), new("returnUrl", "https://evil.example/")], formPage: "/admin/users");

        Assert.Equal("/admin/users", response.Headers.Location?.OriginalString);
        Assert.Contains("未知角色。", await FollowAsync(client, response));
        Assert.Empty(await host.RolesOfAsync(email));
    }

    [Theory]
    [InlineData(TestUsers.DemoOrganizer)]
    [InlineData(TestUsers.DemoContestant)]
    public async Task Index_IsDenied_WhenUserIsNotAdmin(string email)
    {
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(email, TestUsers.DemoPassword);

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath());
    }

    [Fact]
    public async Task GrantRole_IsDeniedAndNotProcessed_WhenUserIsNotAdmin()
    {
        var target = TestUsers.NewEmail("target");
        var user = await host.CreateUserAsync(target, "Secret123");
        var client = host.CreateFormClient();
        await client.SignInOrThrowAsync(TestUsers.DemoOrganizer, TestUsers.DemoPassword);

        var response = await client.PostTamperedAsync("/admin/users/grant-role",
            [new("userId", user.Id), new("role", Roles.Admin)], formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath());
        Assert.Empty(await host.RolesOfAsync(target));
    }

    [Fact]
    public async Task Index_RedirectsToSignIn_WhenAnonymous()
    {
        var response = await host.CreateFormClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath());
    }

    [Fact]
    public async Task GrantRole_IsRejectedAndNotProcessed_WhenAntiforgeryTokenIsMissing()
    {
        var email = TestUsers.NewEmail("csrf-admin");
        var user = await host.CreateUserAsync(email, "Secret123");
        var client = await AdminAsync();

        var response = await client.PostAsync("/admin/users/grant-role", new FormUrlEncodedContent(
            [new("userId", user.Id), new("role", Roles.Admin)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.RolesOfAsync(email));
    }
}

internal static class LocationExtensions
{
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
}
