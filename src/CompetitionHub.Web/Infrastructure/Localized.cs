using System.Globalization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>Names and texts kept in both languages (contests, rounds, tracks, events): picks the one the reader asked for.</summary>
public static class Localized
{
    public static string Pick(string chinese, string? english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrEmpty(english) ? english : chinese;
}
