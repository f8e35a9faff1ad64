using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;

namespace CompetitionHub.Web.Features.Notifications;

/// <summary>A rendered email: subject, plain-text part and HTML part.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// Renders the Liquid templates kept in Templates/ (embedded in the assembly, so they ship with every build).
/// One file per template and culture, e.g. <c>account-confirm.en.liquid</c>, captures <c>subject</c>, <c>text</c>
/// and <c>html</c>; the HTML is then wrapped in <c>_layout.liquid</c>. A missing culture falls back to zh-CN.
/// </summary>
public sealed class EmailTemplates
{
    public const string DefaultCulture = "zh-CN";
    private const string ResourcePrefix = "CompetitionHub.Web.Notifications.Templates.";

    // Chinese text stays readable in the HTML source; only markup characters are escaped.
    private static readonly TextEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();

    private readonly ConcurrentDictionary<string, IFluidTemplate?> cache = new();

    public async Task<RenderedEmail> RenderAsync(string template, string culture, string payloadJson)
    {
        var (body, resolvedCulture) = Find(template, culture)
            ?? throw new InvalidOperationException($"No email template '{template}' for culture '{culture}' or {DefaultCulture}.");
        var layout = Load("_layout") ?? throw new InvalidOperationException("The email layout _layout.liquid is missing.");
        var model = ToFluidModel(payloadJson);

        // Rendered twice: HTML-escaped for the HTML part, as is for the subject and the plain-text part.
        var htmlContext = NewContext(model, resolvedCulture);
        await body.RenderAsync(htmlContext, Html, isolateContext: false);
        htmlContext.SetValue("body", htmlContext.GetValue("html"));
        var html = await layout.RenderAsync(htmlContext, Html, isolateContext: false);

        var textContext = NewContext(model, resolvedCulture);
        await body.RenderAsync(textContext, NullEncoder.Default, isolateContext: false);
        var subject = string.Join(' ', textContext.GetValue("subject").ToStringValue()
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = textContext.GetValue("text").ToStringValue().Trim();

        if (subject.Length == 0 || text.Length == 0)
            throw new InvalidOperationException($"Email template '{template}.{resolvedCulture}' must capture subject, text and html.");
        return new RenderedEmail(subject, text + Environment.NewLine, html.Trim());
    }

    private (IFluidTemplate Template, string Culture)? Find(string template, string culture)
    {
        foreach (var candidate in Candidates(culture))
        {
            if (Load($"{template}.{candidate}") is { } found)
                return (found, candidate);
        }
        return null;
    }

    /// <summary>"en-US" tries en-US, then en, then zh-CN.</summary>
    private static IEnumerable<string> Candidates(string culture)
    {
        if (!string.IsNullOrWhiteSpace(culture))
        {
            yield return culture;
            var dash = culture.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
                yield return culture[..dash];
        }
        yield return DefaultCulture;
    }

    private IFluidTemplate? Load(string name) => cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream($"{ResourcePrefix}{n}.liquid");
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var parsed, out var error)
            ? parsed
            : throw new InvalidOperationException($"Email template {n}.liquid does not parse: {error}");
    });

    private static TemplateContext NewContext(IReadOnlyDictionary<string, object?> model, string culture)
    {
        var context = new TemplateContext(Options) { CultureInfo = CultureInfo.GetCultureInfo(culture) };
        foreach (var (key, value) in model)
            context.SetValue(key, value);
        context.SetValue("lang", culture);
        return context;
    }

    private static Dictionary<string, object?> ToFluidModel(string payloadJson)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(payloadJson) ? "{}" : payloadJson);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? (Dictionary<string, object?>)Convert(document.RootElement)!
            : [];
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
