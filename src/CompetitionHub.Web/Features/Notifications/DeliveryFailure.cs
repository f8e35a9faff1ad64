using System.Text.RegularExpressions;
using MailKit.Net.Smtp;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>What a failed send means for its row and for the rest of the batch.</summary>
public enum DeliveryFailure
{
    /// <summary>The server refused this recipient for good (a 5xx on RCPT TO about the address itself): the row fails now.</summary>
    RecipientRefused,

    /// <summary>
    /// This message was not taken (a 4xx on RCPT TO, a refusal of DATA, a quota or policy reply about one recipient):
    /// it is tried again later, and the connection goes on with the next message.
    /// </summary>
    MessageDeferred,

    /// <summary>
    /// The server refused our sender on MAIL FROM (a quota, a policy, a sender it does not know): every message of the
    /// batch would meet the same, so the batch stops and is tried again later.
    /// </summary>
    SenderRefused,

    /// <summary>No usable connection (refused, timed out, dropped, a 421, a reply out of protocol): stop, try again later.</summary>
    ConnectionLost,
}

/// <summary>
/// Reads a failed send. Only a refusal of the address itself is final: everything about the server, the sender, the
/// moment or the connection passes (a relay over its quota for a minute, down for a day), so it is retried until the
/// retry horizon.
/// </summary>
public static partial class DeliveryFailures
{
    public static DeliveryFailure Classify(Exception error) => error switch
    {
        // 421: the server is closing the connection, whatever command it answered.
        SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } => DeliveryFailure.ConnectionLost,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused when RefusesTheAddress(refused) => DeliveryFailure.RecipientRefused,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } => DeliveryFailure.MessageDeferred,
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } => DeliveryFailure.SenderRefused,
        _ => DeliveryFailure.ConnectionLost,
    };

    /// <summary>
    /// A 5xx whose enhanced status (RFC 3463), when the server gives one, is 5.1.x: a bad destination mailbox or address.
    /// Other 5.x.x replies to RCPT TO are about the mailbox's state (5.2.x: full, disabled), the system, the network or
    /// a policy (5.7.x: quotas, relaying), which change; so is a 5xx that names a 4.x.x status.
    /// </summary>
    private static bool RefusesTheAddress(SmtpCommandException refused)
    {
        if ((int)refused.StatusCode is < 500 or >= 600)
            return false;
        var enhanced = EnhancedStatus().Match(refused.Message);
        return !enhanced.Success || enhanced.Groups["class"].Value == "5" && enhanced.Groups["subject"].Value == "1";
    }

    [GeneratedRegex(@"^\s*(?<class>[245])\.(?<subject>\d{1,3})\.\d{1,3}\b")]
    private static partial Regex EnhancedStatus();
}
