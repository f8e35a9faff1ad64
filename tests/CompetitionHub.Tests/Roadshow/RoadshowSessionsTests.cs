using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Tests.Review;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Roadshow;

public sealed class RoadshowSessionsTests(RoadshowSessionsTests.Host host) : IClassFixture<RoadshowSessionsTests.Host>
{
    public sealed class Host : RegistrationHost;

    /// <summary>A whole minute ten days ahead, so China-time form values round-trip exactly.</summary>
    private DateTime TenDaysAhead => new DateTime(host.Now.Ticks - host.Now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddDays(10);

    private static string Payload(Notification n, string property)
    {
        using var json = JsonDocument.Parse(n.PayloadJson);
        return json.RootElement.GetProperty(property).ToString();
    }

    private Task<List<Notification>> RemindersAsync(IEnumerable<int> slotIds)
    {
        var references = slotIds.Select(SlotNotices.Reference).ToList();
        return host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Reference != null && references.Contains(n.Reference)).OrderBy(n => n.Id).ToListAsync());
    }

    private Task<RoadshowSession> SessionAsync(int id) =>
        host.WithDbAsync(db => db.RoadshowSessions.AsNoTracking().Include(s => s.Slots).Include(s => s.Panel).SingleAsync(s => s.Id == id));

    [Fact]
    public async Task ContestPage_ShowsTheEnglishVenue_WhenGiven_AndTheChineseOne_WhenEmpty()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var tag = ReviewData.Tag();
        var url = $"/manage/rounds/{roundId}/sessions/new";
        var withEnglish = await organizer.PostFormAsync(url, [.. RoadshowArrange.SessionFields("双语场次" + tag, TenDaysAhead, [entries[0].Id])
            .Where(f => f.Key != "Form.Venue"), new("Form.Venue", "一号厅" + tag), new("Form.VenueEn", "Hall One " + tag)]);
        var chineseOnly = await organizer.PostFormAsync(url, [.. RoadshowArrange.SessionFields("中文场次" + tag, TenDaysAhead, [entries[1].Id])
            .Where(f => f.Key != "Form.Venue"), new("Form.Venue", "二号厅" + tag), new("Form.VenueEn", "")]);
        Assert.Equal(HttpStatusCode.Redirect, withEnglish.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, chineseOnly.StatusCode);
        var contestId = await host.WithDbAsync(db => db.Contests.Where(c => c.Slug == ReviewData.Contest).Select(c => c.Id).SingleAsync());

        var english = WebUtility.HtmlDecode(await host.CreateFormClient("en").GetStringAsync($"/contests/{contestId}"));
        var form = WebUtility.HtmlDecode(await organizer.GetStringAsync($"/manage/rounds/{roundId}/sessions/{RegistrationSteps.IdAtEnd(withEnglish)}"));

        Assert.Contains("Hall One " + tag, english);
        Assert.DoesNotContain("一号厅" + tag, english);
        Assert.Contains("二号厅" + tag, english);
        Assert.Contains($"value=\"Hall One {tag}\"", form);
        Assert.Null((await SessionAsync(RegistrationSteps.IdAtEnd(chineseOnly))).VenueEn);
    }

    [Fact]
    public async Task Draw_ShowsTheRefusal_WhenTheHiddenVersionIsNotAGuid()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "篡改抽签", TenDaysAhead, entries.Select(e => e.Id));
        var page = $"/manage/rounds/{roundId}/sessions/{sessionId}";

        var form = await organizer.FillFormAsync($"{page}/draw", [new("Draw.Seed", "7")], formPage: page);
        var response = await form.Replacing("Draw.Version", "not-a-guid").SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
        Assert.Null((await SessionAsync(sessionId)).DrawSeed);
    }

    [Fact]
    public async Task Update_ShowsTheRefusal_WhenTheHiddenVersionIsHuge()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "篡改版本", TenDaysAhead, entries.Select(e => e.Id));
        var page = $"/manage/rounds/{roundId}/sessions/{sessionId}";

        var form = await organizer.FillFormAsync(page, [new("Form.Name", "改名")]);
        var response = await form.Replacing("Form.Version", new string('长', 34_000)).SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
        Assert.Equal("篡改版本", (await SessionAsync(sessionId)).Name);
    }

    [Fact]
    public async Task Draw_RecordsSeedPositionsAndTimes_AndVerifyConfirms()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(4);
        var organizer = await host.DemoOrganizerAsync();
        var start = TenDaysAhead;
        var sessionId = await organizer.CreateSessionAsync(roundId, "第一场", start, entries.Select(e => e.Id));

        var drawn = await organizer.DrawAsync(host, roundId, sessionId, "20261125");

        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var session = await SessionAsync(sessionId);
        Assert.Equal(20261125, session.DrawSeed);
        Assert.Equal(host.Now, session.DrawnAt);
        Assert.NotNull(session.DrawnByUserId);
        var expected = LotDraw.Draw(entries.Select(e => e.Id).ToList(), 20261125);
        Assert.Equal(expected, session.Slots.OrderBy(x => x.Position).Select(x => x.EntryId));
        foreach (var slot in session.Slots)
            Assert.Equal(start.AddMinutes((slot.Position!.Value - 1) * 15), slot.StartsAt);

        var page = await (await organizer.GetAsync($"/manage/rounds/{roundId}/sessions/{sessionId}")).TextAsync();
        Assert.Contains("id=\"draw-seed-value\">20261125<", page);
        Assert.Contains($"id=\"draw-order\">{string.Join(", ", expected)}<", page);
        Assert.Contains($"id=\"draw-input\">{string.Join(", ", entries.Select(e => e.Id).Order())}<", page);
        Assert.Contains("SplitMix64", page);
        var verify = await (await organizer.GetAsync($"/manage/rounds/{roundId}/sessions/{sessionId}/verify")).TextAsync();
        Assert.Contains("id=\"verify-result\" data-match=\"true\"", verify);
        Assert.DoesNotContain("id=\"verify-changed\"", verify);
    }

    [Fact]
    public async Task Draw_SendsEachTeamItsSlot_WithTheRightTimeAndLanguage()
    {
        var roundId = await host.CreateRoundAsync();
        var chinese = await host.CreateApprovedEntriesAsync(2);
        var english = await host.CreateApprovedEntriesAsync(1, leaderCulture: "en");
        var entries = chinese.Concat(english).ToList();
        var organizer = await host.DemoOrganizerAsync();
        var start = TenDaysAhead;
        var sessionId = await organizer.CreateSessionAsync(roundId, "第二场", start, entries.Select(e => e.Id));
        Assert.Empty(await host.NotificationsToAsync(entries[0].LeaderEmail!, SlotNotices.SlotTemplate));

        await organizer.DrawAsync(host, roundId, sessionId, "7");

        var session = await SessionAsync(sessionId);
        foreach (var entry in entries)
        {
            var slot = session.Slots.Single(x => x.EntryId == entry.Id);
            var mail = Assert.Single(await host.NotificationsToAsync(entry.LeaderEmail!, SlotNotices.SlotTemplate));
            Assert.Equal(ChinaTime.Format(slot.StartsAt), Payload(mail, "startsAt"));
            Assert.Equal(slot.Position.ToString(), Payload(mail, "position"));
            Assert.Equal("第二场", Payload(mail, "sessionName"));
            Assert.Equal("8", Payload(mail, "pitchMinutes"));
            Assert.Equal("7", Payload(mail, "qaMinutes"));
            Assert.Equal(english.Contains(entry) ? "en" : "zh-CN", mail.Culture);
        }
        var rendered = await host.Services.GetRequiredService<EmailTemplates>().RenderAsync(SlotNotices.SlotTemplate, "en",
            (await host.NotificationsToAsync(english[0].LeaderEmail!, SlotNotices.SlotTemplate))[0].PayloadJson);
        Assert.Contains("China time", rendered.Text);
    }

    [Fact]
    public async Task Reminder_MovesWithTheSessionStart_AndIsDeletedWhenTheEntryLeaves()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(3);
        var ids = entries.Select(e => e.Id).ToList();
        var organizer = await host.DemoOrganizerAsync();
        var start = TenDaysAhead;
        var sessionId = await organizer.CreateSessionAsync(roundId, "第三场", start, ids);
        await organizer.DrawAsync(host, roundId, sessionId, "99");
        var session = await SessionAsync(sessionId);
        var reminders = await RemindersAsync(session.Slots.Select(x => x.Id));
        Assert.Equal(3, reminders.Count);
        foreach (var slot in session.Slots)
        {
            var reminder = reminders.Single(n => n.Reference == SlotNotices.Reference(slot.Id));
            Assert.Equal(SlotNotices.ReminderTemplate, reminder.Template);
            Assert.Equal(NotificationStatus.Pending, reminder.Status);
            Assert.Equal(slot.StartsAt!.Value.AddHours(-24), reminder.DueAt);
        }

        var moved = await organizer.UpdateSessionAsync(host, roundId, sessionId, "第三场", start.AddHours(2), ids);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await RemindersAsync(session.Slots.Select(x => x.Id));
        Assert.Equal(reminders.Select(n => n.Id), after.Select(n => n.Id));
        foreach (var reminder in after)
        {
            var old = reminders.Single(n => n.Id == reminder.Id);
            Assert.Equal(old.DueAt.AddHours(2), reminder.DueAt);
            Assert.Equal(old.DueAt.AddHours(2), reminder.NextAttemptAt);
            Assert.Equal(ChinaTime.Format(old.DueAt.AddHours(26)), Payload(reminder, "startsAt"));
        }
        // The time changed for every team, so each got a second slot email with the new time.
        Assert.Equal(2, (await host.NotificationsToAsync(entries[0].LeaderEmail!, SlotNotices.SlotTemplate)).Count);

        var leaving = session.Slots.Single(x => x.EntryId == ids[0]);
        var removed = await organizer.UpdateSessionAsync(host, roundId, sessionId, "第三场", start.AddHours(2), ids.Skip(1));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var remaining = await RemindersAsync(session.Slots.Select(x => x.Id));
        Assert.DoesNotContain(remaining, n => n.Reference == SlotNotices.Reference(leaving.Id));
        Assert.Equal(2, remaining.Count);
        // The others keep their places and times: no new slot email for them.
        Assert.Equal(2, (await host.NotificationsToAsync(entries[1].LeaderEmail!, SlotNotices.SlotTemplate)).Count);
    }

    [Fact]
    public async Task Reminder_IsNotQueued_WhenTheSlotIsLessThan24HoursAway()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        var soon = new DateTime(host.Now.Ticks - host.Now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddHours(3);
        var sessionId = await organizer.CreateSessionAsync(roundId, "临时场", soon, entries.Select(e => e.Id));

        await organizer.DrawAsync(host, roundId, sessionId);

        var session = await SessionAsync(sessionId);
        Assert.NotNull(session.DrawSeed);
        Assert.Empty(await RemindersAsync(session.Slots.Select(x => x.Id)));
        Assert.Single(await host.NotificationsToAsync(entries[0].LeaderEmail!, SlotNotices.SlotTemplate));
    }

    [Fact]
    public async Task Recusal_CoversOnlyTheConflictedEntry_AndShowsOnTheSessionPage()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var conflicted = await host.CreateJudgeAsync("回避评委");
        var clear = await host.CreateJudgeAsync("无冲突评委");
        await host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = entries[0].ContestId, JudgeUserId = conflicted, EntryId = entries[0].Id, Type = ConflictType.Family,
                Source = ConflictSource.Declared, Reason = "表亲", CreatedAt = DateTime.UtcNow, CreatedByUserId = conflicted,
            });
            await db.SaveChangesAsync();
        });
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "第四场", TenDaysAhead, entries.Select(e => e.Id), [conflicted, clear]);

        await using var scope = host.Services.CreateAsyncScope();
        var recused = await scope.ServiceProvider.GetRequiredService<Recusals>().ForSessionAsync(sessionId, CancellationToken.None);

        Assert.Equal([(conflicted, entries[0].Id)], recused);
        var page = await (await organizer.GetAsync($"/manage/rounds/{roundId}/sessions/{sessionId}")).TextAsync();
        Assert.Contains($"data-judge-id=\"{conflicted}\" data-entry-id=\"{entries[0].Id}\" data-recused=\"true\"", page);
        Assert.Contains($"data-judge-id=\"{conflicted}\" data-entry-id=\"{entries[1].Id}\" data-recused=\"false\"", page);
        Assert.Contains($"data-judge-id=\"{clear}\" data-entry-id=\"{entries[0].Id}\" data-recused=\"false\"", page);
        Assert.Contains("回避 <span class=\"small\">(亲属关系)</span>", page);
    }

    [Fact]
    public async Task Recusals_AreTheActiveConflictsBetweenThePanelAndTheSessionsEntries_OfEveryKind()
    {
        var roundId = await host.CreateRoundAsync();
        var (employer, organization) = (Judging.JudgingData.ValidCreditCode(), Judging.JudgingData.ValidCreditCode());
        Task<TestEntry> EntryAsync(string? code) =>
            host.CreateEntryAsync(EntryStatus.Approved, "路演项目" + ReviewData.Tag(), configure: e => e.CreditCode = code);
        var (employs, ofOrganization, lifted, clear, outside) =
            (await EntryAsync(employer), await EntryAsync(organization), await EntryAsync(employer), await EntryAsync(null), await EntryAsync(employer));
        var (employed, barred, declared) = (await host.CreateJudgeAsync("在职评委"), await host.CreateJudgeAsync("机构回避评委"), await host.CreateJudgeAsync("申报评委"));
        await host.WithDbAsync(async db =>
        {
            db.JudgeProfiles.Add(new JudgeProfile { UserId = employed, Affiliation = "某公司", AffiliationCreditCode = employer });
            Conflict Recorded(string judge, int? entryId, ConflictType type, ConflictSource source, bool active, string? code = null) => new()
            {
                ContestId = employs.ContestId, JudgeUserId = judge, EntryId = entryId, OrganizationCreditCode = code, Type = type,
                Source = source, Reason = "回避", IsActive = active, CreatedAt = DateTime.UtcNow, CreatedByUserId = judge,
            };
            db.Conflicts.AddRange(
                Recorded(employed, lifted.Id, ConflictType.Employer, ConflictSource.Detected, active: false),
                Recorded(barred, null, ConflictType.Other, ConflictSource.Organizer, active: true, code: organization),
                Recorded(declared, outside.Id, ConflictType.Family, ConflictSource.Declared, active: true),
                Recorded(declared, clear.Id, ConflictType.Family, ConflictSource.Declared, active: false));
            await db.SaveChangesAsync();
        });
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "回避场" + ReviewData.Tag(), TenDaysAhead,
            [employs.Id, ofOrganization.Id, lifted.Id, clear.Id], [employed, barred, declared]);

        await using var scope = host.Services.CreateAsyncScope();
        var recused = await scope.ServiceProvider.GetRequiredService<Recusals>().ForSessionAsync(sessionId, CancellationToken.None);

        // The employer's other entry outside the session, the lifted detection and the withdrawn declaration recuse no one.
        Assert.Equal(new HashSet<(string, int)> { (employed, employs.Id), (barred, ofOrganization.Id) }, recused.ToHashSet());
    }

    [Fact]
    public async Task SessionPages_ShowEnglish_WhenTheOrganizerReadsEnglish()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var judge = await host.CreateJudgeAsync("English judge");
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "Morning", TenDaysAhead, entries.Select(e => e.Id), [judge]);
        await organizer.DrawAsync(host, roundId, sessionId, "5");
        var english = await host.DemoOrganizerAsync("en");

        var list = await (await english.GetAsync($"/manage/rounds/{roundId}/sessions")).TextAsync();
        var page = await (await english.GetAsync($"/manage/rounds/{roundId}/sessions/{sessionId}")).TextAsync();
        var verify = await (await english.GetAsync($"/manage/rounds/{roundId}/sessions/{sessionId}/verify")).TextAsync();

        Assert.Contains("Roadshow sessions", list);
        Assert.Contains("Running order", page);
        Assert.Contains("Recusals", page);
        Assert.Contains("Verified: recomputing with seed 5 gives the published order.", verify);
    }

    [Fact]
    public async Task Sessions_Returns403_WhenOrganizerIsNotAssignedToTheContest()
    {
        var roundId = await host.CreateRoundAsync();
        var outsider = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/manage/rounds/{roundId}/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/manage/rounds/{roundId}/sessions/new")).StatusCode);
    }

    [Fact]
    public async Task Sessions_RefusesWithAMessage_WhenTheRoundIsAnOnlineReview()
    {
        var roundId = await host.CreateRoundAsync(RoundKind.OnlineReview);
        var organizer = await host.DemoOrganizerAsync();

        var response = await organizer.GetAsync($"/manage/rounds/{roundId}/sessions");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("只有路演赛段才能安排路演场次", await response.TextAsync());
    }

    [Fact]
    public async Task ContestSetupPage_LinksToSessions_ForRoadshowRoundsOnly()
    {
        var roadshow = await host.CreateRoundAsync();
        var online = await host.CreateRoundAsync(RoundKind.OnlineReview);
        var organizer = await host.DemoOrganizerAsync();

        var page = await (await organizer.GetAsync($"/manage/contests/{await host.ContestIdAsync()}")).TextAsync();

        Assert.Contains($"href=\"/manage/rounds/{roadshow}/sessions\"", page);
        Assert.DoesNotContain($"href=\"/manage/rounds/{online}/sessions\"", page);
    }

    [Fact]
    public async Task Save_RefusesWithAMessage_WhenAnEntryIsInAnotherSessionOfTheRound()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(2);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.CreateSessionAsync(roundId, "上午场", TenDaysAhead, [entries[0].Id]);

        // The page offers only entries in no other session: this one is sent by hand.
        var response = await organizer.PostTamperedAsync($"/manage/rounds/{roundId}/sessions/new",
            RoadshowArrange.SessionFields("下午场", TenDaysAhead.AddHours(4), entries.Select(e => e.Id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await host.EntryAsync(entries[0].Id);
        Assert.Contains($"项目“{entry.Title}”已在本赛段的其他场次中。", await response.TextAsync());
        Assert.Equal(1, await host.WithDbAsync(db => db.SessionSlots.CountAsync(x => x.RoundId == roundId)));
    }

    [Fact]
    public async Task Save_ShowsAConflictMessage_WhenTheVersionIsStale()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(1);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "第五场", TenDaysAhead, entries.Select(e => e.Id));
        var opened = await host.SessionVersionAsync(sessionId);
        await organizer.UpdateSessionAsync(host, roundId, sessionId, "第五场（改）", TenDaysAhead, entries.Select(e => e.Id));

        var stale = await organizer.UpdateSessionAsync(host, roundId, sessionId, "第五场（旧）", TenDaysAhead, entries.Select(e => e.Id),
            version: opened);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("该场次已被他人修改，请刷新页面后重新操作。", await stale.TextAsync());
        Assert.Equal("第五场（改）", (await SessionAsync(sessionId)).Name);
    }

    [Fact]
    public async Task Redraw_NeedsAReason_AndIsAuditedWithBothOrders()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(5);
        var organizer = await host.DemoOrganizerAsync();
        var sessionId = await organizer.CreateSessionAsync(roundId, "第六场", TenDaysAhead, entries.Select(e => e.Id));
        await organizer.DrawAsync(host, roundId, sessionId, "1");

        var refused = await organizer.DrawAsync(host, roundId, sessionId, "2");
        Assert.Contains("重新抽签须填写原因。", await refused.TextAsync());
        Assert.Equal(1, (await SessionAsync(sessionId)).DrawSeed);

        var redrawn = await organizer.DrawAsync(host, roundId, sessionId, "2", "评委组临时调整");

        Assert.Equal(HttpStatusCode.Redirect, redrawn.StatusCode);
        var ids = entries.Select(e => e.Id).ToList();
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "RoadshowSession" && a.EntityId == sessionId.ToString() && a.Action == "Redraw"));
        Assert.Equal("评委组临时调整", audit.Reason);
        Assert.Contains(string.Join(",", LotDraw.Draw(ids, 1)), audit.Before);
        Assert.Contains(string.Join(",", LotDraw.Draw(ids, 2)), audit.After);
        // Only the teams whose time changed hear again.
        var session = await SessionAsync(sessionId);
        var first = LotDraw.Draw(ids, 1).ToList();
        foreach (var entry in entries)
        {
            var unchanged = first.IndexOf(entry.Id) + 1 == session.Slots.Single(x => x.EntryId == entry.Id).Position;
            Assert.Equal(unchanged ? 1 : 2, (await host.NotificationsToAsync(entry.LeaderEmail!, SlotNotices.SlotTemplate)).Count);
        }
    }

    [Fact]
    public async Task Delete_IsRefused_AfterTheDraw()
    {
        var roundId = await host.CreateRoundAsync();
        var entries = await host.CreateApprovedEntriesAsync(1);
        var organizer = await host.DemoOrganizerAsync();
        var kept = await organizer.CreateSessionAsync(roundId, "已抽签场", TenDaysAhead, entries.Select(e => e.Id));
        var gone = await organizer.CreateSessionAsync(roundId, "空场", TenDaysAhead.AddDays(1), []);
        await organizer.DrawAsync(host, roundId, kept);
        var url = $"/manage/rounds/{roundId}/sessions";

        await organizer.PostTamperedAsync($"{url}/{kept}/delete", [], $"{url}/{kept}");
        var deleted = await organizer.PostFormAsync($"{url}/{gone}/delete", [], $"{url}/{gone}");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.RoadshowSessions.AnyAsync(s => s.Id == kept)));
        Assert.False(await host.WithDbAsync(db => db.RoadshowSessions.AnyAsync(s => s.Id == gone)));
    }

    [Theory]
    [InlineData("Form.PitchMinutes", "0")]
    [InlineData("Form.QaMinutes", "61")]
    [InlineData("Form.StartsAt", "9999-12-31T23:59")]
    [InlineData("Form.StartsAt", "not a time")]
    [InlineData("Form.EntryIds", "-5")]
    [InlineData("Form.JudgeUserIds", "nobody")]
    public async Task Save_ShowsTheFormAgain_WhenInputIsInvalid(string field, string value)
    {
        var roundId = await host.CreateRoundAsync();
        var organizer = await host.DemoOrganizerAsync();
        var fields = RoadshowArrange.SessionFields("校验场", TenDaysAhead, []).Where(f => f.Key != field).ToList();
        fields.Add(new(field, value));

        // Values the form's inputs and lists cannot hold are sent by hand.
        var response = await organizer.PostTamperedAsync($"/manage/rounds/{roundId}/sessions/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.RoadshowSessions.AnyAsync(s => s.RoundId == roundId)));
    }
}
