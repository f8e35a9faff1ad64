using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>
/// The role × endpoint probe with other people's ids. On the demo scenario (every kind of resource, owned by the demo
/// accounts and the teams' leaders), each kind of principal requests every GET and POST endpoint that takes ids in its
/// route, read from the routing table, with ids that are not theirs (a new endpoint is probed without being listed), and
/// must be refused: 400/401/403/404, a redirect to sign-in or access denied, or a form's redirect to a page that shows
/// why it was refused; never a 2xx or a redirect that acted, never a 5xx. A route parameter without an id source fails the test, so it cannot go unprobed.
/// </summary>
public sealed partial class OtherPeoplesIdsTests(OtherPeoplesIdsTests.Host host, ITestOutputHelper output) : IClassFixture<OtherPeoplesIdsTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            With("RateLimits:Uploads:PermitLimit", "100000");
            WithClock(Clock);
        }

        public ShiftedClock Clock { get; } = new(EveryPageScenario.Start);
    }

    /// <summary>
    /// Who probes. <paramref name="Skip"/> leaves out the endpoints the principal is entitled to on those ids (an
    /// organizer of the scenario's contests manages them); <paramref name="OnlyNoServerError"/> is for the Admin, who may
    /// open everything and is only checked for answering without a server error.
    /// </summary>
    private sealed record Principal(string Kind, Browserless Browser, Func<RouteEndpoint, bool>? Skip = null, bool OnlyNoServerError = false,
        IReadOnlyDictionary<string, int>? OwnIds = null);

    /// <summary>
    /// What a person may do on anyone's contest, with why: these answer 2xx or redirect by design. Keyed by principal
    /// kind ("*" for every signed-in one) and the route template.
    /// </summary>
    private static readonly (string Kind, string Method, string Route, string Why)[] Entitled =
    [
        ("judge in the pool", "GET", "/judging/contests/{contestId:int}/conflicts", "a judge in a contest's pool declares their own conflicts there"),
        ("judge in the pool", "POST", "/judging/contests/{contestId:int}/conflicts", "the declaration form answers 422 with its messages when fields are missing"),
        ("organizer of the contest", "GET", "/materials/{id:int}", "organizers review the materials of their contest's entries"),
        ("organizer of the contest", "GET", "/objections/{id:int}/evidence", "organizers decide objections to their contest's results, evidence included"),
        ("organizer of the contest", "GET", "/awards/{awardId:int}/certificate", "organizers print their contest's certificates"),
        ("*", "GET", "/contests/{contestId:int}/rounds/{roundId:int}/results/objection", "anyone signed in may object to a published round in its 公示 period"),
        ("*", "POST", "/contests/{contestId:int}/rounds/{roundId:int}/results/objection", "the objection form answers with its own page when fields are missing"),
        ("*", "POST", "/activity-events/{id:int}/signup", "anyone signed in may sign up for a published Activity Week event"),
    ];

    [Fact]
    public async Task EveryEndpointWithIds_RefusesOtherPeoplesIds_ForEveryKindOfPrincipal()
    {
        var server = host.ServerAddress;
        var scenario = await EveryPageScenario.BuildAsync(host, host.Clock, server);
        var ids = await IdsAsync(scenario);
        var principals = await PrincipalsAsync(server, scenario);
        var endpoints = AuthorizationMapTests.Endpoints(host.Services)
            .Where(e => e.RoutePattern.Parameters.Count > 0 && !IsPublic(e))
            .SelectMany(e => Methods(e).Select(m => (Method: m, Endpoint: e)))
            .ToList();

        var unprobed = new List<string>();
        var failures = new List<string>();
        var requests = 0;
        var watch = Stopwatch.StartNew();
        foreach (var principal in principals)
        {
            var token = await TokenAsync(principal.Browser);
            foreach (var (method, endpoint) in endpoints)
            {
                if (principal.Skip?.Invoke(endpoint) == true) continue;
                foreach (var (probe, own) in principal.OwnIds is null ? [(ids, [])] : new[] { (ids, []), (Overlay(ids, principal.OwnIds), principal.OwnIds.Keys.ToHashSet()) })
                {
                    // In the mixed pass a route made only of the principal's own ids is theirs to open, and not probed.
                    if (PathOf(endpoint.RoutePattern, probe, own, unprobed) is not { } path) continue;
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method == "POST")
                        request.Content = new FormUrlEncodedContent(token is null ? [] : [new("__RequestVerificationToken", token)]);
                    using var response = await principal.Browser.Http.SendAsync(request);
                    requests++;
                    var verdict = await VerdictAsync(principal, method, endpoint, response);
                    if (verdict is not null) failures.Add($"{principal.Kind,-28} {method,-4} {path} → {verdict}   [{endpoint.RoutePattern.RawText}]");
                }
            }
        }
        output.WriteLine($"{requests} requests by {principals.Count} principals over {endpoints.Count} endpoint methods in {watch.Elapsed.TotalSeconds:0.0} s");

        Assert.True(unprobed.Count == 0, "route parameters without an id source (add one to IdsAsync):\n  " + string.Join("\n  ", unprobed.Distinct()));
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests were not refused:\n  " + string.Join("\n  ", failures));
        Assert.True(requests > 1000, $"only {requests} requests were made");
    }

    private static bool IsPublic(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Where(m => m is "GET" or "POST");

    private static bool RequiresStaff(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Roles?.Contains(Roles.Organizer, StringComparison.Ordinal) == true);

    /// <returns>Null when refused as it should be, else what went wrong.</returns>
    private static async Task<string?> VerdictAsync(Principal principal, string method, RouteEndpoint endpoint, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"{status} (a server error)";
        if (principal.OnlyNoServerError) return null;
        var location = response.Headers.Location?.OriginalString ?? "";
        // 400 shows nothing either: ids that do not belong together (one's own round with another's session) are bad input.
        var refused = status is 400 or 401 or 403 or 404
            || (status == 302 && (location.StartsWith("/account/login", StringComparison.Ordinal) || location.StartsWith("/account/access-denied", StringComparison.Ordinal)));
        if (refused) return null;
        // A form's refusal comes back as a redirect to its page, which shows why (post, redirect, get): read that page.
        if (status == 302 && method == "POST" && location.StartsWith('/'))
        {
            // The page it leads back to may itself be closed to them (a team they are not in): that shows nothing either.
            using var back = await principal.Browser.Http.GetAsync(location);
            if (back.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden) return null;
            var page = await back.Content.ReadAsStringAsync();
            if (page.Contains("class=\"alert alert-danger\"", StringComparison.Ordinal)) return null;
        }
        var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        if (Entitled.Any(e => (e.Kind == "*" ? principal.Kind != "anonymous" : e.Kind == principal.Kind) && e.Method == method && e.Route == route))
            return null;
        return status == 302 ? $"302 to {location}" : $"{status}";
    }

    private static IReadOnlyDictionary<string, int> Overlay(IReadOnlyDictionary<string, int> ids, IReadOnlyDictionary<string, int> own)
    {
        var merged = new Dictionary<string, int>(ids);
        foreach (var (key, value) in own) merged[key] = value;
        return merged;
    }

    /// <summary>
    /// The route with every parameter filled: an id picked by the literal segment before it ("entries/{id}" is an entry),
    /// a new guid for tokens, a word for anything else. Null (and noted) when a parameter has no id source.
    /// </summary>
    private static string? PathOf(RoutePattern pattern, IReadOnlyDictionary<string, int> ids, IReadOnlySet<string> own, List<string> unprobed)
    {
        var parts = new List<string>();
        string? previous = null;
        var foreign = false;
        var mine = false;
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter:
                        var constraint = string.Join(",", parameter.ParameterPolicies.Select(p => p.Content));
                        if (constraint.Contains("guid", StringComparison.Ordinal)) text += Guid.NewGuid().ToString();
                        else if (!constraint.Contains("int", StringComparison.Ordinal)) text += parameter.IsCatchAll ? "x" : "next";
                        else if (ids.TryGetValue(previous ?? "", out var id))
                        {
                            text += id.ToString(CultureInfo.InvariantCulture);
                            foreign |= !own.Contains(previous ?? "");
                            mine |= own.Contains(previous ?? "");
                        }
                        else
                        {
                            unprobed.Add($"{{{parameter.Name}}} after \"{previous}/\" in {pattern.RawText}");
                            return null;
                        }
                        break;
                }
            }
            if (segment.Parts is [RoutePatternLiteralPart only]) previous = only.Content;
            parts.Add(text);
        }
        // The mixed pass probes only routes that mix the principal's own ids with others'; the rest the first pass covered.
        return foreign && (own.Count == 0 || mine) ? "/" + string.Join("/", parts) : null;
    }

    /// <summary>Ids of the scenario's resources, none of which belongs to a probing principal, by the route segment before them.</summary>
    private async Task<IReadOnlyDictionary<string, int>> IdsAsync(EveryPageScenario s)
    {
        var contestant = (await host.FindUserAsync(EveryPageScenario.Contestant))!.Id;
        return await host.WithDbAsync<IReadOnlyDictionary<string, int>>(async db =>
        {
            async Task<int> First<T>(IQueryable<T> rows, Func<IQueryable<T>, IQueryable<int>> id) where T : class =>
                await id(rows).OrderBy(x => x).FirstOrDefaultAsync() is var v && v > 0 ? v : int.MaxValue;
            return new Dictionary<string, int>
            {
                ["contests"] = s.Cie,
                ["activity-weeks"] = s.Week,
                ["rounds"] = s.CieSemi,
                ["sessions"] = s.SemiSession,
                ["tracks"] = await First(db.ContestTracks.Where(t => t.ContestId == s.Cie), q => q.Select(t => t.Id)),
                ["versions"] = 1,
                ["entries"] = s.ContestantEntry,
                // Not opened to investors: an investor has no business with it.
                ["projects"] = s.SubmittedEntry,
                ["teams"] = s.ContestantTeam,
                ["events"] = s.ForumEvent,
                ["activity-events"] = s.ForumEvent,
                ["signups"] = await First(db.EventSignups.Where(x => x.UserId == contestant), q => q.Select(x => x.Id)),
                ["tickets"] = await First(db.EventSignups.Where(x => x.UserId == contestant), q => q.Select(x => x.Id)),
                ["meetings"] = await First(db.MeetingRequests.Where(m => m.EntryId == s.ContestantEntry), q => q.Select(x => x.Id)),
                ["objections"] = await First(db.Objections, q => q.Select(x => x.Id)),
                ["materials"] = await First(db.EntryMaterials.Where(m => m.EntryId == s.ContestantEntry), q => q.Select(x => x.Id)),
                ["judges"] = await First(db.ContestJudges.Where(j => j.ContestId == s.Cie), q => q.Select(x => x.Id)),
                ["exceptions"] = await First(db.JudgeCompetitorExceptions.Where(x => x.ContestId == s.Cie), q => q.Select(x => x.Id)),
                ["invitations"] = await First(db.TeamInvitations.Where(i => i.TeamId == s.ContestantTeam), q => q.Select(x => x.Id)),
                ["honours"] = await First(db.Awards, q => q.Select(x => x.Id)),
                ["awards"] = await First(db.Awards, q => q.Select(x => x.Id)),
                ["certificates"] = s.Certificate,
                ["corrections"] = await First(db.ScoreCorrections, q => q.Select(x => x.Id)),
                ["conflicts"] = await First(db.Conflicts.Where(c => c.ContestId == s.Cie), q => q.Select(x => x.Id)),
                ["winners"] = await First(db.PreviousWinners, q => q.Select(x => x.Id)),
                ["sheets"] = await First(db.ScoreSheets, q => q.Select(x => x.Id)),
            };
        });
    }

    private async Task<List<Principal>> PrincipalsAsync(Uri server, EveryPageScenario s)
    {
        async Task<Browserless> SignedInAsync(string email)
        {
            var browser = new Browserless(server);
            await browser.SignInAsync(email);
            return browser;
        }
        async Task<(string Email, string Id)> NewAsync(string prefix, params string[] roles)
        {
            var email = TestUsers.NewEmail(prefix);
            return (email, (await host.CreateUserAsync(email, TestUsers.DemoPassword, roles: roles)).Id);
        }
        async Task InPoolAsync(string email, string userId, JudgeStatus status) => await host.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = s.Cie, Email = email, Name = "池中评委", UserId = userId, Status = status,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = userId,
            });
            await db.SaveChangesAsync();
        });

        var contestantB = await NewAsync("contestant-b", Roles.Contestant);
        var judgeInPool = await NewAsync("judge-in-pool", Roles.Judge);
        await InPoolAsync(judgeInPool.Email, judgeInPool.Id, JudgeStatus.Accepted);
        var judgeOutside = await NewAsync("judge-outside", Roles.Judge);
        var removedJudge = await NewAsync("judge-removed", Roles.Judge);
        await InPoolAsync(removedJudge.Email, removedJudge.Id, JudgeStatus.Removed);
        var otherOrganizer = await NewAsync("organizer-other", Roles.Organizer);
        var ownContest = await host.AddContestAsync(published: false, organizerUserId: otherOrganizer.Id);
        var ownRound = await host.AddRoundAsync(ownContest);
        var investor = await NewAsync("investor", Roles.Investor);
        var locked = await NewAsync("locked", Roles.Contestant);

        List<Principal> principals =
        [
            new("anonymous", new Browserless(server)),
            // A leader with a team and an entry of their own in the same contest, probing the demo contestant's.
            new("contestant A (own team)", await SignedInAsync("leader1@example.cn")),
            new("contestant B (no team)", await SignedInAsync(contestantB.Email)),
            new("judge in the pool", await SignedInAsync(judgeInPool.Email)),
            new("judge not in the pool", await SignedInAsync(judgeOutside.Email)),
            new("judge removed from the pool", await SignedInAsync(removedJudge.Email)),
            // The scenario's organizer runs these contests: only what is not contest management is probed, people's own things.
            new("organizer of the contest", await SignedInAsync(EveryPageScenario.Organizer), Skip: RequiresStaff),
            // Probes twice: the scenario's ids, then its own contest and round with the others' ids (the mixed-route case).
            new("organizer of another contest", await SignedInAsync(otherOrganizer.Email),
                OwnIds: new Dictionary<string, int> { ["contests"] = ownContest, ["rounds"] = ownRound }),
            new("investor", await SignedInAsync(investor.Email)),
            new("admin", await SignedInAsync(EveryPageScenario.Admin), OnlyNoServerError: true),
            new("locked while signed in", await SignedInAsync(locked.Email)),
        ];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Web.Features.Accounts.AppUser>>();
            var user = (await users.FindByEmailAsync(locked.Email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }
        return principals;
    }

    /// <summary>The principal's own antiforgery token, from the first form of a page they may open, as a forged form would carry.</summary>
    private static async Task<string?> TokenAsync(Browserless browser)
    {
        var html = await browser.Http.GetStringAsync("/");
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["value"].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();
}
