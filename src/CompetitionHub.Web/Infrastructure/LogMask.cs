using System.Text.RegularExpressions;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Email addresses as logs show them: enough to tell two apart when following a case (first letter and domain),
/// not enough to harvest them from a log file or a log service. Every log call that writes an address goes through here.
/// </summary>
public static partial class LogMask
{
    /// <summary><c>zhang@example.com</c> becomes <c>z***@example.com</c>.</summary>
    public static string Email(string? address)
    {
        if (string.IsNullOrEmpty(address)) return "";
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }

    /// <summary>Masks every address inside a text, such as a mail server's answer that repeats the recipient.</summary>
    public static string EmailsIn(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Address().Replace(text, m => Email(m.Value));

    [GeneratedRegex(@"[^\s<>()\[\],;:""']+@[^\s<>()\[\],;:""']+")]
    private static partial Regex Address();
}
