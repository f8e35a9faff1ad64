using System.Globalization;
using CompetitionHub.TestSupport;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests.Crawl;

public sealed record FormOption(string Value, bool Disabled, bool Selected);

public sealed record FormField(string Id, string Tag, string Type, string Name, string Value, bool Checked, bool Disabled, bool Visible,
    bool ReadOnly, string? Min, string? Max, string? Step, string Accept, bool Multiple, bool Required, IReadOnlyList<FormOption> Options,
    bool HasList, IReadOnlyList<string> Suggestions)
{
    /// <summary>The name without the form's prefix or an index: "Form.TieBreakers[2]" → "TieBreakers".</summary>
    public string ShortName => Regex.Replace(Name[(Name.LastIndexOf('.') + 1)..], @"\[\d*\]$", "");

    /// <summary>One of a numbered list of fields ("TieBreakers[0]", "[1]", …): each is optional, as the empty ones show.</summary>
    public bool InList => Regex.IsMatch(Name, @"\[\d+\]$");
}

/// <param name="FormAction">The button's own address (formaction), which overrides the form's.</param>
public sealed record FormButton(string Id, string Name, string Value, string Text, bool Disabled, bool Visible, string? FormAction);

/// <summary>A form as the page shows it: where it goes, what it holds, and the buttons a person could press.</summary>
public sealed record PageForm(int Index, string Id, string Action, string ResolvedAction, string Method, bool Visible,
    IReadOnlyList<FormField> Fields, IReadOnlyList<FormButton> Buttons)
{
    /// <summary>The layout's own forms (language, sign-out) are on every page; the crawl uses them on purpose, not per page.</summary>
    public bool IsLayoutForm => Path is "/culture" or "/account/logout";

    public string Path => new Uri(ResolvedAction).AbsolutePath;

    /// <summary>Where pressing <paramref name="button"/> sends the form.</summary>
    public string ActionOf(FormButton button) => button.FormAction is { Length: > 0 } own ? own : ResolvedAction;

    /// <summary>
    /// What the crawl sends once: the method, the address with its ids generalised, and the button pressed (a form with
    /// "save draft" and "submit", or "accept" and "decline", is two ways to send it).
    /// </summary>
    public string Signature(FormButton button) =>
        $"{Method.ToUpperInvariant()} {CrawlUrls.Pattern(ActionOf(button))}" +
        (button.Name.Length > 0 ? $" [{button.Name}={(CrawlUrls.IsId(button.Value) ? "{n}" : button.Value)}]" : "");

    /// <summary>The buttons a person can press: the enabled ones (one hidden until a script shows it is waited for).</summary>
    public IEnumerable<FormButton> UsableButtons => Buttons.Where(b => !b.Disabled);
}

