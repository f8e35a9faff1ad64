using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CompetitionHub.Tests.Notifications;

/// <summary>The embedded default: no SMTP server configured, mail lands in the data folder as .eml files.</summary>
public sealed class PickupFolderTests(PickupFolderTests.Host host) : IClassFixture<PickupFolderTests.Host>
{
    public sealed class Host : AppFactory;

    [Fact]
    public async Task SendDueNotifications_WritesAnEmlFileNamedByMessageId_WhenNoSmtpHostIsConfigured()
    {
        var queued = await host.QueueAsync("zhao.liu@example.com", "赵六", "password-reset", "en",
            new { displayName = "Zhao Liu", link = "https://hub.example/account/reset?code=9" });

        await host.WaitForRowAsync(queued.Id, n => n.Status == NotificationStatus.Sent, "sent");

        var folder = host.Services.GetRequiredService<DataPaths>().MailPickup;
        var file = Path.Combine(folder, $"{queued.MessageId}.eml");
        Assert.True(File.Exists(file), $"expected {file}");
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal(queued.MessageId, mail.MessageId);
        Assert.Equal("Reset your password", mail.Subject);
        Assert.Equal("zhao.liu@example.com", Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        Assert.Contains("https://hub.example/account/reset?code=9", mail.TextBody);
        Assert.Contains("Hello Zhao Liu", mail.HtmlBody);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
