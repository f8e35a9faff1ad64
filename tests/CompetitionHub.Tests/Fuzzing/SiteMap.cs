using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>One control of a form as the page holds it (type as in HTML: text, hidden, checkbox, select, textarea, file…).</summary>
public sealed record FieldSpec(string Name, string Type, string Value, bool Checked, int? MaxLength, bool Required,
    IReadOnlyList<string> Options, bool Multiple, string? Min, string? Max, string? Accept)
{
    public bool IsText => Type is "text" or "textarea" or "search" or "email" or "tel" or "url" or "password";
    public bool IsNumber => Type == "number" || (Type is "hidden" or "select" && long.TryParse(Value, out _));
    public bool IsDate => Type is "date" or "datetime-local" or "month" or "time";
    /// <summary>A checkbox that says yes or no (value "true", with its hidden "false"), not one item of a list.</summary>
    public bool IsBoolean => Type == "checkbox" && Value.Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>One value out of those offered: a select, radio buttons, or the items of a checkbox list.</summary>
    public bool IsChoice => Type is "select" or "radio" || (Type == "checkbox" && !IsBoolean);
}

/// <summary>A form found on a page: where it posts, how, its controls and its own antiforgery token.</summary>
public sealed record FormSpec(string Role, string Page, string Method, string Action, string Enctype, IReadOnlyList<FieldSpec> Fields,
    string? Token)
{
    public bool IsMultipart => Enctype.Contains("multipart", StringComparison.OrdinalIgnoreCase);

    /// <summary>Method, route shape and field names: two forms with the same target are the same form.</summary>
    public string Target => $"{Method} {FuzzRun.Shape(Action)} {{{string.Join(",", Fields.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal))}}}";

    /// <summary>Forms that end something (a session, an account, a record): fuzzed after the others of their role.</summary>
    public bool Destructive => Action.Contains("logout", StringComparison.Ordinal) || new[]
        { "delete", "remove", "withdraw", "cancel", "unassign", "leave", "lock", "decline", "revoke", "unpublish", "leader" }
        .Any(w => Action.Split('?')[0].Split('/').Any(s => s.Contains(w, StringComparison.Ordinal)));
}

/// <summary>A page fetched while crawling, with the links it holds.</summary>
public sealed record CrawledPage(string Role, string Url, HttpStatusCode Status, string? ContentType);

/// <summary>
/// Walks the site as a signed-in person does, following links from the navigation, and keeps every form (one per
/// target) and every URL seen. Each shape of URL is opened a few times, not once per record.
/// </summary>
public sealed class SiteMap
{
    private const int PagesPerShape = 12;
    private const int PagesPerRole = 600;
    private static readonly HtmlParser Parser = new();

    public List<FormSpec> Forms { get; } = [];
    public List<CrawledPage> Pages { get; } = [];

    public static readonly string[] CommonStarts =
    [
        "/", "/activity-week", "/account/login", "/account/register", "/account/forgot-password", "/account/resend-confirmation",
        "/account/reset-password?userId=nobody&code=bad",
    ];

    public static readonly string[] SignedInStarts =
    [
        "/teams", "/entries", "/entries/new", "/my/tickets", "/matchmaking/meetings", "/awards/mine", "/judging", "/judging/profile",
        "/matchmaking/projects", "/matchmaking/profile", "/organizer", "/manage/contests", "/manage/contests/new", "/manage/matchmaking",
        "/admin/users",
    ];

