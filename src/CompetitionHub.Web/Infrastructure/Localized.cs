using System.Globalization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>Contest data is kept in both languages; this picks the one the reader asked for.</summary>
public static class Localized
{
    public static string Pick(string chinese, string? english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrEmpty(english) ? english : chinese;
}
