using System.Globalization;
using System.Text;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// The name an uploaded file is stored and offered under: the person's own name, cleaned, with the extension of the
/// format its content was found to be, so <c>plan.html</c> holding a PDF is kept and downloaded as <c>plan.pdf</c>.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 100;
    private const string Fallback = "file";

    // Not allowed in a file name on Windows or macOS; the download would be renamed or refused there.
    private const string Reserved = "/\\:*?\"<>|";

    /// <summary>A NUL cuts a name short in every API below .NET, so such a name is refused rather than guessed at.</summary>
    public static bool HasNul(string? uploaded) => uploaded?.Contains('\0', StringComparison.Ordinal) == true;

    public static string Normalise(string? uploaded, FileFormat format)
    {
        // Some browsers send the whole path ("C:\Users\li\plan.pdf"); the name is its last segment.
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];

        // Control and format characters go, bidi overrides (U+202E) and zero-width ones among them: they let a name
        // show something else than it is ("gpj.exe" read backwards). Unpaired surrogates and private-use characters go too;
        // a run of spaces of any kind becomes one.
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar || rune.IsBmp && Reserved.Contains((char)rune.Value, StringComparison.Ordinal)) continue;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.PrivateUse:
                    continue;
                case UnicodeCategory.SpaceSeparator:
                    if (kept.Length > 0 && kept[^1] != ' ') kept.Append(' ');
                    continue;
                default:
                    kept.Append(rune.ToString());
                    break;
            }
        }
        name = kept.ToString().Normalize(NormalizationForm.FormC).Trim();

        // The person's extension, if it looks like one, gives way to the one of the content.
        var dot = name.LastIndexOf('.');
        if (dot >= 0 && name.Length - dot - 1 is >= 1 and <= 10 && name[(dot + 1)..].All(char.IsAsciiLetterOrDigit)) name = name[..dot];
        var extension = FileFormats.Extension(format);
        var stem = Bound(Trim(name), MaxLength - extension.Length);
        return (stem.Length == 0 ? Fallback : stem) + extension;
    }

    private static string Trim(string name) => name.Trim().Trim('.').Trim();

    // Cut between whole characters (an emoji or a letter with its accents stays whole), then trim what the cut left at the end.
    private static string Bound(string stem, int max)
    {
        if (stem.Length <= max) return stem;
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext() && length + elements.GetTextElement().Length <= max)
            length += elements.GetTextElement().Length;
        return Trim(stem[..length]);
    }
}
