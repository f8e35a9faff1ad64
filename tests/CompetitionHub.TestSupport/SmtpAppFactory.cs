namespace CompetitionHub.TestSupport;

/// <summary>The application with its mail going to a real SMTP listener of its own on a loopback port.</summary>
public class SmtpAppFactory : AppFactory
{
    public SmtpAppFactory(string? dataPath = null) : base(dataPath)
    {
        // Started here, before the host is built, because the host needs the port in its configuration.
        Smtp = SmtpListener.StartNewAsync().GetAwaiter().GetResult();
        With("Smtp:Host", Smtp.Host);
        With("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A test that stops the listener may leave one worker waiting on a session cut mid-command: the others go on.
        With("Hangfire:WorkerCount", "4");
    }

    public SmtpListener Smtp { get; }

    public override async ValueTask DisposeAsync()
    {
        // The application first, so no sender is mid-message when the server goes.
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
