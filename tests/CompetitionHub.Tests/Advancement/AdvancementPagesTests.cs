using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Registration;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Advancement;

public sealed class AdvancementPagesTests(AdvancementPagesTests.Host host) : IClassFixture<AdvancementPagesTests.Host>
{
    public sealed class Host : AppFactory;

    private static KeyValuePair<string, string> F(string name, object value) => new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    private async Task SaveQuotaAsync(ScoredContest c, int quota)
    {
        var response = await c.Organizer.PostFormAsync(c.AdvancementUrl + "/quota", [F("TrackId", c.TrackId), F("Quota", quota)], c.AdvancementUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<HttpResponseMessage> ConfirmAsync(ScoredContest c, HttpClient? client = null, Guid? version = null,
        IEnumerable<int>? picked = null, string? reason = null)
    {
        List<KeyValuePair<string, string>> fields = [F("TrackId", c.TrackId), F("Version", version ?? await host.AdvancementVersionAsync(c))];
        fields.AddRange((picked ?? []).Select(id => F("Picked", id)));
        if (reason is not null) fields.Add(F("Reason", reason));
        return await (client ?? c.Organizer).PostFormAsync(c.AdvancementUrl + "/confirm", fields, c.AdvancementUrl);
    }

    [Fact]
    public async Task Confirm_IsRefusedWithTheTie_WhenTheQuotaLineFallsInsideATie()
    {
        var c = await host.ScoredContestAsync([90, 80, 70, 70, 60]);
        await SaveQuotaAsync(c, 3);

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains($"id=\"cut-tie-{c.TrackId}\"", page);
        Assert.Contains("第 3 名有 2 个项目并列", page);

        var refused = await c.Organizer.OutcomeAsync(await ConfirmAsync(c));
        Assert.Contains("晋级线（名额 3 个）落在并列之中", refused);
        var noReason = await c.Organizer.OutcomeAsync(await ConfirmAsync(c, picked: [c.Entries[3].Id]));
        Assert.Contains("必须填写理由", noReason);
        foreach (var e in c.Entries)
            Assert.Equal(EntryStatus.Approved, await host.StatusAsync(e.Id));
        Assert.False(await host.WithDbAsync(db => db.AdvancementOutcomes.AnyAsync(o => o.RoundId == c.RoundId)));
    }

    [Fact]
    public async Task Confirm_IsRefusedInEnglish_WhenTheOrganizerReadsEnglish()
    {
        var c = await host.ScoredContestAsync([90, 80, 80], organizerCulture: "en");
        await SaveQuotaAsync(c, 2);

        var refused = await c.Organizer.OutcomeAsync(await ConfirmAsync(c));

        Assert.Contains("2 entries share rank 2", refused);
    }

    [Fact]
    public async Task Confirm_AdvancesThePicksNotifiesEveryTeamAndAudits_WhenTheOrganizerSettlesTheTie()
    {
        var c = await host.ScoredContestAsync([90, 80, 70, 70, 60]);
        await SaveQuotaAsync(c, 3);

        var done = await c.Organizer.OutcomeAsync(await ConfirmAsync(c, picked: [c.Entries[3].Id], reason: "路演现场答辩表现更好"));

        Assert.Contains("3 个项目晋级“决赛”", done);
        EntryStatus[] expected = [EntryStatus.Advanced, EntryStatus.Advanced, EntryStatus.Eliminated, EntryStatus.Advanced, EntryStatus.Eliminated];
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], await host.StatusAsync(c.Entries[i].Id));

        var english = Assert.Single(await host.NotificationsToAsync(c.Entries[0].LeaderEmail!, ConfirmAdvancement.AdvancedTemplate));
        Assert.Equal("en", english.Culture);
        Assert.Equal("Final", JsonDocument.Parse(english.PayloadJson).RootElement.GetProperty("nextRoundName").GetString());
        Assert.Single(await host.NotificationsToAsync(c.Entries[3].LeaderEmail!, ConfirmAdvancement.AdvancedTemplate));
        var notAdvanced = Assert.Single(await host.NotificationsToAsync(c.Entries[2].LeaderEmail!, ConfirmAdvancement.NotAdvancedTemplate));
        Assert.Equal("决赛", JsonDocument.Parse(notAdvanced.PayloadJson).RootElement.GetProperty("nextRoundName").GetString());
        Assert.Single(await host.NotificationsToAsync(c.Entries[4].LeaderEmail!, ConfirmAdvancement.NotAdvancedTemplate));

        var picked = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(Entry) && a.EntityId == c.Entries[3].Id.ToString() && a.Action == "advanced"));
        Assert.Equal("路演现场答辩表现更好", picked.Reason);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == nameof(TrackAdvancement) && a.EntityId == $"{c.RoundId}/{c.TrackId}" && a.Action == "confirm")));

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains($"id=\"confirmed-{c.TrackId}\"", page);
        Assert.DoesNotContain($"id=\"confirm-form-{c.TrackId}\"", page);
    }

    [Fact]
    public async Task Confirm_AdvancesOnce_WhenTwoOrganizersConfirmAtTheSameTime()
    {
        var second = await host.SignedInAsync(TestUsers.DemoAdmin);
        for (var race = 0; race < 3; race++)
        {
            var c = await host.ScoredContestAsync([90, 80, 70, 60]);
            await SaveQuotaAsync(c, 2);
            // Both have the page open, with the same version, before either clicks.
            var forms = new List<FilledForm>();
            foreach (var client in new[] { c.Organizer, second })
                forms.Add(await client.FillFormAsync(c.AdvancementUrl + "/confirm", [F("TrackId", c.TrackId)], formPage: c.AdvancementUrl));

            var results = await Task.WhenAll(forms.Select(f => f.SubmitAsync()));

            // One is told it is done, the other that someone else confirmed it (just now, or before its read): never
            // that the entries changed, which would send the organizer looking for a change that did not happen.
            var pages = await Task.WhenAll(results.Select((r, i) => (i == 0 ? c.Organizer : second).OutcomeAsync(r)));
            var told = pages.Select(p => string.Join(" | ", PageMessages.Successes(p).Concat(PageMessages.Errors(p)))).ToList();
            Assert.Single(told, m => m.Contains("个项目晋级“决赛”", StringComparison.Ordinal));
            Assert.Single(told, m => m.Contains("该组别的晋级刚被他人确认或修改", StringComparison.Ordinal)
                || m.Contains("该组别的晋级已确认。", StringComparison.Ordinal));
            Assert.Equal(4, await host.WithDbAsync(db => db.AdvancementOutcomes.CountAsync(o => o.RoundId == c.RoundId)));
            Assert.Single(await host.NotificationsToAsync(c.Entries[1].LeaderEmail!, ConfirmAdvancement.AdvancedTemplate));
            Assert.Single(await host.NotificationsToAsync(c.Entries[2].LeaderEmail!, ConfirmAdvancement.NotAdvancedTemplate));
            Assert.Equal(1, await host.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
                a.EntityType == nameof(TrackAdvancement) && a.EntityId == $"{c.RoundId}/{c.TrackId}" && a.Action == "confirm")));
        }
    }

    [Fact]
    public async Task Confirm_IsRefused_WhenTheRoundIsStillScoring()
    {
        var c = await host.ScoredContestAsync([90, 80], status: RoundStatus.Scoring);
        await SaveQuotaAsync(c, 1);

        // The page offers no confirmation while the round is scoring: one is sent by hand.
        var refused = await c.Organizer.OutcomeAsync(await c.Organizer.PostTamperedAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", await host.AdvancementVersionAsync(c))], c.AdvancementUrl));

        Assert.Contains("关闭赛段后才能确认晋级", refused);
        Assert.Equal(EntryStatus.Approved, await host.StatusAsync(c.Entries[0].Id));
    }

    [Fact]
    public async Task Backfill_AdvancesTheNextEntryInScoreOrder_WhenAnAdvancedEntryWithdraws()
    {
        var c = await host.ScoredContestAsync([90, 80, 60, 70]);
        await SaveQuotaAsync(c, 2);
        await c.Organizer.OutcomeAsync(await ConfirmAsync(c));
        var leader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");

        var withdrawn = await leader.EntryActionAsync(host, c.Entries[0].Id, "withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(EntryStatus.Withdrawn, await host.StatusAsync(c.Entries[0].Id));

        var page = await c.Organizer.GetStringAsync(c.AdvancementUrl);
        Assert.Contains($"id=\"vacancy-{c.TrackId}\"", page);
        var done = await c.Organizer.OutcomeAsync(await c.Organizer.PostFormAsync(c.AdvancementUrl + "/backfill",
            [F("TrackId", c.TrackId), F("Version", await host.AdvancementVersionAsync(c))], c.AdvancementUrl));

        // 70 (the fourth entry) ranks above 60 (the third): score order, not registration order.
        Assert.Contains("已递补晋级", done);
        Assert.Equal(EntryStatus.Advanced, await host.StatusAsync(c.Entries[3].Id));
        Assert.Equal(EntryStatus.Eliminated, await host.StatusAsync(c.Entries[2].Id));
        var mail = (await host.NotificationsToAsync(c.Entries[3].LeaderEmail!, ConfirmAdvancement.AdvancedTemplate)).Single(n =>
            JsonDocument.Parse(n.PayloadJson).RootElement.GetProperty("backfilled").GetBoolean());
        Assert.Equal("zh-CN", mail.Culture);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == nameof(Entry) && a.EntityId == c.Entries[3].Id.ToString() && a.Action == "backfilled")));

        // The page no longer offers a backfill; one sent by hand finds nothing to fill.
        var again = await c.Organizer.OutcomeAsync(await c.Organizer.PostTamperedAsync(c.AdvancementUrl + "/backfill",
            [F("TrackId", c.TrackId), F("Version", await host.AdvancementVersionAsync(c))], c.AdvancementUrl));
        Assert.Contains("没有因撤回而空出的晋级名额", again);
        Assert.Equal(EntryStatus.Eliminated, await host.StatusAsync(c.Entries[2].Id));
    }

    [Fact]
    public async Task Withdraw_IsRefused_WhenTheNextRoundHasStarted()
    {
        var c = await host.ScoredContestAsync([90, 80]);
        await SaveQuotaAsync(c, 1);
        await c.Organizer.OutcomeAsync(await ConfirmAsync(c));
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == c.NextRoundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Scoring)));
        var leader = await host.SignedInAsync(c.Entries[0].LeaderEmail!, "Secret123");

        // The page no longer offers withdrawal once the next round has started: a stale page or a hand-made request.
        var refused = await leader.EntryActionByHandAsync(host, c.Entries[0].Id, "withdraw");

        Assert.Contains("已经开始，晋级项目不能再撤回", await leader.RefusalAsync(refused));
        Assert.Equal(EntryStatus.Advanced, await host.StatusAsync(c.Entries[0].Id));
    }

    [Fact]
    public async Task Pages_AreForbidden_WhenTheOrganizerManagesAnotherContest()
    {
        var c = await host.ScoredContestAsync([90, 80]);
        await SaveQuotaAsync(c, 1);
        var (foreign, _) = await host.NewOrganizerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await foreign.GetAsync(c.AdvancementUrl)).StatusCode);
        var post = await foreign.PostTamperedAsync(c.AdvancementUrl + "/confirm",
            [F("TrackId", c.TrackId), F("Version", await host.AdvancementVersionAsync(c))], "/");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(EntryStatus.Approved, await host.StatusAsync(c.Entries[0].Id));
        Assert.Equal(HttpStatusCode.NotFound, (await c.Organizer.GetAsync($"/manage/contests/{c.ContestId}/rounds/999999/advancement")).StatusCode);
    }
}
