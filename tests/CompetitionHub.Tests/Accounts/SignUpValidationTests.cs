using System.Net;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Accounts;

public sealed class SignUpValidationTests(SignUpValidationTests.Host host) : IClassFixture<SignUpValidationTests.Host>
{
    public sealed class Host : AppFactory;

    private const string Script = "<script>alert(1)</script>";
    private static readonly string TenKb = new('x', 10 * 1024);

    /// <summary>Case name, display name, email ("{new}" = a fresh valid address), password, confirmation, zh-CN and en messages.</summary>
    public static TheoryData<string, string, string, string, string, string, string> BadInput => new()
    {
        { "empty", "", "", "", "", "请填写显示名称。", "Please enter a display name." },
        { "empty", "", "", "", "", "请填写邮箱地址。", "Please enter your email address." },
        { "empty", "", "", "", "", "请填写密码。", "Please enter a password." },
        { "whitespace", "   ", "{new}", "Secret123", "Secret123", "请填写显示名称。", "Please enter a display name." },
        { "long name", new string('名', 51), "{new}", "Secret123", "Secret123", "显示名称不能超过 50 个字符。", "The display name can be at most 50 characters long." },
        { "long email", "张三", new string('a', 250) + "@example.com", "Secret123", "Secret123", "邮箱地址不能超过 256 个字符。", "The email address can be at most 256 characters long." },
        { "malformed email", "张三", "not-an-email", "Secret123", "Secret123", "邮箱地址格式不正确。", "The email address is not valid." },
        { "weak password", "张三", "{new}", "abc", "abc", "密码至少需要 8 个字符。", "Passwords must be at least 8 characters." },
        { "no digit", "张三", "{new}", "abcdefgh", "abcdefgh", "密码必须包含至少一个数字。", "Passwords must have at least one digit ('0'-'9')." },
        { "mismatch", "张三", "{new}", "Secret123", "Secret124", "两次输入的密码不一致。", "The two passwords do not match." },
        { "10 KB", TenKb, TenKb, TenKb, TenKb, "显示名称不能超过 50 个字符。", "The display name can be at most 50 characters long." },
        { "10 KB", TenKb, TenKb, TenKb, TenKb, "密码不能超过 100 个字符。", "The password can be at most 100 characters long." },
        { "script name", Script, "{new}", "Secret123", "Secret123", "显示名称不能包含尖括号。", "The display name cannot contain angle brackets." },
        { "script email", "张三", Script, "Secret123", "Secret123", "邮箱地址格式不正确。", "The email address is not valid." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Register_ShowsLocalizedErrorAndCreatesNoUser_WhenInputIsBad(
        string name, string displayName, string email, string password, string confirm, string zh, string en)
    {
        foreach (var (culture, expected) in new[] { ((string?)null, zh), ("en", en) })
        {
            var sent = email == "{new}" ? TestUsers.NewEmail("bad") : email;
            var usersBefore = await host.WithDbAsync(db => db.Users.CountAsync());
            var client = host.CreateFormClient(culture);

            var response = await client.PostFormAsync("/account/register",
                ("DisplayName", displayName), ("Email", sent), ("Password", password), ("ConfirmPassword", confirm));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name} ({culture}): {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(expected, WebUtility.HtmlDecode(html));
            Assert.DoesNotContain(Script, html);
            if (displayName == Script || email == Script)
                Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Equal(usersBefore, await host.WithDbAsync(db => db.Users.CountAsync()));
            Assert.Equal(0, await host.WithDbAsync(db => db.Notifications.CountAsync(n => n.Recipient == sent)));
        }
    }

    [Fact]
    public async Task Register_KeepsWhatWasTypedButNotThePasswords_WhenFormIsRedisplayed()
    {
        var email = TestUsers.NewEmail("keep");
        var client = host.CreateFormClient();

        var response = await client.PostFormAsync("/account/register",
            ("DisplayName", "李四"), ("Email", email), ("Password", "Secret123"), ("ConfirmPassword", "Different1"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"李四\"", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.DoesNotContain("Secret123", html);
        Assert.DoesNotContain("Different1", html);
    }
}
