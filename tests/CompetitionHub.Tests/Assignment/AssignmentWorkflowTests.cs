using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CompetitionHub.Tests.Contests;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Assignment;

public sealed partial class AssignmentWorkflowTests(AssignmentWorkflowTests.Host host) : IClassFixture<AssignmentWorkflowTests.Host>
{
    public sealed class Host : AppFactory;

    private sealed record TestJudge(string Id, string Email, string Culture);

    private sealed record TestEntryRef(int Id, string Title, string CreditCode);

    /// <summary>A contest of its own with one online round, managed by a new organizer who is signed in.</summary>
    private sealed record Arena(int ContestId, int RoundId, HttpClient Organizer, List<TestEntryRef> Entries, List<TestJudge> Judges)
    {
        public string Url => $"/manage/rounds/{RoundId}/assignment";
    }

    private async Task<Arena> ArenaAsync(int entries, int judges, int? maxLoad = null, RoundKind kind = RoundKind.OnlineReview,
        string industry = "新一代信息技术")
    {
        var (client, organizerId) = await host.NewOrganizerAsync();
        var contestId = await host.AddContestAsync(organizerUserId: organizerId);
        var trackId = await host.AddTrackAsync(contestId, "main");
        var roundId = await host.AddRoundAsync(contestId, status: RoundStatus.Open);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Kind, kind)
            .SetProperty(r => r.EndsAt, new DateTime(2027, 3, 31, 15, 59, 0, DateTimeKind.Utc))));

        var list = new List<TestEntryRef>();
        await host.WithDbAsync(async db =>
        {
            for (var i = 0; i < entries; i++)
            {
                var title = $"项目{i + 1}-{Guid.NewGuid():N}"[..12];
                var code = "912201" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
                var entry = new Entry
                {
                    ContestId = contestId, TrackId = trackId, Team = new Team { Name = "团队" + title, CreatedAt = DateTime.UtcNow },
                    Title = title, Industry = industry, ApplicantType = ApplicantType.Enterprise, CompanyName = title + "有限公司",
                    CreditCode = code, Status = i % 2 == 0 ? EntryStatus.Approved : EntryStatus.Advanced,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                };
                db.Entries.Add(entry);
                await db.SaveChangesAsync();
                list.Add(new TestEntryRef(entry.Id, title, code));
            }
            // Entries not approved take no part in the round.
            db.Entries.Add(new Entry
            {
                ContestId = contestId, TrackId = trackId, Team = new Team { Name = "草稿团队", CreatedAt = DateTime.UtcNow },
                Title = "草稿项目", Industry = industry, Status = EntryStatus.Submitted, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var pool = new List<TestJudge>();
        for (var i = 0; i < judges; i++)
            pool.Add(await AddJudgeAsync(contestId, i % 2 == 0 ? "zh-CN" : "en", maxLoad, i == 0 ? [industry] : ["生物医药"]));
        // Invited but not accepted: never assigned.
        await host.WithDbAsync(db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = TestUsers.NewEmail("invited"), Status = JudgeStatus.Invited, InvitedAt = DateTime.UtcNow,
                InvitedByUserId = organizerId,
            });
            return db.SaveChangesAsync();
        });
        return new Arena(contestId, roundId, client, list, pool);
    }

    private async Task<TestJudge> AddJudgeAsync(int contestId, string culture, int? maxLoad, List<string> expertise,
        string? employerCreditCode = null)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await host.CreateUserAsync(email, "Secret123", "评委" + email[6..12], roles: Roles.Judge);
        await host.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture));
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, UserId = user.Id, Status = JudgeStatus.Accepted, MaxLoad = maxLoad,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = user.Id,
            });
            db.JudgeProfiles.Add(new JudgeProfile
            {
                UserId = user.Id, Expertise = expertise, Affiliation = "吉林大学", AffiliationCreditCode = employerCreditCode,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        return new TestJudge(user.Id, email, culture);
    }

    private static Task<HttpResponseMessage> PreviewAsync(Arena arena, string k, string? seed = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("K", k) };
        if (seed is not null) fields.Add(new("Seed", seed));
        return arena.Organizer.PostFormAsync(arena.Url + "/preview", fields, formPage: arena.Url);
    }

    /// <summary>The pairs shown in the preview's plan table.</summary>
    private static HashSet<(string Judge, int Entry)> ReadPreview(string html)
    {
        var pairs = new HashSet<(string, int)>();
        foreach (Match row in PlanRow().Matches(html))
            foreach (var judge in WebUtility.HtmlDecode(row.Groups["judges"].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                pairs.Add((judge, int.Parse(row.Groups["entry"].Value)));
        return pairs;
    }

    /// <summary>Previews a plan; its commit form comes back filled in from the preview page, ready to click.</summary>
    private static async Task<(HashSet<(string Judge, int Entry)> Pairs, FilledForm Commit, string Html)> PreviewPlanAsync(
        Arena arena, string k, string? seed = null)
    {
        var response = await PreviewAsync(arena, k, seed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return (ReadPreview(html), await arena.Organizer.FillFormAsync(response, arena.Url + "/commit", []), WebUtility.HtmlDecode(html));
    }


    /// <summary>A pair no form on the page offers, sent by hand.</summary>
    private static Task<HttpResponseMessage> TamperedPairPostAsync(Arena arena, string action, string judgeId, int entryId) =>
        arena.Organizer.PostTamperedAsync($"{arena.Url}/{action}", [new("JudgeUserId", judgeId), new("EntryId", entryId.ToString())],
            formPage: arena.Url);

    private static Task<HttpResponseMessage> PairPostAsync(Arena arena, string action, string judgeId, int entryId) =>
        arena.Organizer.PostFormAsync($"{arena.Url}/{action}", [new("JudgeUserId", judgeId), new("EntryId", entryId.ToString())],
            formPage: arena.Url);

    private Task<List<ReviewAssignment>> StoredAsync(int roundId) =>
        host.WithDbAsync(db => db.ReviewAssignments.AsNoTracking().Where(a => a.RoundId == roundId).ToListAsync());

    private static HashSet<(string, int)> PairsOf(IEnumerable<ReviewAssignment> rows) =>
        rows.Select(r => (r.JudgeUserId, r.EntryId)).ToHashSet();

    private Task<List<Notification>> MailsToAsync(IEnumerable<TestJudge> judges)
    {
        var emails = judges.Select(j => j.Email).ToList();
        return host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => emails.Contains(n.Recipient) && n.Template == CommitAssignment.Template).ToListAsync());
    }

    private static async Task<string> FollowAsync(Arena arena, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(arena.Url, response.Headers.Location!.OriginalString);
        return WebUtility.HtmlDecode(await arena.Organizer.GetStringAsync(arena.Url));
    }

    [Fact]
    public async Task Preview_ShowsEveryEntryWithItsJudgesAndSavesNothing_WhenOrganizerPreviews()
    {
        var arena = await ArenaAsync(entries: 4, judges: 4);

        var (pairs, commit, html) = await PreviewPlanAsync(arena, "2");

        Assert.Equal(8, pairs.Count);
        foreach (var entry in arena.Entries)
            Assert.Equal(2, pairs.Count(p => p.Entry == entry.Id));
        Assert.All(pairs, p => Assert.Contains(arena.Judges, j => j.Id == p.Judge));
        Assert.Equal(4, PlanRow().Matches(html).Count);
        Assert.DoesNotContain("草稿项目", html);
        Assert.Contains("id=\"plan-complete\"", html);
        Assert.Equal(arena.RoundId.ToString(), commit.Value("Seed"));
        Assert.Equal("2", commit.Value("K"));
        Assert.Equal(8, Regex.Matches(html, "class=\"plan-added ").Count);
        Assert.Empty(await StoredAsync(arena.RoundId));
        Assert.Empty(await MailsToAsync(arena.Judges));

        // The same seed and inputs give the same plan again.
        var (again, _, _) = await PreviewPlanAsync(arena, "2");
        Assert.Equal(pairs, again);
    }

    [Fact]
    public async Task Commit_QueuesOneReviewReminderPerAssignedJudgeTwoDaysBeforeTheEnd_AndReplacesItOnRecommit()
    {
        var arena = await ArenaAsync(entries: 3, judges: 3);
        var (pairs, commit, _) = await PreviewPlanAsync(arena, "1");
        await FollowAsync(arena, await commit.SubmitAsync());
        var (_, again, _) = await PreviewPlanAsync(arena, "1");
        await FollowAsync(arena, await again.SubmitAsync());

        var emails = arena.Judges.Select(j => j.Email).ToList();
        var reminders = await host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => emails.Contains(n.Recipient) && n.Template == CompetitionHub.Web.Features.Assignment.ReviewReminders.Template).ToListAsync());
        var assigned = arena.Judges.Where(j => pairs.Any(p => p.Judge == j.Id)).ToList();
        Assert.Equal(assigned.Count, reminders.Count);
        foreach (var judge in assigned)
        {
            var reminder = Assert.Single(reminders, r => r.Recipient == judge.Email);
            Assert.Equal($"review-reminder:{arena.RoundId}:{judge.Id}", reminder.Reference);
            Assert.Equal(new DateTime(2027, 3, 29, 15, 59, 0, DateTimeKind.Utc), reminder.DueAt);
            Assert.Equal(judge.Culture, reminder.Culture);
            Assert.Equal(NotificationStatus.Pending, reminder.Status);
        }
    }

    [Fact]
    public async Task Commit_StoresExactlyThePreviewedPairsAndEmailsEachChangedJudge_WhenInputsAreUnchanged()
    {
        var arena = await ArenaAsync(entries: 5, judges: 4);
        var (pairs, commit, _) = await PreviewPlanAsync(arena, "2");

        var page = await FollowAsync(arena, await commit.SubmitAsync());

        Assert.Contains("id=\"status-message\"", page);
        var stored = await StoredAsync(arena.RoundId);
        Assert.Equal(pairs, PairsOf(stored));
        Assert.All(stored, r => Assert.Equal(AssignmentSource.Auto, r.Source));
        Assert.All(stored, r => Assert.NotNull(r.NotifiedAt));

        var mails = await MailsToAsync(arena.Judges);
        var assigned = arena.Judges.Where(j => pairs.Any(p => p.Judge == j.Id)).ToList();
        Assert.Equal(assigned.Count, mails.Count);
        foreach (var judge in assigned)
        {
            var mail = Assert.Single(mails, m => m.Recipient == judge.Email);
            Assert.Equal(judge.Culture, mail.Culture);
            using var payload = JsonDocument.Parse(mail.PayloadJson);
            var titles = payload.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            var expected = arena.Entries.Where(e => pairs.Contains((judge.Id, e.Id))).Select(e => e.Title).ToHashSet();
            Assert.Equal(expected, titles);
            Assert.EndsWith("/judging", payload.RootElement.GetProperty("link").GetString());
            Assert.Equal("2027-03-31 23:59", payload.RootElement.GetProperty("deadline").GetString());
            var contest = await host.WithDbAsync(db => db.Contests.SingleAsync(c => c.Id == arena.ContestId));
            Assert.Equal(judge.Culture == "en" ? contest.NameEn : contest.Name, payload.RootElement.GetProperty("contestName").GetString());
        }

        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Round" && a.EntityId == arena.RoundId.ToString() && a.Action == "assignment-committed"));
        Assert.Contains("\"total\":0", audit.Before);
        Assert.Contains($"\"total\":{pairs.Count}", audit.After);

        // Committing the same plan again changes nothing and emails nobody.
        await FollowAsync(arena, await commit.SubmitAsync());
        Assert.Equal(pairs, PairsOf(await StoredAsync(arena.RoundId)));
        Assert.Equal(assigned.Count, (await MailsToAsync(arena.Judges)).Count);
    }

    [Fact]
    public async Task Commit_IsRefused_WhenInputsChangedSincePreview()
    {
        var arena = await ArenaAsync(entries: 3, judges: 3);
        var (_, commit, _) = await PreviewPlanAsync(arena, "2");
        await AddJudgeAsync(arena.ContestId, "zh-CN", null, ["生物医药"]);

        var page = await FollowAsync(arena, await commit.SubmitAsync());

        Assert.Contains("id=\"status-error\"", page);
        Assert.Contains("请重新预览", page);
        Assert.Empty(await StoredAsync(arena.RoundId));
    }

    [Fact]
    public async Task Preview_ComparesThePlanWithThePairsStoredNow_WhenTheSamePlanWasPreviewedBeforeItsCommit()
    {
        var arena = await ArenaAsync(entries: 3, judges: 3);
        var (pairs, commit, before) = await PreviewPlanAsync(arena, "2");
        Assert.Equal(6, Regex.Matches(before, "class=\"plan-added ").Count);
        await FollowAsync(arena, await commit.SubmitAsync());

        // The solver's input is the same (no pin changed), so the plan is the one kept; what it changes is not.
        var (again, _, after) = await PreviewPlanAsync(arena, "2");

        Assert.Equal(pairs, again);
        Assert.Empty(Regex.Matches(after, "class=\"plan-added "));
        Assert.Contains("id=\"plan-no-changes\"", after);
        Assert.Contains("新增 0 条，移除 0 条", after);
    }

    [Fact]
    public async Task Commit_NeverStoresAConflictedPair_WhenEmployerConflictIsDetectedAndAnotherIsDeclared()
    {
        var arena = await ArenaAsync(entries: 2, judges: 2);
        var detected = await AddJudgeAsync(arena.ContestId, "zh-CN", null, ["新一代信息技术"], employerCreditCode: arena.Entries[0].CreditCode);
        var declared = await AddJudgeAsync(arena.ContestId, "en", null, ["新一代信息技术"]);
        await host.WithDbAsync(db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = arena.ContestId, JudgeUserId = declared.Id, EntryId = arena.Entries[1].Id, Type = ConflictType.Family,
                Source = ConflictSource.Declared, Reason = "亲属在该企业任职", CreatedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        // Pinning a conflicted pair is refused with a message.
        var refused = await FollowAsync(arena, await PairPostAsync(arena, "pin", detected.Id, arena.Entries[0].Id));
        Assert.Contains("存在利益冲突，不能固定分配", refused);

        // With k equal to the whole pool every free judge is needed, so only the conflicts keep these pairs out.
        var (pairs, commit, html) = await PreviewPlanAsync(arena, "4");
        Assert.DoesNotContain((detected.Id, arena.Entries[0].Id), pairs);
        Assert.DoesNotContain((declared.Id, arena.Entries[1].Id), pairs);
        Assert.Contains("只有 3 位评委与该项目无利益冲突，少于每个项目所需的 4 位", html);
        await FollowAsync(arena, await commit.SubmitAsync());

        var stored = PairsOf(await StoredAsync(arena.RoundId));
        Assert.Equal(pairs, stored);
        Assert.DoesNotContain((detected.Id, arena.Entries[0].Id), stored);
        Assert.DoesNotContain((declared.Id, arena.Entries[1].Id), stored);
        Assert.Contains((detected.Id, arena.Entries[1].Id), stored);
        Assert.Contains((declared.Id, arena.Entries[0].Id), stored);
    }

    [Fact]
    public async Task Pin_SurvivesReRunsAndCountsTowardK_WhenOrganizerPinsAJudge()
    {
        var arena = await ArenaAsync(entries: 3, judges: 3);
        var pinned = arena.Judges[2];
        var entry = arena.Entries[0];

        var page = await FollowAsync(arena, await PairPostAsync(arena, "pin", pinned.Id, entry.Id));
        Assert.Contains("id=\"status-message\"", page);
        var row = Assert.Single(await StoredAsync(arena.RoundId));
        Assert.Equal(AssignmentSource.Pinned, row.Source);

        for (var seed = 1; seed <= 3; seed++)
        {
            var (pairs, commit, html) = await PreviewPlanAsync(arena, "1", seed.ToString());
            // k = 1 and the pin fills it: nobody else reviews the pinned entry.
            Assert.Equal([(pinned.Id, entry.Id)], pairs.Where(p => p.Entry == entry.Id).ToList());
            Assert.Contains($"data-judge-id=\"{pinned.Id}\" data-pinned=\"true\"", html);
            await FollowAsync(arena, await commit.SubmitAsync());
            var stored = await StoredAsync(arena.RoundId);
            Assert.Equal(pairs, PairsOf(stored));
            Assert.Equal(AssignmentSource.Pinned, Assert.Single(stored, r => r.EntryId == entry.Id).Source);
            Assert.NotNull(Assert.Single(stored, r => r.EntryId == entry.Id).NotifiedAt);
        }
        // The pin was stored before any commit; the first commit told the judge about it.
        var first = (await MailsToAsync([pinned])).OrderBy(m => m.Id).First();
        using (var payload = JsonDocument.Parse(first.PayloadJson))
            Assert.Contains(entry.Title, payload.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetString()));

        await FollowAsync(arena, await PairPostAsync(arena, "unpin", pinned.Id, entry.Id));
        Assert.Equal(AssignmentSource.Auto, Assert.Single(await StoredAsync(arena.RoundId), r => r.EntryId == entry.Id).Source);
        Assert.Contains(await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Round" && a.EntityId == arena.RoundId.ToString()).Select(a => a.Action).ToListAsync()),
            a => a == "assignment-unpinned");
    }

    [Fact]
    public async Task Remove_KeepsTheJudgeOffTheEntryOnReRuns_UntilUnblocked()
    {
        var arena = await ArenaAsync(entries: 1, judges: 3);
        var entry = arena.Entries[0];
        var (_, commit, _) = await PreviewPlanAsync(arena, "3");
        await FollowAsync(arena, await commit.SubmitAsync());
        var removed = arena.Judges[1];

        var page = await FollowAsync(arena, await PairPostAsync(arena, "remove", removed.Id, entry.Id));

        Assert.Contains($"class=\"block-row\" data-judge-id=\"{removed.Id}\" data-entry-id=\"{entry.Id}\"", page);
        Assert.DoesNotContain((removed.Id, entry.Id), PairsOf(await StoredAsync(arena.RoundId)));
        var (pairs, again, html) = await PreviewPlanAsync(arena, "3");
        Assert.DoesNotContain((removed.Id, entry.Id), pairs);
        Assert.Contains("只有 2 位评委与该项目无利益冲突，少于每个项目所需的 3 位", html);
        await FollowAsync(arena, await again.SubmitAsync());
        Assert.Equal(2, (await StoredAsync(arena.RoundId)).Count);
        Assert.DoesNotContain((removed.Id, entry.Id), PairsOf(await StoredAsync(arena.RoundId)));

        await FollowAsync(arena, await PairPostAsync(arena, "unblock", removed.Id, entry.Id));
        var (back, _, _) = await PreviewPlanAsync(arena, "3");
        Assert.Contains((removed.Id, entry.Id), back);
    }

    [Fact]
    public async Task Preview_ExplainsEachShortfall_WhenTooFewJudgesOrTheirLoadsAreFull()
    {
        var few = await ArenaAsync(entries: 2, judges: 2);
        var (_, _, html) = await PreviewPlanAsync(few, "3");
        Assert.Contains("id=\"plan-shortfalls\"", html);
        foreach (var entry in few.Entries)
        {
            Assert.Contains($"class=\"plan-shortfall\" data-entry-id=\"{entry.Id}\" data-missing=\"1\"", html);
            Assert.Contains(entry.Title + "</span>：只有 2 位评委与该项目无利益冲突，少于每个项目所需的 3 位", html);
        }

        var capped = await ArenaAsync(entries: 3, judges: 3, maxLoad: 1);
        var (pairs, commit, cappedHtml) = await PreviewPlanAsync(capped, "2");
        Assert.Equal(3, pairs.Count);
        Assert.Contains("符合条件的评委工作量已满（上限 1）", cappedHtml);
        Assert.Equal("false", Regex.Match(cappedHtml, "data-complete=\"(\\w+)\"").Groups[1].Value);
        // A short plan can still be committed; the page says how many entries stay short.
        var page = await FollowAsync(capped, await commit.SubmitAsync());
        Assert.Contains("个项目评委不足", page);
    }

    [Fact]
    public async Task Assignment_Returns403_WhenOrganizerManagesAnotherContest()
    {
        var arena = await ArenaAsync(entries: 1, judges: 1);
        var other = await ArenaAsync(entries: 1, judges: 1);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Organizer.GetAsync(arena.Url)).StatusCode);
        foreach (var action in new[] { "preview", "commit", "pin", "remove", "unblock", "unpin" })
        {
            var response = await other.Organizer.PostTamperedAsync($"{arena.Url}/{action}",
                [new("K", "1"), new("JudgeUserId", arena.Judges[0].Id), new("EntryId", arena.Entries[0].Id.ToString())],
                formPage: other.Url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Empty(await StoredAsync(arena.RoundId));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organizer.GetAsync("/manage/rounds/987654/assignment")).StatusCode);
    }

    [Fact]
    public async Task Assignment_ShowsAMessageAndNoPlan_WhenRoundIsRoadshow()
    {
        var arena = await ArenaAsync(entries: 2, judges: 2, kind: RoundKind.Roadshow);

        var page = WebUtility.HtmlDecode(await arena.Organizer.GetStringAsync(arena.Url));
        Assert.Contains("id=\"assignment-refusal\"", page);
        Assert.Contains("评审分配仅适用于网络评审赛段", page);
        Assert.DoesNotContain("id=\"assignment-preview\"", page);

        // The page carries no form, so the token comes from the contest page.
        var response = await arena.Organizer.PostTamperedAsync(arena.Url + "/preview", [new("K", "1")],
            formPage: $"/manage/contests/{arena.ContestId}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("评审分配仅适用于网络评审赛段", html);
        Assert.DoesNotContain("id=\"plan-table\"", html);

        var pin = await arena.Organizer.PostTamperedAsync(arena.Url + "/pin",
            [new("JudgeUserId", arena.Judges[0].Id), new("EntryId", arena.Entries[0].Id.ToString())], formPage: $"/manage/contests/{arena.ContestId}");
        Assert.Contains("评审分配仅适用于网络评审赛段", await FollowAsync(arena, pin));
        Assert.Empty(await StoredAsync(arena.RoundId));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("16")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task Preview_ShowsValidationMessage_WhenKIsOutOfRange(string k)
    {
        var arena = await ArenaAsync(entries: 1, judges: 1);

        var response = await PreviewAsync(arena, k);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"k-error\"", html);
        Assert.DoesNotContain("id=\"plan-table\"", html);
        if (k is "0" or "16" or "-3") Assert.Contains("每个项目的评委人数须在 1 到 15 之间", html);

        // No commit form is offered; one sent by hand is refused without storing anything.
        var commit = await arena.Organizer.PostTamperedAsync(arena.Url + "/commit", [new("K", k), new("Seed", "1"), new("Fingerprint", "x")], arena.Url);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Empty(await StoredAsync(arena.RoundId));
    }

    [Fact]
    public async Task AdjustActions_ShowMessages_WhenJudgeOrEntryIsUnknown()
    {
        var arena = await ArenaAsync(entries: 1, judges: 1);

        var pin = await FollowAsync(arena, await TamperedPairPostAsync(arena, "pin", "no-such-judge", arena.Entries[0].Id));
        Assert.Contains("该评委不在本赛事已接受邀请的评委库中", pin);
        var pinEntry = await FollowAsync(arena, await TamperedPairPostAsync(arena, "pin", arena.Judges[0].Id, 987654));
        Assert.Contains("该项目不在本赛段的待评审项目中", pinEntry);
        var remove = await FollowAsync(arena, await TamperedPairPostAsync(arena, "remove", "no-such-judge", 987654));
        Assert.Contains("未找到该评委或项目", remove);
        Assert.Contains("未找到该移除记录", await FollowAsync(arena, await TamperedPairPostAsync(arena, "unblock", arena.Judges[0].Id, 987654)));
        Assert.Contains("未找到该固定分配", await FollowAsync(arena, await TamperedPairPostAsync(arena, "unpin", arena.Judges[0].Id, arena.Entries[0].Id)));
        Assert.Empty(await StoredAsync(arena.RoundId));
        Assert.Empty(await host.WithDbAsync(db => db.AssignmentBlocks.Where(b => b.RoundId == arena.RoundId).ToListAsync()));
    }

    [Fact]
    public async Task Preview_ShowsAnEmptyPlan_WhenRoundHasNoEntriesOrJudges()
    {
        var arena = await ArenaAsync(entries: 0, judges: 0);

        var page = WebUtility.HtmlDecode(await arena.Organizer.GetStringAsync(arena.Url));
        Assert.Contains("id=\"no-entries\"", page);
        Assert.Contains("id=\"no-judges\"", page);
        var (pairs, commit, _) = await PreviewPlanAsync(arena, "3");

        Assert.Empty(pairs);
        await FollowAsync(arena, await commit.SubmitAsync());
        Assert.Empty(await StoredAsync(arena.RoundId));
    }

    [Fact]
    public async Task Preview_ExplainsShortfallInEnglish_WhenAdminReadsInEnglish()
    {
        var arena = await ArenaAsync(entries: 1, judges: 2);
        var admin = host.CreateFormClient("en");
        await admin.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);

        var response = await admin.PostFormAsync(arena.Url + "/preview", [new("K", "3")], formPage: arena.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Only 2 judges have no conflict with this entry, fewer than the 3 each entry needs.", html);
        Assert.Contains("Commit this plan", html);
    }

    [Fact]
    public async Task ContestPage_LinksToAssignment_OnlyForOnlineRounds()
    {
        var arena = await ArenaAsync(entries: 1, judges: 1);
        var roadshow = await host.AddRoundAsync(arena.ContestId);
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roadshow).ExecuteUpdateAsync(s => s.SetProperty(r => r.Kind, RoundKind.Roadshow)));

        var page = await arena.Organizer.GetStringAsync($"/manage/contests/{arena.ContestId}");

        Assert.Contains($"href=\"/manage/rounds/{arena.RoundId}/assignment\"", page);
        Assert.DoesNotContain($"href=\"/manage/rounds/{roadshow}/assignment\"", page);
    }

    [Theory]
    [InlineData("zh-CN", "请评审以下 2 个项目", "北京时间")]
    [InlineData("en", "Please review these 2 entries", "China time")]
    public async Task JudgeAssignmentsEmail_ListsTheEntriesAndDeadline_InEachLanguage(string culture, string list, string zone)
    {
        var payload = JsonSerializer.Serialize(new
        {
            displayName = "王评委", contestName = "吉林赛区", roundName = "初赛", deadline = "2027-03-31 23:59",
            entries = new[] { "长白山 <人参>", "智能农机" }, link = "https://hub.example/judging",
        });

        var email = await new EmailTemplates().RenderAsync(CommitAssignment.Template, culture, payload);

        Assert.Contains(list, email.Text);
        Assert.Contains("长白山 <人参>", email.Text);
        Assert.Contains("长白山 &lt;人参&gt;", email.Html);
        Assert.Contains("2027-03-31 23:59", email.Text);
        Assert.Contains(zone, email.Text);
        Assert.Contains("https://hub.example/judging", email.Html);
    }

    [GeneratedRegex("<tr class=\"plan-row[^\"]*\" data-entry-id=\"(?<entry>\\d+)\" data-missing=\"\\d+\"\\s+data-judges=\"(?<judges>[^\"]*)\"")]
    private static partial Regex PlanRow();

    /// <summary>After the plan is stored: the first judge declares a conflict with the first entry, the second leaves the pool.</summary>
    private Task ConflictFirstEntryAndRemoveAsync(Arena arena, string conflictedJudgeId, string leavingJudgeId) =>
        host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = arena.ContestId, JudgeUserId = conflictedJudgeId, EntryId = arena.Entries[0].Id, Type = ConflictType.Family,
                Source = ConflictSource.Declared, Reason = "亲属在该企业任职", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            await db.ContestJudges.Where(j => j.ContestId == arena.ContestId && j.UserId == leavingJudgeId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JudgeStatus.Removed));
        });

    [Fact]
    public async Task Index_NamesTheFirstRevokedPairsCountsTheRest_AndListsAConflictedPin_WhenAJudgeLeavesAndAPinConflicts()
    {
        var arena = await ArenaAsync(entries: 33, judges: 3);
        var (pinned, gone) = (arena.Judges[0], arena.Judges[1]);
        await FollowAsync(arena, await PairPostAsync(arena, "pin", pinned.Id, arena.Entries[0].Id));
        var (_, commit, _) = await PreviewPlanAsync(arena, "2");
        await FollowAsync(arena, await commit.SubmitAsync());
        await ConflictFirstEntryAndRemoveAsync(arena, pinned.Id, gone.Id);
        var stored = await StoredAsync(arena.RoundId);
        var revoked = stored.Where(a => a.JudgeUserId == gone.Id || (a.JudgeUserId == pinned.Id && a.EntryId == arena.Entries[0].Id))
            .OrderBy(a => a.Id).Select(a => (a.JudgeUserId, a.EntryId)).ToList();
        Assert.True(revoked.Count > 20);

        var page = WebUtility.HtmlDecode(await arena.Organizer.GetStringAsync(arena.Url));

        var named = Regex.Matches(page, "class=\"revoked-assignment\" data-judge-id=\"([^\"]+)\" data-entry-id=\"(\\d+)\"")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value))).ToList();
        Assert.Equal(revoked.Take(20), named);
        Assert.Contains($"另有 {revoked.Count - 20} 项", page);
        var conflictedPins = page[page.IndexOf("id=\"conflicted-pins\"", StringComparison.Ordinal)..];
        Assert.Contains(arena.Entries[0].Title, conflictedPins[..conflictedPins.IndexOf("</div>", StringComparison.Ordinal)]);
        Assert.Contains("id=\"pin-block-count\">1 / 0<", page);
        Assert.Contains($"id=\"stored-count\">{stored.Count}<", page);
    }

    [Fact]
    public async Task Preview_ShowsTheStoredStateAsThePageDoes_WhenPairsAreRevokedPinnedConflictedAndBlocked()
    {
        var arena = await ArenaAsync(entries: 33, judges: 3);
        var (pinned, gone, kept) = (arena.Judges[0], arena.Judges[1], arena.Judges[2]);
        await FollowAsync(arena, await PairPostAsync(arena, "pin", pinned.Id, arena.Entries[0].Id));
        await FollowAsync(arena, await PairPostAsync(arena, "pin", kept.Id, arena.Entries[1].Id));
        var (_, commit, _) = await PreviewPlanAsync(arena, "2");
        await FollowAsync(arena, await commit.SubmitAsync());
        var removable = (await StoredAsync(arena.RoundId)).First(a => a.JudgeUserId == kept.Id && a.Source == AssignmentSource.Auto);
        await FollowAsync(arena, await PairPostAsync(arena, "remove", kept.Id, removable.EntryId));
        await ConflictFirstEntryAndRemoveAsync(arena, pinned.Id, gone.Id);

        var page = await arena.Organizer.GetStringAsync(arena.Url);
        var preview = await arena.Organizer.GetStringAsync(arena.Url + "/preview?K=2&Seed=5");

        // The preview works its overview out from the round it read for the solver; what it shows of the stored
        // assignment must be what the page shows reading it from the database.
        string[] sections = ["assignment-summary", "revoked-assignments", "conflicted-pins", "committed-total", "committed-table",
            "blocks-table", "pool-table"];
        var (onPage, onPreview) = (StoredState(page, sections), StoredState(preview, sections));
        Assert.Contains("plan-row", preview);
        Assert.Contains("id=\"pin-block-count\">2 / 1<", onPage["assignment-summary"]);
        Assert.Contains("另有", WebUtility.HtmlDecode(onPage["revoked-assignments"]));
        foreach (var id in sections) Assert.Equal(onPage[id], onPreview[id]);
    }

    [Fact]
    public async Task IndexAndJudgesPage_ShowEachJudgesLoadAsStoredNow_WhenPairsChangeAfterBothWereShown()
    {
        var arena = await ArenaAsync(entries: 4, judges: 2);
        var judge = arena.Judges[0];
        // Shown before any change, so both pages have counted the round once already.
        Assert.Equal((0, 0), (await LoadsShownAsync(arena, judge)));
        Assert.Contains("id=\"pin-block-count\">0 / 0<", await arena.Organizer.GetStringAsync(arena.Url));

        var page = await FollowAsync(arena, await PairPostAsync(arena, "pin", judge.Id, arena.Entries[0].Id));
        Assert.Contains("id=\"pin-block-count\">1 / 0<", page);
        Assert.Contains("id=\"stored-count\">1<", page);
        Assert.Equal((1, 1), await LoadsShownAsync(arena, judge));

        var (_, commit, _) = await PreviewPlanAsync(arena, "2");
        await FollowAsync(arena, await commit.SubmitAsync());
        var stored = await StoredAsync(arena.RoundId);
        Assert.Equal(8, stored.Count);
        Assert.Equal((4, 4), await LoadsShownAsync(arena, judge));

        await FollowAsync(arena, await PairPostAsync(arena, "remove", judge.Id, arena.Entries[1].Id));
        Assert.Equal((3, 3), await LoadsShownAsync(arena, judge));
        Assert.Contains("id=\"stored-count\">7<", await arena.Organizer.GetStringAsync(arena.Url));
    }

    /// <summary>The judge's load in the round as the assignment page shows it, and as the contest's judge pool page does.</summary>
    private static async Task<(int Assignment, int Pool)> LoadsShownAsync(Arena arena, TestJudge judge)
    {
        var page = await arena.Organizer.GetStringAsync(arena.Url);
        var assignment = Regex.Match(page, $"class=\"pool-row\" data-judge-id=\"{Regex.Escape(judge.Id)}\" data-load=\"(\\d+)\"");
        var pool = await arena.Organizer.GetStringAsync($"/manage/contests/{arena.ContestId}/judges");
        var row = pool[pool.IndexOf(judge.Email, StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        var load = Regex.Match(row, $"data-round-id=\"{arena.RoundId}\">(\\d+)<");
        Assert.True(assignment.Success && load.Success, "a page lacks the judge's load");
        return (int.Parse(assignment.Groups[1].Value), int.Parse(load.Groups[1].Value));
    }

    /// <summary>The named sections of a page, without their antiforgery tokens (new on every response).</summary>
    private static Dictionary<string, string> StoredState(string html, string[] ids)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var token in document.QuerySelectorAll("input[name=__RequestVerificationToken]").ToList()) token.Remove();
        return ids.ToDictionary(id => id, id => document.GetElementById(id)?.OuterHtml ?? throw new Xunit.Sdk.XunitException($"#{id} missing"));
    }
}
