using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>Sends through the configured SMTP server with MailKit, one connection per session.</summary>
internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    private readonly SmtpOptions smtp = options.Value;

    public string Destination => $"smtp://{smtp.Host}:{smtp.Port}";

    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Map(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.Username))
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct) => await client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
            {
                // Every message already accepted is recorded as sent; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
