using CompetitionHub.Web.Data;
using MimeKit;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>
/// The embedded default when no SMTP server is configured: each message becomes <c>&lt;Message-Id&gt;.eml</c> in the
/// pickup folder, where a person or a local mail tool can open it.
/// </summary>
internal sealed class PickupFolderTransport(DataPaths paths) : IMailTransport
{
    public string Destination => paths.MailPickup;

    public Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(paths.MailPickup);
        return Task.FromResult<IMailSession>(new Session(paths.MailPickup));
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            // Written under a name no reader looks for, then moved: a reader never sees half a file,
            // and a resend of the same message replaces the earlier copy instead of adding one.
            var target = Path.Combine(folder, $"{message.MessageId}.eml");
            var temporary = Path.Combine(folder, $".{message.MessageId}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var stream = File.Create(temporary))
                    await message.WriteToAsync(stream, ct);
                File.Move(temporary, target, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
