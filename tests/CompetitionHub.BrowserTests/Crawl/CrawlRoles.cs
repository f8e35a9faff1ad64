using CompetitionHub.TestSupport;
using CompetitionHub.TestSupport.Scenario;

namespace CompetitionHub.BrowserTests.Crawl;

/// <summary>
/// Who crawls, in order, and where each starts: the routes README.md names, filled in with the scenario's ids, for the
/// roles that may open them. Everything else is found by following links (and the links in each person's mail).
/// Order matters: the contestant objects and the judge scores before the organizer answers and closes; the administrator,
/// who can lock accounts, goes last.
/// </summary>
public static class CrawlRoles
{
    public static IReadOnlyList<CrawlRole> For(EveryPageScenario s)
    {
        string[] everyone =
        [
            "/", "/activity-week", $"/activity-weeks/{s.Week}", $"/activity-events/{s.ForumEvent}", $"/activity-weeks/{s.Week}/programme.ics",
            $"/activity-events/{s.ForumEvent}.ics", $"/contests/{s.Cie}", $"/contests/{s.Cie}/results", $"/contests/{s.Cie}/rounds/{s.CieSemi}/results",
            $"/contests/{s.Cie}/rounds/{s.CieOnline}/results", $"/live/sessions/{s.FinalSession}", $"/live/sessions/{s.FinalSession}/screen",
            $"/contests/{s.Cie}/draws", $"/live/sessions/{s.FinalSession}/draw",
            "/api/v1/contests", $"/api/v1/contests/{s.Cie}", $"/api/v1/contests/{s.Cie}/results", "/api/v1/openapi.json",
            $"/api/v1/rounds/{s.CieOnline}/rankings", $"/api/v1/rounds/{s.CieOnline}/rankings/versions/1", $"/api/v1/activity-weeks/{s.Week}/events",
            $"/api/v1/events/{s.ForumEvent}", "/health",
        ];
        string[] signedIn = [.. everyone, "/teams", "/entries", "/my/tickets", "/matchmaking/meetings", "/awards/mine"];
        string[] staff =
        [
            .. signedIn, "/organizer", "/organizer/outbox-status", "/hangfire", "/manage/contests", $"/manage/contests/{s.Cie}", $"/manage/contests/{s.Cie}/entries",
            $"/manage/entries/{s.SubmittedEntry}", $"/manage/contests/{s.Cie}/judges", $"/manage/contests/{s.Cie}/conflicts",
            $"/manage/rounds/{s.MakerOnline}/assignment", $"/manage/rounds/{s.MakerOnline}/progress", $"/manage/rounds/{s.MakerRoadshow}/sessions",
            $"/manage/rounds/{s.MakerRoadshow}/sessions/{s.MakerSession}", $"/manage/rounds/{s.CieSemi}/sessions/{s.SemiSession}/verify",
            $"/manage/sessions/{s.FinalSession}/console", $"/manage/contests/{s.Cie}/rounds/{s.CieSemi}/diagnostics",
            $"/manage/contests/{s.Rural}/rounds/{s.RuralOnline}/advancement", $"/manage/contests/{s.Cie}/rounds/{s.CieSemi}/ties",
            $"/manage/contests/{s.Rural}/rounds/{s.RuralOnline}/ties", $"/manage/contests/{s.Female}/rounds/{s.FemaleOnline}/ties",
            $"/manage/entries/{s.CodeCheckEntry}",
            $"/manage/contests/{s.Cie}/rounds/{s.CieSemi}/advancement",
            $"/manage/contests/{s.Cie}/rounds/{s.CieSemi}/results", $"/manage/contests/{s.Cie}/rounds/{s.CieOnline}/results",
            $"/manage/contests/{s.Cie}/corrections", $"/manage/contests/{s.Cie}/audit", $"/manage/contests/{s.Female}/awards",
            $"/manage/contests/{s.Cie}/awards", $"/manage/contests/{s.Maker}/rounds/{s.MakerRoadshow}",
            $"/manage/contests/{s.Rural}/rounds/{s.RuralRoadshow}",
            $"/manage/activity-weeks/{s.Week}/events",
            $"/manage/activity-weeks/{s.Week}/events/{s.DraftEvent}", $"/manage/activity-weeks/{s.Week}/events/{s.ForumEvent}/door",
            "/manage/matchmaking", $"/manage/matchmaking/events/{s.MatchmakingEvent}", $"/awards/{s.Certificate}/certificate",
        ];
        return
        [
            new("anonymous", null, [.. everyone, "/account/login", "/account/register", "/account/forgot-password", "/account/resend-confirmation"]),
            new("Contestant", EveryPageScenario.Contestant,
            [
                .. signedIn, $"/entries/{s.ContestantDraft}", $"/entries/{s.ContestantSecondDraft}", $"/entries/{s.ContestantEntry}", $"/teams/{s.ContestantTeam}",
                $"/matchmaking/entries/{s.ContestantEntry}", $"/awards/{s.Certificate}/certificate", $"/entries/new?contestId={s.Cie}",
            ], Forbidden: ["/organizer", "/judging"]),
            new("Judge", EveryPageScenario.Judge,
            [
                .. signedIn, "/judging", "/judging/profile", $"/judging/contests/{s.Cie}/conflicts", $"/judging/sessions/{s.FinalSession}",
                $"/judging/rounds/{s.MakerOnline}/entries/{s.UnscoredEntry}/score",
            ]),
            new("Investor", EveryPageScenario.Investor,
                [.. signedIn, "/matchmaking/projects", "/matchmaking/profile", $"/matchmaking/projects/{s.OpenProject}"]),
            new("Organizer", EveryPageScenario.Organizer, staff),
            new("Admin", EveryPageScenario.Admin, [.. staff, "/admin/users", "/admin/mail", $"/manage/contests/{s.Cie}/organizers"]),
        ];
    }
}
