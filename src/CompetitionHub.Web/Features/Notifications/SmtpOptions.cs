using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Notifications;

public enum SmtpSecurity { None, StartTls, SslOnConnect, Auto }

/// <summary>The mail server, bound from "Smtp". Without a Host, mail goes to the pickup folder instead.</summary>
public sealed class SmtpOptions : ISettings
{
    public static string Section => "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "noreply@competitionhub.local";

    [Required]
    public string FromName { get; set; } = "吉林双创赛事平台";

    /// <summary>
    /// How long one SMTP command may wait for the server. MailKit's own default is two minutes, during which a server
    /// that stopped answering holds a background worker and the rows that worker claimed.
    /// </summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesServer => !string.IsNullOrWhiteSpace(Host);
}