/// <summary>Reads the forms of the page in the browser, and fills one in the way a person would before pressing its button.</summary>
public static partial class PageForms
{
    // Every form and its controls (including those outside it that name it with form="…"), tagged so each can be found again.
    private const string DescribeScript = """
        () => {
          const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
          return JSON.stringify([...document.forms].map((f, fi) => {
            const fields = [], buttons = [];
            [...f.elements].forEach((el, ei) => {
              const id = fi + '-' + ei;
              el.setAttribute('data-crawl-field', id);
              const tag = el.tagName.toLowerCase();
              const type = (el.getAttribute('type') || (tag === 'button' ? 'submit' : tag === 'input' ? 'text' : tag)).toLowerCase();
              if ((tag === 'button' && type === 'submit') || (tag === 'input' && (type === 'submit' || type === 'image'))) {
                buttons.push({ id, name: el.name || '', value: el.value || '', text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
                  disabled: el.matches(':disabled'), visible: visible(el), formAction: el.hasAttribute('formaction') ? el.formAction : null });
                return;
              }
              if (tag === 'button' || tag === 'fieldset' || tag === 'object' || tag === 'output') return;
              fields.push({ id, tag, type, name: el.name || '', value: el.value ?? '', checked: !!el.checked,
                disabled: el.matches(':disabled'), visible: visible(el), readOnly: !!el.readOnly,
                min: el.getAttribute('min'), max: el.getAttribute('max'), step: el.getAttribute('step'), accept: el.getAttribute('accept') || '',
                multiple: !!el.multiple, required: el.required, hasList: !!el.list, suggestions: el.list ? [...el.list.options].map(o => o.value) : [],
                options: tag === 'select' ? [...el.options].map(o => ({ value: o.value, disabled: o.disabled, selected: o.selected })) : [] });
            });
            return { index: fi, id: f.id || '', action: f.getAttribute('action') || '', resolvedAction: f.action,
              method: (f.getAttribute('method') || 'get').toLowerCase(), visible: visible(f), fields, buttons };
          }));
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<PageForm>> DescribeAsync(IPage page) =>
        JsonSerializer.Deserialize<List<PageForm>>(await page.EvaluateAsync<string>(DescribeScript), Json)!;

    /// <summary>
    /// Fills what a person would have to: empty text from the field's name, numbers and dates inside the field's own
    /// limits, the first real option of an unanswered list, one of a set of boxes where none is ticked, a small file of
    /// the kind the field accepts. What the page already holds (an edit form's values) is left as it is, and so are the
    /// optional refinements a person skips (limits, caps, weights, a list's further rows). Filter forms (GET) are sent
    /// as they stand. Returns what was typed or put in a file, so the crawl knows it as its own data.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FillAsync(IPage page, PageForm form, FormValues values)
    {
        var typed = new List<string>();
        if (form.Method == "get") return typed;
        var fields = form.Fields.Where(f => f.Visible && !f.Disabled && !f.ReadOnly && f.Name.Length > 0).ToList();
        foreach (var group in fields.Where(f => f.Type is "checkbox" or "radio").GroupBy(f => (f.Type, f.Name)))
        {
            // A single box is a yes/no the page already answers; a set with nothing chosen needs one (a radio always does).
            if (group.Any(f => f.Checked) || (group.Key.Type == "checkbox" && group.Count() < 2)) continue;
            await Field(page, group.First()).CheckAsync();
        }
        foreach (var field in fields.Where(f => f.Type is not ("checkbox" or "radio" or "hidden")))
        {
            var locator = Field(page, field);
            switch (field.Tag, field.Type)
            {
                case ("select", _):
                    // "请选择" is an empty value or 0; an optional list's further rows stay unchosen.
                    if (field.InList || field.Options.Any(o => o.Selected && !IsPlaceholder(o.Value))) break;
                    if (field.Options.FirstOrDefault(o => !o.Disabled && !IsPlaceholder(o.Value)) is { } first)
                        await locator.SelectOptionAsync(first.Value);
                    break;
                case (_, "file"):
                    var (file, content) = values.FileFor(field.Accept);
                    await locator.SetInputFilesAsync(file);
                    typed.AddRange(content);
                    break;
                case (_, "password"):
                    await locator.FillAsync(values.Password);
                    break;
                case (_, "range"):
                    await locator.FillAsync(values.Number(field));
                    break;
                case (_, "number") when field.Value.Length > 0 || (!field.Required && (field.InList || FormValues.IsOptional(field))):
                    break;
                default:
                    if (field.Value.Length > 0) break;
                    // A field that suggests its values (a datalist) takes the first, or stays empty when it has none.
                    var value = field.HasList ? field.Suggestions.FirstOrDefault() : values.For(field);
                    if (value is null) break;
                    await locator.FillAsync(value);
                    typed.Add(value);
                    break;
            }
        }
        return typed;
    }

    private static bool IsPlaceholder(string value) => value is "" or "0";

    public static ILocator Field(IPage page, FormField field) => page.Locator($"[data-crawl-field='{field.Id}']");

    public static ILocator Button(IPage page, FormButton button) => page.Locator($"[data-crawl-field='{button.Id}']");
}

/// <summary>The values the crawl types: plausible for each field's name, unique where the app wants them unique.</summary>
public sealed partial class FormValues(string role, DateTime today)
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private int counter;

    /// <summary>The address the crawl's own (anonymous) visitor signs up with, and enters wherever it is asked for its email.</summary>
    public string OwnEmail { get; } = $"crawl-{role.ToLowerInvariant()}@example.com";

    public string Password => "Crawl2026!pass";

    /// <summary>Whether email fields get the visitor's own address (signing up, resetting) or a new one (inviting someone).</summary>
    public bool UseOwnEmail { get; init; }

    private int Next() => Interlocked.Increment(ref counter);

    public string? For(FormField field)
    {
        var name = field.Name[(field.Name.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return field.Type switch
        {
            "email" => Email(),
            "number" => Number(field),
            "date" => (name.Contains("found", StringComparison.Ordinal) ? new DateTime(2024, 6, 1) : today.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "datetime-local" => DateTimeFor(name),
            "time" => "09:00",
            "tel" => "13900000000",
            _ => Text(name, field),
        };
    }

    private string Email() => UseOwnEmail ? OwnEmail : $"crawl-{role.ToLowerInvariant()}-{Next()}@example.com";

    private string DateTimeFor(string name)
    {
        var day = today.AddDays(30);
        var at = name.Contains("end", StringComparison.Ordinal) || name.Contains("close", StringComparison.Ordinal) ? day.AddHours(18) : day.AddHours(9);
        return at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    private string? Text(string name, FormField field)
    {
        var n = Next();
        if (name.Contains("email", StringComparison.Ordinal)) return Email();
        if (name.Contains("creditcode", StringComparison.Ordinal)) return CreditCodes.Jilin(900_000 + n);
        if (name.EndsWith("en", StringComparison.Ordinal) && name.Length > 2) return $"Crawl check {n}";
        if (name is "slug" or "code") return $"crawl-{n}";
        if (name.Contains("phone", StringComparison.Ordinal)) return "13900000000";
        if (name.Contains("year", StringComparison.Ordinal)) return today.Year.ToString(CultureInfo.InvariantCulture);
        if (name.Contains("seed", StringComparison.Ordinal)) return "20261201";
        if (name.Contains("ticket", StringComparison.Ordinal)) return "ABCDEFGH";
        if (name.Contains("company", StringComparison.Ordinal) || name.Contains("organization", StringComparison.Ordinal)) return $"吉林巡检科技有限公司{n}";
        if (name.Contains("venue", StringComparison.Ordinal)) return "长春市双创中心";
        if (name.Contains("affiliation", StringComparison.Ordinal)) return "吉林大学";
        if (name.Contains("industr", StringComparison.Ordinal) || name.Contains("expertise", StringComparison.Ordinal)) return "电子信息";
        if (name.Contains("tag", StringComparison.Ordinal)) return "巡检";
        if (name is "name" or "displayname" or "contactname" || name.Contains("fund", StringComparison.Ordinal)) return $"巡检{n}号";
        if (name.Contains("title", StringComparison.Ordinal)) return $"巡检项目{n}";
        if (field.Tag == "textarea" || name is "reason" or "note" or "comment" or "message" or "answer" or "text" or "summary" or "intro")
            return $"巡检说明{n}：请核对。";
        return $"巡检{n}";
    }

    /// <summary>A number inside the field's limits and step: four fifths of the way up, or 1 where nothing bounds it.</summary>
    public string Number(FormField field)
    {
        var min = Parse(field.Min);
        var max = Parse(field.Max);
        // Without a step attribute a number field takes whole numbers.
        var step = field.Step == "any" ? null : Parse(field.Step) is > 0 and var s ? s : field.Type == "number" ? 1 : (decimal?)null;
        var name = field.Name.ToLowerInvariant();
        decimal value;
        if (name.Contains("year", StringComparison.Ordinal)) value = today.Year;
        else if (min is { } lo && max is { } hi) value = lo + (hi - lo) * 0.8m;
        else value = Math.Max(min ?? 1, 1);
        if (step is { } st)
        {
            var origin = min ?? 0;
            value = origin + Math.Floor((value - origin) / st) * st;
        }
        return value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static decimal? Parse(string? s) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>A small valid file of a kind the field accepts, and the words in it (its name, a CSV's company).</summary>
    public (FilePayload File, IReadOnlyList<string> Content) FileFor(string accept)
    {
        var n = Next();
        if (accept.Contains(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var company = $"吉林巡检往届科技有限公司{n}";
            return (new FilePayload
            {
                Name = $"往届获奖{n}.csv", MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes($"统一社会信用代码,企业名称,年份,奖项\n{CreditCodes.Jilin(800_000 + n)},{company},2025,二等奖\n"),
            }, [company, $"往届获奖{n}.csv"]);
        }
        if (accept.Length > 0 && !accept.Contains("pdf", StringComparison.OrdinalIgnoreCase))
            return (new FilePayload { Name = $"巡检图片{n}.png", MimeType = "image/png", Buffer = Png }, [$"巡检图片{n}.png"]);
        return (new FilePayload { Name = $"巡检材料{n}.pdf", MimeType = "application/pdf", Buffer = Pdf }, [$"巡检材料{n}.pdf"]);
    }

    /// <summary>Numbers a person leaves empty unless they mean to restrict something: limits, caps, weights, a seed.</summary>
    public static bool IsOptional(FormField field) => OptionalNumber().IsMatch(field.ShortName);

    [GeneratedRegex("(Years|Cap|CapWanYuan|Capacity|Weight|WeightPercent|GraduationYear|Revenue|RevenueWan|SortOrder|MaxLoad|Seed)$", RegexOptions.IgnoreCase)]
    private static partial Regex OptionalNumber();
}
