using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>
/// Who the crawl is: a demo account (or nobody), where that person starts besides the home page, and a few pages the role
/// must not open (the app's refusal page is checked on them like any other page, and must answer 403).
/// </summary>
public sealed record CrawlRole(string Name, string? Email, IReadOnlyList<string> Seeds, IReadOnlyList<string>? Forbidden = null);

/// <summary>
/// A person clicking through the whole site in a real browser, once per role: opens the pages the navigation, the seeds
/// and the person's mail lead to (two of each kind), and on each page fills in and sends every form not sent yet, pressing
/// the form's own button and accepting its confirmation. The first pass is in Chinese; the second, in English, opens one
/// page of each kind again and sends the forms that appeared meanwhile; the forms that take something away (delete,
/// withdraw, unpublish, lock, …) wait for a last pass so they cannot cut the rest off. A form is sent once in the whole
/// crawl, by the first role that meets it. Every page is checked on the way (status, script errors, width, language) and
/// everything lands in the <see cref="CrawlReport"/>.
/// </summary>
public sealed partial class SiteCrawler(IBrowser browser, Uri baseAddress, AppFactory app, CrawlReport report, DateTime today)
{
    private const int Width = 1280;
    private const int MaxPagesPerPass = 200;

    /// <summary>
    /// Actions that take something away or hand it over, by the last segment of the form's address, in the order the last
    /// pass sends them: what removes a thing before what removes the person's own part in it (handing over the lead,
    /// leaving the team, giving up a contest), so the one does not hide the other.
    /// </summary>
    private static readonly string[] Destructive =
        ["delete", "remove", "remove-role", "withdraw", "unpublish", "revoke", "cancel", "decline", "lift", "lock", "leader", "leave", "unassign"];

    private readonly PageLanguage language = new(app);
    private readonly HashSet<string> done = [];
    /// <summary>Kinds of page (per language) an earlier role has opened: later roles open just one of each.</summary>
    private readonly HashSet<string> seenKinds = [];

    public async Task CrawlAsync(IReadOnlyList<CrawlRole> roles)
    {
        var clock = Stopwatch.StartNew();
        var people = new List<Person>();
        foreach (var role in roles) people.Add(await StartAsync(role));
        foreach (var person in people)
        {
            await ForbiddenAsync(person);
            await PassAsync(person, person.Role.Seeds, perKind: 2);
        }
        foreach (var person in people)
        {
            await SwitchLanguageAsync(person, "en");
            var onePerKind = person.Visited.Where(IsPagePath).GroupBy(CrawlUrls.Pattern).Select(g => g.First());
            await PassAsync(person, onePerKind, perKind: 1);
        }
        foreach (var person in people)
        {
            await DestructiveAsync(person);
            await SignOutAsync(person);
            await person.Page.Context.CloseAsync();
        }
        report.Duration = clock.Elapsed;
    }

    private sealed class Person(CrawlRole role, IPage page, FormValues values)
    {
        public CrawlRole Role { get; } = role;
        public IPage Page { get; } = page;
        public FormValues Values { get; } = values;
        public string Culture { get; set; } = "zh-CN";
        public List<string> Deferred { get; } = [];
        public Dictionary<string, List<string>> SeenOn { get; } = [];
        public List<string> Visited { get; } = [];
        /// <summary>Links from mail not opened yet, and every link mail has brought (opened even where its kind is done).</summary>
        public Queue<string> UnreadMail { get; } = new();
        public HashSet<string> MailLinks { get; } = [];
        public long LastMail { get; set; }
        public List<string> Console { get; } = [];
        public string Name => Role.Name;
        public bool Anonymous => Role.Email is null;
        public string MailBox => Role.Email ?? Values.OwnEmail;
    }

