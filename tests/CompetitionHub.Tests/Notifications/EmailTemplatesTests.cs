using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;

namespace CompetitionHub.Tests.Notifications;

public sealed class EmailTemplatesTests
{
    private readonly EmailTemplates templates = new();

    [Theory]
    [InlineData("account-confirm")]
    [InlineData("password-reset")]
    [InlineData("team-invitation")]
    [InlineData("entry-submitted")]
    [InlineData("entry-deadline-reminder")]
    public async Task RenderAsync_EscapesValuesInHtmlOnly_ForEveryTemplateAndCulture(string template)
    {
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var email = await templates.RenderAsync(template, culture, """{"displayName":"A & <B>","link":"https://x.example/?a=1&b=2"}""");

            Assert.NotEmpty(email.Subject);
            Assert.Contains("A & <B>", email.Text);
            Assert.Contains("https://x.example/?a=1&b=2", email.Text);
            Assert.Contains("A &amp; &lt;B&gt;", email.Html);
            Assert.Contains("https://x.example/?a=1&amp;b=2", email.Html);
            Assert.DoesNotContain("<B>", email.Html);
            Assert.StartsWith("<!DOCTYPE html>", email.Html);
        }
    }

    [Theory]
    [InlineData(AccountEmails.ConfirmTemplate, "link")]
    [InlineData(AccountEmails.ResetTemplate, "link")]
    [InlineData(AccountEmails.ExistsTemplate, "signInLink")]
    public async Task RenderAsync_HasItsOwnChineseAndEnglishText_ForEveryAccountEmail(string template, string linkField)
    {
        var model = $$"""{"displayName":"李创业","{{linkField}}":"https://hub.example/x","resetLink":"https://hub.example/r"}""";

        var zh = await templates.RenderAsync(template, "zh-CN", model);
        var en = await templates.RenderAsync(template, "en", model);

        Assert.Contains("https://hub.example/x", zh.Text);
        Assert.Contains("https://hub.example/x", en.Text);
        Assert.Contains("您好", zh.Text);
        Assert.Contains("Hello", en.Text);
        Assert.NotEqual(zh.Subject, en.Subject);
    }

    [Fact]
    public async Task RenderAsync_FallsBackToChinese_WhenTheCultureHasNoTemplate()
    {
        var email = await templates.RenderAsync("account-confirm", "fr", """{"displayName":"Zoé","link":"https://x.example"}""");

        Assert.Equal("请确认您的邮箱地址", email.Subject);
        Assert.Contains("lang=\"zh-CN\"", email.Html);
    }

    [Fact]
    public async Task RenderAsync_UsesTheNeutralCulture_WhenOnlyARegionalOneIsAsked()
    {
        var email = await templates.RenderAsync("password-reset", "en-US", """{"displayName":"Ann","link":"https://x.example"}""");

        Assert.Equal("Reset your password", email.Subject);
    }

    [Fact]
    public async Task RenderAsync_Throws_WhenTheTemplateDoesNotExist()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => templates.RenderAsync("no-such-template", "en", "{}"));
    }
}
