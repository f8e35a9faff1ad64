using MimeKit;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// Where finished messages leave the application: an SMTP server, or the pickup folder when none is configured.
/// A session is opened once per batch so every message of the batch shares one connection.
/// </summary>
public interface IMailTransport
{
    /// <summary>Describes the destination for logs, e.g. "smtp://mail.example:587" or a folder path.</summary>
    string Destination { get; }

    Task<IMailSession> OpenAsync(CancellationToken ct);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the destination has accepted the message; throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