    private async Task<Person> StartAsync(CrawlRole role)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = Width, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var person = new Person(role, page, new FormValues(role.Name, today) { UseOwnEmail = role.Email is null });
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (person.Console) person.Console.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => { lock (person.Console) person.Console.Add("uncaught: " + error); };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        if (role.Email is { } email)
        {
            await page.GotoAsync("/account/login");
            await page.Locator("input[name=Email]").FillAsync(email);
            await page.Locator("input[name=Password]").FillAsync(BrowserSteps.DemoPassword);
            await NavigateByAsync(page, () => page.Locator("#login-submit").ClickAsync());
            if (!await SignedInAsync(page)) throw new InvalidOperationException($"The crawl could not sign in as {email}.");
        }
        return person;
    }

    private async Task PassAsync(Person person, IEnumerable<string> seedUrls, int perKind)
    {
        var seeds = new HashSet<string>(seedUrls.Prepend("/"), StringComparer.Ordinal);
        var queue = new Queue<string>(seeds);
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        while (opened.Count < MaxPagesPerPass)
        {
            // A person reads new mail before going on with the page list: a confirmation link comes before the next form.
            var url = person.UnreadMail.TryDequeue(out var mailed) ? mailed : queue.TryDequeue(out var next) ? next : null;
            if (url is null) break;
            if (!opened.Add(url)) continue;
            var kind = CrawlUrls.Pattern(url);
            var limit = seenKinds.Contains(person.Culture + kind) ? 1 : perKind;
            if (!seeds.Contains(url) && !person.MailLinks.Contains(url) && kinds.GetValueOrDefault(kind) >= limit) continue;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            try
            {
                if (await OpenAsync(person, url, queue)) await FormsAsync(person, url, queue, destructive: false);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The crawl goes on; what stopped it here is a finding of its own.
                Problem(person, url, "crawl", $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
        seenKinds.UnionWith(kinds.Keys.Select(k => person.Culture + k));
    }

    private async Task ForbiddenAsync(Person person)
    {
        foreach (var url in person.Role.Forbidden ?? [])
        {
            var response = await person.Page.GotoAsync(url);
            var status = response?.Status ?? 0;
            report.Visited(new PageVisit(person.Name, person.Culture, url, status, IsPage: true));
            if (status != 403) Problem(person, url, "status", $"{status} where the role must be refused (403)");
            await CheckAsync(person, url, status == 403 ? 200 : status);
        }
    }

    /// <summary>Opens a page (or fetches a file) and checks it; false when there is no page to go on with.</summary>
    private async Task<bool> OpenAsync(Person person, string url, Queue<string> queue)
    {
        if (!IsPagePath(url))
        {
            await FetchAsync(person, url);
            return false;
        }
        IResponse? response;
        try
        {
            response = await person.Page.GotoAsync(url);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            await FetchAsync(person, url);
            return false;
        }
        var status = response?.Status ?? 0;
        person.Visited.Add(url);
        report.Visited(new PageVisit(person.Name, person.Culture, url, status, IsPage: true));
        await CheckAsync(person, url, status);
        foreach (var link in await LinksAsync(person.Page)) queue.Enqueue(link);
        return status is > 0 and < 400;
    }

    /// <summary>A file, feed or API answer: fetched with the browser's cookies, checked for its status only.</summary>
    private async Task FetchAsync(Person person, string url)
    {
        var response = await person.Page.Context.APIRequest.GetAsync(url);
        report.Visited(new PageVisit(person.Name, person.Culture, url, response.Status, IsPage: false));
        if (response.Status >= 400) Problem(person, url, "status", $"{response.Status} for a file the site links to");
        await response.DisposeAsync();
    }

    private async Task FormsAsync(Person person, string url, Queue<string> queue, bool destructive)
    {
        for (var round = 0; round < 40; round++)
        {
            if (await NextFormAsync(person, url, destructive) is not var (form, button)) return;
            await SubmitAsync(person, url, form, button, queue, destructive, depth: 0);
            // Back to the page as it is now: what was sent may have brought new forms (a plan to confirm, a step to take).
            if (!await ReloadAsync(person, url)) return;
        }
    }

    /// <summary>The first form on the page with a button nobody has pressed yet; those that take something away wait.</summary>
    /// <param name="url">The page's address to find the form again later; null for a page that answers a post.</param>
    private async Task<(PageForm, FormButton)?> NextFormAsync(Person person, string? url, bool destructive)
    {
        foreach (var form in await PageForms.DescribeAsync(person.Page))
        {
            if (form.IsLayoutForm) continue;
            foreach (var button in form.UsableButtons)
            {
                var signature = form.Signature(button);
                if (!person.SeenOn.TryGetValue(signature, out var pages)) person.SeenOn[signature] = pages = [];
                if (url is not null && !pages.Contains(url)) pages.Add(url);
                if (done.Contains(signature)) continue;
                if (!destructive && DestructiveRank(form, button) >= 0)
                {
                    if (!person.Deferred.Contains(signature)) person.Deferred.Add(signature);
                    continue;
                }
                return (form, button);
            }
        }
        return null;
    }

    /// <summary>"POST /teams/{n}/leave [..]" → the place of "leave" in <see cref="Destructive"/>.</summary>
    private static int SignatureRank(string signature) =>
        Array.IndexOf(Destructive, signature.Split(' ')[1].Split('?')[0].Split('/').Last().ToLowerInvariant());

    /// <summary>The place of the form's action in <see cref="Destructive"/>, or -1 for one that takes nothing away.</summary>
    private static int DestructiveRank(PageForm form, FormButton button) =>
        form.Method == "post" ? Array.IndexOf(Destructive, new Uri(form.ActionOf(button)).AbsolutePath.Split('/').Last().ToLowerInvariant()) : -1;

    /// <param name="destructive">Whether the forms this brings up in place may take something away too (not in the last pass's sweeps).</param>
    private async Task SubmitAsync(Person person, string url, PageForm form, FormButton button, Queue<string> queue, bool destructive, int depth)
    {
        var signature = form.Signature(button);
        done.Add(signature);
        var page = person.Page;
        var pressable = PageForms.Button(page, button);
        if (!button.Visible)
        {
            // A form a script shows once it is ready (the judge's sheet when scoring opens): wait as a person would, a little.
            try
            {
                await pressable.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                report.Submitted(new FormSubmission(person.Name, person.Culture, url, signature, FormOutcome.NotPressable, 0, "the button is not visible"));
                return;
            }
            form = (await PageForms.DescribeAsync(page)).First(f => f.Index == form.Index);
            button = form.Buttons.First(b => form.Signature(b) == signature);
            pressable = PageForms.Button(page, button);
        }
        language.Typed(await PageForms.FillAsync(page, form, person.Values));
        Navigation navigation;
        try
        {
            navigation = await NavigateByAsync(page, () => pressable.ClickAsync());
        }
        catch (TimeoutException)
        {
            Problem(person, url, "form", $"no page came back within 30 s after pressing \"{button.Text}\" ({signature})");
            report.Submitted(new FormSubmission(person.Name, person.Culture, url, signature, FormOutcome.NotPressable, 0, "no page came back"));
            return;
        }
        if (!navigation.Navigated)
        {
            // A script took the form (the judges' stage over the hub, the door's check-in by fetch): the page stays.
            await CheckAsync(person, url, 200);
            report.Submitted(new FormSubmission(person.Name, person.Culture, url, signature, FormOutcome.Scripted, 0, await MessageAsync(page)));
            return;
        }
        var status = navigation.Status;
        var refusal = await RefusalAsync(page);
        report.Submitted(new FormSubmission(person.Name, person.Culture, url, signature,
            refusal is null ? FormOutcome.Accepted : FormOutcome.Refused, status, refusal ?? await MessageAsync(page)));
        // The app answers a form it cannot accept with the form again and its messages, as 422 (or 409 when someone else
        // changed the thing meanwhile): a refusal a person can act on, not a fault.
        var refused = status is 409 or 422 && refusal is not null;
        await CheckAsync(person, page.Url, refused ? 200 : status);
        foreach (var link in await LinksAsync(page)) queue.Enqueue(link);

        // A page that exists only as the answer to a post (a preview to commit) has its forms sent where it stands; one
        // reached by a redirect can be opened again later.
        var here = navigation.Method == "GET" ? new Uri(page.Url).PathAndQuery : null;
        if (depth < 3 && status is > 0 and < 400 && await NextFormAsync(person, here, destructive) is var (nextForm, nextButton))
            await SubmitAsync(person, here ?? url, nextForm, nextButton, queue, destructive, depth + 1);
    }

    /// <summary>
    /// The forms that take something away, once everything else is done, each from a page it was seen on and in the order
    /// of <see cref="Destructive"/>. Some appear only once another has been sent (a material can be deleted once its entry
    /// is withdrawn), so the list is gone through again while that brings progress.
    /// </summary>
    private async Task DestructiveAsync(Person person)
    {
        var queue = new Queue<string>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var signature in person.Deferred.Where(s => !done.Contains(s)).OrderBy(SignatureRank).ToList())
            {
                foreach (var url in person.SeenOn[signature].ToList())
                {
                    try
                    {
                        if (!await ReloadAsync(person, url, gone: true)) continue;
                        var target = (await PageForms.DescribeAsync(person.Page)).SelectMany(f => f.UsableButtons.Select(b => (Form: f, Button: b)))
                            .FirstOrDefault(x => x.Form.Signature(x.Button) == signature);
                        if (target.Form is null) continue;
                        await SubmitAsync(person, url, target.Form, target.Button, queue, destructive: false, depth: 0);
                        // What taking something away brings up (a lifted block, a publish button) is sent from the same page;
                        // what it brings up that takes away more joins the list, in its place.
                        if (await ReloadAsync(person, url, gone: true)) await FormsAsync(person, url, queue, destructive: false);
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        Problem(person, url, "crawl", $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                        done.Add(signature);
                    }
                    progress = true;
                    break;
                }
            }
        }
        foreach (var signature in person.Deferred.Where(s => !done.Contains(s)))
            report.Submitted(new FormSubmission(person.Name, person.Culture, string.Join(", ", person.SeenOn[signature]), signature,
                FormOutcome.NotPressable, 0, "gone from every page it was seen on"));
    }

    /// <param name="gone">
    /// In the last pass a page may be gone because of what was just sent (a deleted session, a team left): then its 404
    /// or 403 is the expected answer, not a fault.
    /// </param>
    private async Task<bool> ReloadAsync(Person person, string url, bool gone = false)
    {
        var response = await person.Page.GotoAsync(url);
        if (response?.Status is >= 400)
        {
            if (gone && response.Status is 403 or 404)
                lock (person.Console) person.Console.RemoveAll(e => e.StartsWith("Failed to load resource", StringComparison.Ordinal));
            else
                await CheckAsync(person, url, response.Status);
            return false;
        }
        return true;
    }

    private async Task SwitchLanguageAsync(Person person, string culture)
    {
        var page = person.Page;
        await page.GotoAsync("/");
        var navigation = await NavigateByAsync(page, () => page.SelectOptionAsync("#cultureSelect", culture));
        person.Culture = culture;
        report.Submitted(new FormSubmission(person.Name, culture, "/", "POST /culture", FormOutcome.Accepted, navigation.Status, null));
        await CheckAsync(person, page.Url, navigation.Status);
    }

    private async Task SignOutAsync(Person person)
    {
        var page = person.Page;
        await page.GotoAsync("/");
        var logout = page.Locator("form[action='/account/logout'] button");
        if (await logout.CountAsync() == 0) return;
        var navigation = await NavigateByAsync(page, () => logout.ClickAsync());
        report.Submitted(new FormSubmission(person.Name, person.Culture, "/", "POST /account/logout", FormOutcome.Accepted, navigation.Status, null));
        await CheckAsync(person, page.Url, navigation.Status);
    }

    /// <summary>What a person would notice on the page just shown; and, as one does, a look at the mailbox.</summary>
    private async Task CheckAsync(Person person, string url, int status)
    {
        if (status >= 400) Problem(person, url, "status", status.ToString(CultureInfo.InvariantCulture));
        string[] errors;
        lock (person.Console)
        {
            errors = [.. person.Console];
            person.Console.Clear();
        }
        // The browser notes a page's own error status in the console too; the status is judged above.
        var document = new Uri(person.Page.Url).GetLeftPart(UriPartial.Query);
        foreach (var error in errors.Where(e => !(e.StartsWith("Failed to load resource", StringComparison.Ordinal) && e.Contains($"({document}:", StringComparison.Ordinal))))
            Problem(person, url, "console", error);
        if (status is > 0 and < 400 && IsPagePath(new Uri(person.Page.Url).PathAndQuery))
        {
            var lang = await person.Page.Locator("html").GetAttributeAsync("lang");
            var certificate = CertificatePage().IsMatch(new Uri(person.Page.Url).AbsolutePath);
            // A certificate is a Chinese document whatever the reader's language, and says so.
            if (!certificate && lang != (person.Culture == "en" ? "en" : "zh-CN")) Problem(person, url, "language", $"the page says lang=\"{lang}\"");
            if (!certificate)
                foreach (var text in await language.UntranslatedAsync(person.Page, person.Culture)) Problem(person, url, "language", text);
            var widths = await person.Page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1]) Problem(person, url, "layout", $"the page is {widths[0]} px wide in a {widths[1]} px window");
        }
        if (person.Anonymous && await SignedInAsync(person.Page)) await SignOutAsync(person);
        await ReadMailAsync(person);
    }

    /// <summary>Links in the mail this person received (an invitation, a reset link): opened like any other link.</summary>
    private async Task ReadMailAsync(Person person)
    {
        var since = person.LastMail;
        var mails = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Id > since && n.Recipient == person.MailBox).Select(n => new { n.Id, n.PayloadJson }).ToListAsync());
        foreach (var mail in mails)
        {
            person.LastMail = Math.Max(person.LastMail, mail.Id);
            using var payload = JsonDocument.Parse(mail.PayloadJson);
            foreach (var value in payload.RootElement.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.String))
            {
                if (Uri.TryCreate(value.GetString(), UriKind.Absolute, out var link) && link.Port == baseAddress.Port
                    && person.MailLinks.Add(link.PathAndQuery))
                    person.UnreadMail.Enqueue(link.PathAndQuery);
            }
        }
    }

    private sealed record Navigation(bool Navigated, int Status, string Method = "GET");

    /// <summary>
    /// Does what a person does (press a button, pick a language) and waits for the next page to load; the status is the
    /// answer to the page's own request, the last of a redirect chain. When no page starts loading within a few seconds,
    /// a script handled it and the page stays. Throws <see cref="TimeoutException"/> if a page starts but never arrives.
    /// </summary>
    private static async Task<Navigation> NavigateByAsync(IPage page, Func<Task> action)
    {
        IResponse? last = null;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRequest(object? sender, IRequest request)
        {
            if (request.IsNavigationRequest && request.Frame == page.MainFrame) started.TrySetResult();
        }
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame) last = response;
        }
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Request += OnRequest;
        page.Response += OnResponse;
        page.Load += OnLoad;
        try
        {
            await action();
            if (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(3))) != started.Task) return new Navigation(false, 0);
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new Navigation(true, last?.Status ?? 0, last?.Request.Method ?? "GET");
        }
        finally
        {
            page.Request -= OnRequest;
            page.Response -= OnResponse;
            page.Load -= OnLoad;
        }
    }

    private static async Task<bool> SignedInAsync(IPage page) => await page.Locator("form[action='/account/logout']").CountAsync() > 0;

    private void Problem(Person person, string url, string kind, string detail) =>
        report.Problem(new CrawlProblem(person.Name, person.Culture, url, kind, detail));

    /// <summary>Same-site links, without fragments; a link to a place on the same page is not a page of its own.</summary>
    private async Task<IReadOnlyList<string>> LinksAsync(IPage page)
    {
        var hrefs = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).map(a => a.href)");
        var links = new List<string>();
        foreach (var href in hrefs)
        {
            if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) continue;
            if (uri.Host != baseAddress.Host || uri.Port != baseAddress.Port) continue;
            links.Add(uri.PathAndQuery);
        }
        return links;
    }

    /// <summary>Pages are HTML for people; files, feeds, the API and the job dashboard (a third-party page) are fetched, not read.</summary>
    private static bool IsPagePath(string url) => !FileLike().IsMatch(url.Split('?')[0]);

    private static async Task<string?> RefusalAsync(IPage page) => await page.EvaluateAsync<string?>("""
        () => {
          const shown = [...document.querySelectorAll('main .alert-danger, main .alert-warning[role=alert], main span.text-danger, main div.text-danger, main .validation-summary-errors li, main .invalid-feedback')]
            .filter(e => e.offsetParent !== null && e.textContent.trim().length > 0);
          return shown.length ? shown[0].textContent.replace(/\s+/g, ' ').trim().slice(0, 160) : null;
        }
        """);

    private static async Task<string?> MessageAsync(IPage page) => await page.EvaluateAsync<string?>("""
        () => {
          const shown = [...document.querySelectorAll('main .alert, main [role=status]')].filter(e => e.offsetParent !== null && e.textContent.trim().length > 0);
          return shown.length ? shown[0].textContent.replace(/\s+/g, ' ').trim().slice(0, 160) : null;
        }
        """);

    [GeneratedRegex(@"/certificates?$")]
    private static partial Regex CertificatePage();

    [GeneratedRegex(@"\.(csv|xlsx|ics|png|pdf|json)$|^/materials/|/evidence$|/export|^/api/|^/health|^/hangfire|^/organizer/outbox-status")]
    private static partial Regex FileLike();
}
