using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CompetitionHub.TestSupport;

/// <summary>
/// Posting forms the way a browser does: open the page, take one form from it, change only what a person can change
/// (text they type, options they pick, boxes they tick, files they choose) and send exactly that form's fields, its own
/// antiforgery token included, to its own action. A form that has no token, or that lacks a field a test wants to
/// fill, fails the test instead of being patched up here. Clients never follow redirects, so tests see where a post
/// sends them. What no browser sends (a tampered field, a missing token) goes through <see cref="PostTamperedAsync"/>.
/// </summary>
public static class FormPosting
{
    private const string TokenField = "__RequestVerificationToken";
    private static readonly HtmlParser Parser = new();

    /// <summary>A cookie-carrying client; <paramref name="culture"/> ("en") sets the culture cookie the app reads.</summary>
    public static HttpClient CreateFormClient(this AppFactory app, string? culture = null)
    {
        if (culture is null)
            return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var baseAddress = new Uri("http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        return app.CreateDefaultClient(baseAddress, new CookieContainerHandler(cookies));
    }

    /// <summary>
    /// Opens <paramref name="formPage"/> (default: <paramref name="url"/>), takes the form that posts to
    /// <paramref name="url"/> and whose fields can hold <paramref name="fields"/>, fills them in and submits it.
    /// When several forms post to the same address (one per track, say), the values of their hidden fields tell them
    /// apart, as the button a person clicks does.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null) =>
        client.PostFormAsync(url, fields, [], formPage);

    /// <summary>As above, with files chosen in the form's file inputs (the form must be multipart).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FormFile> files, string? formPage = null) =>
        await (await client.FillFormAsync(url, fields, files, formPage)).SubmitAsync();

    /// <summary>
    /// Fills in the form as <see cref="PostFormAsync(HttpClient, string, IEnumerable{KeyValuePair{string, string}}, string?)"/>
    /// does without sending it yet: a test can then send it twice (a double click) or after something changed (a stale tab).
    /// </summary>
    public static async Task<FilledForm> FillFormAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FormFile>? files = null, string? formPage = null)
    {
        var (page, pageUri) = await OpenAsync(client, formPage ?? url);
        return FillForm(client, page, pageUri, url, fields.ToList(), files?.ToList() ?? []);
    }