    public async Task CrawlAsync(FuzzClient client, IEnumerable<string> starts)
    {
        var queue = new Queue<string>(starts);
        var seen = new HashSet<string>(queue);
        var perShape = new Dictionary<string, int>();
        var targets = Forms.Select(f => (f.Role, f.Target)).ToHashSet();
        var opened = 0;
        while (queue.Count > 0 && opened < PagesPerRole)
        {
            var url = queue.Dequeue();
            var shape = FuzzRun.Shape(url) + "?" + string.Join("&", QueryKeys(url));
            if (perShape.GetValueOrDefault(shape) >= PagesPerShape) continue;
            perShape[shape] = perShape.GetValueOrDefault(shape) + 1;
            opened++;

            var page = await client.GetAsync("GET " + FuzzRun.Shape(url), "crawl", url);
            Pages.Add(new CrawledPage(client.Role, url, page.Status, page.ContentType));
            if (page.Status != HttpStatusCode.OK || page.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true) continue;

            var document = Parser.ParseDocument(page.Body);
            foreach (var form in document.Forms)
            {
                var spec = Read(client.Role, url, form);
                if (spec is not null && targets.Add((spec.Role, spec.Target))) Forms.Add(spec);
            }
            foreach (var anchor in document.QuerySelectorAll("a[href]"))
            {
                if (Local(anchor.GetAttribute("href"), client.Server) is { } next && seen.Add(next)) queue.Enqueue(next);
            }
        }
    }

    private static IEnumerable<string> QueryKeys(string url) =>
        url.Contains('?') ? url[(url.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal) : [];

    /// <summary>Same-site paths worth opening: not the job dashboard (a library's own pages), not fragments or scripts.</summary>
    private static string? Local(string? href, Uri server)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(server, href, out var uri) || uri.Authority != server.Authority) return null;
        var path = uri.PathAndQuery;
        return path.StartsWith("/hangfire", StringComparison.Ordinal) ? null : path;
    }

    /// <summary>The forms of a page as <see cref="CrawlAsync"/> reads them.</summary>
    public static List<FormSpec> FormsOf(string role, string page, string html) =>
        Parser.ParseDocument(html).Forms.Select(f => Read(role, page, f)).OfType<FormSpec>().ToList();

    private static FormSpec? Read(string role, string page, IHtmlFormElement form)
    {
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        if (!Uri.TryCreate(new Uri("http://x"), action, out var target) || target.Host != "x") return null;
        var fields = new List<FieldSpec>();
        string? token = null;
        var buttons = new List<(string Name, string Value, bool NoValidate)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name == "__RequestVerificationToken":
                    token = input.Value;
                    break;
                case IHtmlInputElement { Type: "submit" or "image" } button:
                    if (!button.IsDisabled) buttons.Add((button.Name ?? "", button.Value, button.HasAttribute("formnovalidate")));
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled && input.Type is not ("button" or "reset"):
                    fields.Add(new FieldSpec(input.Name, input.Type, input.Value, input.IsChecked, input.MaxLength > 0 ? input.MaxLength : null,
                        input.IsRequired, [], input.IsMultiple, input.GetAttribute("min"), input.GetAttribute("max"), input.GetAttribute("accept")));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    var options = select.Options.Select(o => o.Value).ToList();
                    var selected = select.Options.Where(o => o.IsSelected).Select(o => o.Value).ToList();
                    fields.Add(new FieldSpec(select.Name, "select", string.Join('\n', selected), false, null, select.IsRequired, options,
                        select.IsMultiple, null, null, null));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !area.IsDisabled:
                    fields.Add(new FieldSpec(area.Name, "textarea", area.Value, false, area.MaxLength > 0 ? area.MaxLength : null,
                        area.IsRequired, [], false, null, null, null));
                    break;
                case IHtmlButtonElement { Type: "submit" } button:
                    if (!button.IsDisabled) buttons.Add((button.Name ?? "", button.Value, button.HasAttribute("formnovalidate")));
                    break;
            }
        }
        // The button a person presses: the first that validates (an "add a row" button does not save); a named one sends
        // its value, and the values of its siblings are the other choices (approve / reject…), fuzzed like a select.
        var pressed = buttons.FirstOrDefault(b => !b.NoValidate);
        if (pressed.Name is { Length: > 0 })
            fields.Add(new FieldSpec(pressed.Name, "select", pressed.Value, false, null, true,
                buttons.Where(b => b.Name == pressed.Name).Select(b => b.Value).ToList(), false, null, null, null));
        var method = string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
        return new FormSpec(role, page, method, target.PathAndQuery, form.GetAttribute("enctype") ?? "application/x-www-form-urlencoded",
            fields, token);
    }
}
