using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// The one rule for text that people send, whatever the path (a form, a query, a hub argument, JSON): trimmed; control
/// characters removed except the line breaks and tabs a text area sends (CR LF becomes LF); bidi embeddings, overrides,
/// isolates and marks removed, since they only make stored text read differently from what it is. A NUL is refused
/// outright: nothing typed contains one, and stores and mail headers may cut the text there.
/// </summary>
public static class TextInput
{
    public const string NulMessage = "输入内容含有不允许的字符。";

    public static bool HasNul(string? text) => text is not null && text.Contains('\0');

    public static string Normalize(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                kept.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (!IsRemoved(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString().Trim();
    }

    private static bool IsRemoved(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\t'))
        || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' or '\uFEFF';
}

/// <summary><see cref="TextInput"/> for JSON: hub arguments and API bodies are read by the same rule as forms.</summary>
public sealed class TextInputJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null) return null;
        if (TextInput.HasNul(text)) throw new JsonException("Text may not contain NUL.");
        return TextInput.Normalize(text);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