    /// <summary>As above, with the form taken from a page a request has already answered (the preview a post shows, say).</summary>
    public static async Task<FilledForm> FillFormAsync(this HttpClient client, HttpResponseMessage page, string url,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FormFile>? files = null)
    {
        if (page.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The form page answered {(int)page.StatusCode}.");
        var html = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        return FillForm(client, html, page.RequestMessage!.RequestUri!, url, fields.ToList(), files?.ToList() ?? []);
    }

    private static FilledForm FillForm(HttpClient client, IDocument page, Uri pageUri, string url,
        List<KeyValuePair<string, string>> values, List<FormFile> files)
    {
        var target = Resolve(pageUri, url);
        var candidates = page.Forms.SelectMany(f => Submitters(f).Select(b => (Form: f, Button: b)))
            .Where(c => ActionOf(c.Form, c.Button, pageUri) == target && IsPost(c.Form, c.Button))
            .ToList();
        if (candidates.Count == 0)
            throw new InvalidOperationException($"No form on {pageUri} posts to {url}.{Describe(page)}");
        var fitting = candidates.FirstOrDefault(c => Misfit(c.Form, c.Button, values) is null);
        if (fitting.Form is null)
            throw new InvalidOperationException($"No form on {pageUri} that posts to {url} takes these values: "
                + string.Join("; ", candidates.Select(c => Misfit(c.Form, c.Button, values))) + Describe(page));
        return Fill(client, fitting.Form, fitting.Button, pageUri, values, files);
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        params (string Name, string Value)[] fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Opens <paramref name="pageUrl"/>, takes the form matching the CSS <paramref name="selector"/>, fills it in and submits it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, string selector,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FormFile>? files = null)
    {
        var (page, pageUri) = await OpenAsync(client, pageUrl);
        var form = page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches {selector} on {pageUri}.{Describe(page)}");
        var values = fields.ToList();
        var button = Submitters(form).FirstOrDefault(b => Misfit(form, b, values) is null);
        if (Misfit(form, button, values) is { } misfit)
            throw new InvalidOperationException($"The form {selector} on {pageUri} does not take these values: {misfit}");
        return await Fill(client, form, button, pageUri, values, files?.ToList() ?? []).SubmitAsync();
    }

    /// <summary>
    /// What an attacker or a broken client sends: exactly <paramref name="fields"/> (nothing added, nothing checked
    /// against the form), with the antiforgery token of the form on <paramref name="formPage"/> that posts to
    /// <paramref name="url"/>, so the request passes antiforgery and reaches the action.
    /// </summary>
    public static async Task<HttpResponseMessage> PostTamperedAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await TokenOfFormAsync(client, url, formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new(TokenField, token))));
    }

    /// <summary>As above, with the fields written out in order (duplicates kept) after the address of the form's page.</summary>
    public static Task<HttpResponseMessage> PostTamperedAsync(this HttpClient client, string url, string formPage,
        params (string Name, string Value)[] fields) =>
        client.PostTamperedAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), formPage);

    /// <summary>
    /// As <see cref="PostTamperedAsync(HttpClient, string, IEnumerable{KeyValuePair{string, string}}, string?)"/>, sent as
    /// multipart/form-data (an upload form's encoding, or one a form without enctype never uses), with an optional file.
    /// </summary>
    public static async Task<HttpResponseMessage> PostTamperedMultipartAsync(this HttpClient client, string url, string formPage,
        IEnumerable<(string Name, string Value)> fields, FormFile? file = null)
    {
        var token = await TokenOfFormAsync(client, url, formPage);
        using var content = Multipart(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(TokenField, token)),
            file is null ? [] : [file]);
        return await client.PostAsync(url, content);
    }

    /// <summary>
    /// A multipart body framed as Chromium frames it: no content type on plain fields, the file name as UTF-8 in
    /// filename="…" with only '"', CR and LF percent-escaped (HTML's multipart encoding), and no filename*.
    /// </summary>
    internal static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FormFile> files)
    {
        var content = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        foreach (var (name, value) in fields)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(value));
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{Escape(name)}\"");
            content.Add(part);
        }
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{Escape(file.Field)}\"; filename=\"{Escape(file.FileName)}\"");
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part);
        }
        return content;

        static string Escape(string value) =>
            value.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>
    /// The antiforgery token of the form on <paramref name="formPage"/> (default: <paramref name="url"/>) that posts to
    /// <paramref name="url"/>; where none does (the page an attacker can open has no such form), that of any form there.
    /// </summary>
    public static async Task<string> TokenOfFormAsync(this HttpClient client, string url, string? formPage = null)
    {
        var (page, pageUri) = await OpenAsync(client, formPage ?? url);
        var target = Resolve(pageUri, url);
        var form = page.Forms.FirstOrDefault(f => Submitters(f).Any(b => ActionOf(f, b, pageUri) == target))
            ?? page.Forms.FirstOrDefault(f => TokenOf(f) is not null)
            ?? throw new InvalidOperationException($"No form on {pageUri} posts to {url}.{Describe(page)}");
        return TokenOf(form) ?? throw new InvalidOperationException($"The form on {pageUri} that posts to {url} has no antiforgery token.");
    }

    /// <summary>Signs in through the real login form; the client then carries the auth cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        await client.PostFormAsync("/account/login", ("Email", email), ("Password", password));

    /// <summary>Signs in and fails loudly if the app did not redirect (i.e. re-showed the form with an error).</summary>
    public static async Task SignInOrThrowAsync(this HttpClient client, string email, string password)
    {
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
    }

    /// <summary>The antiforgery token inside the form matching <paramref name="selector"/> in <paramref name="html"/>, if it has one.</summary>
    public static string? AntiforgeryToken(string html, string selector) =>
        Parser.ParseDocument(html).QuerySelector(selector) is IHtmlFormElement form ? TokenOf(form) : null;

    private static async Task<(IDocument Page, Uri Uri)> OpenAsync(HttpClient client, string pageUrl)
    {
        var response = await client.GetAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The form page {pageUrl} answered {(int)response.StatusCode}.");
        var uri = response.RequestMessage?.RequestUri ?? new Uri(client.BaseAddress!, pageUrl);
        return (await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()), uri);
    }

    private static FilledForm Fill(HttpClient client, IHtmlFormElement form, IElement? button,
        Uri pageUri, List<KeyValuePair<string, string>> values, List<FormFile> files)
    {
        Fill(form, button, values);
        var action = ActionOf(form, button, pageUri);
        var multipart = string.Equals(button?.GetAttribute("formenctype") ?? form.GetAttribute("enctype"),
            "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && files.Count > 0)
            throw new InvalidOperationException($"The form posting to {action} takes no files (not multipart).");
        var fileInputs = Controls(form).OfType<IHtmlInputElement>().Where(i => i.Type == "file" && !i.IsDisabled).Select(i => i.Name).ToHashSet();
        if (files.FirstOrDefault(f => !fileInputs.Contains(f.Field)) is { } stray)
            throw new InvalidOperationException($"The form posting to {action} has no file input {stray.Field}.");
        return new FilledForm(client, action, DataSet(form, button), multipart, files);
    }

    /// <summary>
    /// Why a person cannot send <paramref name="values"/> by filling in <paramref name="form"/> and clicking
    /// <paramref name="button"/>, or null when they can. A value for the button's own name is the click itself.
    /// </summary>
    private static string? Misfit(IHtmlFormElement form, IElement? button, List<KeyValuePair<string, string>> values)
    {
        var controls = Controls(form).Where(c => c is not IHtmlButtonElement && c is not IHtmlInputElement { Type: "submit" or "image" }).ToList();
        foreach (var group in values.GroupBy(v => v.Key))
        {
            if (button is not null && Name(button) == group.Key)
            {
                var clicked = button.GetAttribute("value") ?? "";
                if (group.Any(v => v.Value != clicked)) return $"the button {group.Key} sends '{clicked}'";
                continue;
            }
            var named = controls.Where(c => Name(c) == group.Key).ToList();
            if (named.Count == 0) return $"no field {group.Key}";
            var editable = named.Where(IsEditable).ToList();
            var fixedValues = named.OfType<IHtmlInputElement>().Where(i => i.Type is not ("checkbox" or "radio") && !IsEditable(i)).Select(i => i.Value)
                .Concat(named.OfType<IHtmlTextAreaElement>().Where(a => !IsEditable(a)).Select(a => a.Value)).ToList();
            foreach (var value in group.Select(v => v.Value))
            {
                if (editable.Count == 0 && !fixedValues.Contains(value)) return $"{group.Key} is fixed to '{string.Join(",", fixedValues)}', not '{value}'";
                if (editable.OfType<IHtmlSelectElement>().FirstOrDefault() is { } select && select.Options.All(o => o.Value != value))
                    return $"{group.Key} offers no option '{value}'";
                var boxes = editable.OfType<IHtmlInputElement>().Where(i => i.Type is "checkbox" or "radio").ToList();
                // "false" for a checkbox means leaving it unticked.
                if (boxes.Count > 0 && boxes.All(b => BoxValue(b) != value) && !(value == "false" && boxes.All(b => b.Type == "checkbox")))
                    return $"{group.Key} has no box with value '{value}'";
            }
            var typed = editable.Where(c => c is IHtmlTextAreaElement || c is IHtmlInputElement i && i.Type is not ("checkbox" or "radio" or "file")).Count();
            if (typed > 0 && group.Count() > typed) return $"{group.Key} has {typed} field(s), not {group.Count()}";
        }
        return null;
    }

    /// <summary>Does to the form what a person does: types into text fields, picks options, ticks boxes.</summary>
    private static void Fill(IHtmlFormElement form, IElement? button, List<KeyValuePair<string, string>> values)
    {
        var controls = Controls(form).Where(IsEditable).ToList();
        foreach (var group in values.Where(v => button is null || v.Key != Name(button)).GroupBy(v => v.Key))
        {
            var wanted = group.Select(v => v.Value).ToList();
            var named = controls.Where(c => Name(c) == group.Key).ToList();
            var typed = new Queue<string>(wanted);
            foreach (var control in named)
            {
                switch (control)
                {
                    case IHtmlSelectElement select:
                        foreach (var option in select.Options) option.IsSelected = wanted.Contains(option.Value);
                        break;
                    case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                        box.IsChecked = wanted.Contains(BoxValue(box));
                        break;
                    case IHtmlInputElement input when typed.Count > 0:
                        input.Value = typed.Dequeue();
                        break;
                    case IHtmlTextAreaElement area when typed.Count > 0:
                        area.Value = typed.Dequeue();
                        break;
                }
            }
        }
    }

    /// <summary>The form data set a browser builds (HTML's "constructing the entry list"), files left out.</summary>
    private static List<KeyValuePair<string, string>> DataSet(IHtmlFormElement form, IElement? button)
    {
        var data = new List<KeyValuePair<string, string>>();
        foreach (var control in Controls(form))
        {
            var name = Name(control);
            if (string.IsNullOrEmpty(name) || control.HasAttribute("disabled")) continue;
            switch (control)
            {
                case IHtmlButtonElement or IHtmlInputElement { Type: "submit" or "image" }:
                    if (control == button) data.Add(new(name, control.GetAttribute("value") ?? ""));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) data.Add(new(name, BoxValue(box)));
                    break;
                case IHtmlInputElement { Type: "file" or "reset" or "button" }:
                    break;
                case IHtmlInputElement input:
                    data.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    data.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement area:
                    data.Add(new(name, area.Value));
                    break;
            }
        }
        return data;
    }

    /// <summary>The form's controls in document order, those outside it that name it with form="…" included.</summary>
    private static IEnumerable<IElement> Controls(IHtmlFormElement form) =>
        form.Owner!.QuerySelectorAll("input, select, textarea, button").Where(e =>
            e.GetAttribute("form") is { } owner ? owner == form.Id : e.Closest("form") == form);

    /// <summary>
    /// The buttons that submit <paramref name="form"/>, the plain ones (no name of their own, such as 保存) first: a test
    /// that names no button clicks one of those. A form without a button is submitted by pressing Enter.
    /// </summary>
    private static IEnumerable<IElement?> Submitters(IHtmlFormElement form)
    {
        var buttons = Controls(form).Where(e => e is IHtmlButtonElement b ? b.Type == "submit" : e is IHtmlInputElement { Type: "submit" or "image" }).ToList();
        if (buttons.Count == 0) return [null];
        // A disabled button cannot be clicked, and Enter does not submit a form whose default button is disabled.
        return buttons.Where(b => !b.HasAttribute("disabled")).OrderBy(e => e.HasAttribute("name")).Cast<IElement?>().ToList();
    }

    private static string ActionOf(IHtmlFormElement form, IElement? button, Uri pageUri) =>
        Resolve(pageUri, button?.GetAttribute("formaction") ?? form.GetAttribute("action") ?? "");

    private static bool IsPost(IHtmlFormElement form, IElement? button) =>
        string.Equals(button?.GetAttribute("formmethod") ?? form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase);

    private static string Resolve(Uri pageUri, string url) =>
        (url.Length == 0 ? pageUri : new Uri(pageUri, url)).PathAndQuery;

    private static string? Name(IElement control) => control.GetAttribute("name");

    private static string BoxValue(IHtmlInputElement box) => box.GetAttribute("value") ?? "on";

    private static bool IsEditable(IElement control) =>
        !control.HasAttribute("disabled") && !control.HasAttribute("readonly")
        && control is IHtmlSelectElement or IHtmlTextAreaElement or IHtmlInputElement { Type: not ("hidden" or "submit" or "image" or "button" or "reset") };

    private static string? TokenOf(IHtmlFormElement form) =>
        Controls(form).OfType<IHtmlInputElement>().FirstOrDefault(i => i.Name == TokenField)?.Value;

    private static string Describe(IDocument page) =>
        " Forms there: " + string.Join(" | ", page.Forms.Select(f =>
            $"{f.GetAttribute("method") ?? "get"} {f.GetAttribute("action") ?? "(this page)"} [{string.Join(",", Controls(f).Select(Name).Where(n => n is not null).Distinct())}]"));
}

/// <summary>A form filled in on its page and ready to send, as often as a person clicks.</summary>
public sealed record FilledForm(HttpClient Client, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields, bool Multipart,
    IReadOnlyList<FormFile> Files)
{
    /// <summary>The value the form sends for <paramref name="name"/> (a hidden field's, say).</summary>
    public string? Value(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    public async Task<HttpResponseMessage> SubmitAsync()
    {
        using HttpContent content = Multipart ? FormPosting.Multipart(Fields, Files) : new FormUrlEncodedContent(Fields);
        return await Client.PostAsync(Action, content);
    }
}

/// <summary>A file a person chooses in a form's file input named <paramref name="Field"/>.</summary>
public sealed record FormFile(string Field, string FileName, byte[] Content, string ContentType = "application/octet-stream");
