using CompetitionHub.Web.Features.Notifications;
using MimeKit;

namespace CompetitionHub.Benchmarks.Notifications;

/// <summary>
/// The mail both sides of each comparison send: the account-confirm email, and a MimeMessage put together exactly as
/// <see cref="SendDueNotifications"/> does, so a baseline differs from the app only by what the app adds.
/// </summary>
internal static class SampleMail
{
    public const string Template = "account-confirm";

    public static string Recipient(int i) => $"bench{i}@example.com";

    public static string RecipientName(int i) => $"Bench User {i}";

    /// <summary>The model a use case hands to <c>Outbox.Queue</c>.</summary>
    public static object Model(int i) => new { displayName = RecipientName(i), link = $"https://hub.example/account/confirm/{i}?code=abcdef0123456789" };

    /// <summary>The same model as the JSON the outbox row stores.</summary>
    public static string PayloadJson(int i) =>
        System.Text.Json.JsonSerializer.Serialize(Model(i), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    /// <summary>Mirrors SendDueNotifications.BuildMessageAsync after rendering (with the default Smtp:From* options).</summary>
    public static MimeMessage Build(RenderedEmail email, int i)
    {
        var defaults = new SmtpOptions();
        var message = new MimeMessage
        {
            MessageId = $"{Guid.NewGuid():N}@competitionhub",
            Subject = email.Subject,
            Date = DateTimeOffset.UtcNow,
            Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(defaults.FromName, defaults.FromAddress));
        message.To.Add(new MailboxAddress(RecipientName(i), Recipient(i)));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
