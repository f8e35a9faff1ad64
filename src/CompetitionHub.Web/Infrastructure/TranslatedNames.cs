namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Short names an organizer keeps as a list (a contest's industry fields, an event's tags) with their English beside them,
/// parallel by position. The Chinese name stays the stored key everywhere (entries, profiles, filters); only what a person
/// reads changes, and a missing or blank English name shows the Chinese one.
/// </summary>
public sealed class TranslatedNames
{
    public static readonly TranslatedNames None = new([], []);

    private readonly Dictionary<string, string> english = new(StringComparer.Ordinal);

    public TranslatedNames(IReadOnlyList<string> chinese, IReadOnlyList<string> englishByPosition)
    {
        for (var i = 0; i < chinese.Count && i < englishByPosition.Count; i++)
            if (!string.IsNullOrWhiteSpace(englishByPosition[i])) english.TryAdd(chinese[i], englishByPosition[i].Trim());
    }

    private TranslatedNames(IEnumerable<TranslatedNames> lists)
    {
        foreach (var list in lists)
            foreach (var (key, value) in list.english) english.TryAdd(key, value);
    }

    /// <summary>Names gathered across several lists (industries across contests): the first English given for a name wins.</summary>
    public static TranslatedNames Across(IEnumerable<TranslatedNames> lists) => new(lists);

    /// <summary>The name for the reader's language.</summary>
    public string Show(string chinese) => Localized.Pick(chinese, english.GetValueOrDefault(chinese));

    /// <summary>The English name whatever the reader's language, for the English side of a bilingual record.</summary>
    public string English(string chinese) => english.GetValueOrDefault(chinese) ?? chinese;

    /// <summary>
    /// Lines the English list up with the Chinese one as the organizer typed them, then drops repeated Chinese names
    /// (keeping each one's first English), so a duplicate cannot shift the English of the names after it.
    /// Trailing blanks are not kept: they translate nothing.
    /// </summary>
    public static (List<string> Chinese, List<string> English) Align(IReadOnlyList<string> chinese, IReadOnlyList<string> english,
        IEqualityComparer<string> comparer, int max = int.MaxValue)
    {
        var seen = new HashSet<string>(comparer);
        List<string> keptChinese = [], keptEnglish = [];
        for (var i = 0; i < chinese.Count && keptChinese.Count < max; i++)
        {
            if (!seen.Add(chinese[i])) continue;
            keptChinese.Add(chinese[i]);
            keptEnglish.Add(i < english.Count ? english[i].Trim() : "");
        }
        while (keptEnglish.Count > 0 && keptEnglish[^1].Length == 0) keptEnglish.RemoveAt(keptEnglish.Count - 1);
        return (keptChinese, keptEnglish);
    }

    /// <summary>Splits a typed list keeping blank items, which hold a position without translating it.</summary>
    public static List<string> SplitKeepingBlanks(string? text, char[] separators)
    {
        var items = (text ?? "").Replace("\r\n", "\n").Split(separators, StringSplitOptions.TrimEntries).ToList();
        while (items.Count > 0 && items[^1].Length == 0) items.RemoveAt(items.Count - 1);
        return items;
    }
}
