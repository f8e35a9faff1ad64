using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// The outcome of the last change, carried across its redirect (post/redirect/get) and shown once by the layout
/// (Views/Shared/_StatusMessage.cshtml): a success in green, a refusal in red. A message may be stored as its Chinese key
/// or already localized; the layout looks it up either way, so it reads in the reader's language.
/// </summary>
public static class StatusMessages
{
    public const string SuccessKey = "Message";
    public const string WarningKey = "Warning";
    public const string RefusedKey = "Error";
    public const string PlaceKey = "MessagePlace";

    public static void Success(this ITempDataDictionary tempData, string? message) => tempData[SuccessKey] = message;

    /// <summary>Done, but with something the person should look at (shown in yellow).</summary>
    public static void Warning(this ITempDataDictionary tempData, string? message) => tempData[WarningKey] = message;

    public static void Refused(this ITempDataDictionary tempData, string? message) => tempData[RefusedKey] = message;

    /// <summary>
    /// The change was made in one part of a long page (the entry's materials): the message is shown in that part, where
    /// the redirect's fragment lands, if the page has it (<c>&lt;partial name="_StatusMessage" model="place" /&gt;</c>);
    /// at the top otherwise.
    /// </summary>
    public static void Near(this ITempDataDictionary tempData, string place) => tempData[PlaceKey] = place;

    /// <summary>Green when <paramref name="succeeded"/>, red otherwise.</summary>
    public static void Outcome(this ITempDataDictionary tempData, bool succeeded, string? message)
    {
        if (succeeded) tempData.Success(message);
        else tempData.Refused(message);
    }
}
