using System.Net;
using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Review;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Tests.Review;

public sealed class DecideEntryTests(DecideEntryTests.Host host) : IClassFixture<DecideEntryTests.Host>
{
    public sealed class Host : AppFactory;

    private static Task<FilledForm> DecisionFormAsync(HttpClient client, int entryId, string decision, string reason) =>
        client.FillFormAsync($"/manage/entries/{entryId}/decide", [new("Decision", decision), new("Reason", reason)], formPage: $"/manage/entries/{entryId}");

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, int entryId, string decision, string reason) =>
        await (await DecisionFormAsync(client, entryId, decision, reason)).SubmitAsync();

    /// <summary>A decision no page offers (the entry is not waiting, the version is made up), sent by hand.</summary>
    private static Task<HttpResponseMessage> DecideByHandAsync(HttpClient client, int entryId, string decision, string reason, string version) =>
        client.PostTamperedAsync($"/manage/entries/{entryId}/decide", [new("Decision", decision), new("Reason", reason), new("Version", version)],
            formPage: $"/manage/entries/{entryId}");

    private Task<List<Web.Features.Audit.AuditEntry>> AuditOfAsync(int entryId) =>
        host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Entry" && a.EntityId == entryId.ToString()).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Decision emails whose entry title contains <paramref name="title"/> (the payload is JSON with escaped Chinese).</summary>
    private async Task<List<Web.Features.Notifications.Notification>> MailsAboutAsync(string title)
    {
        var mails = await host.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Template.StartsWith("entry-")).ToListAsync());
        return mails.Where(n =>
        {
            using var payload = JsonDocument.Parse(n.PayloadJson);
            return payload.RootElement.GetProperty("entryTitle").GetString()!.Contains(title, StringComparison.Ordinal);
        }).ToList();
    }

    [Theory]
    [InlineData("Approve", "", EntryStatus.Approved, "approve", DecideEntry.ApprovedTemplate, "zh-CN")]
    [InlineData("Reject", "不符合成长组成立年限要求", EntryStatus.Rejected, "reject", DecideEntry.RejectedTemplate, "en")]
    [InlineData("RequestChanges", "请补充商业计划书第三章", EntryStatus.ChangesRequested, "request-changes", DecideEntry.ChangesRequestedTemplate, "en")]
    public async Task Decide_StoresStatusReasonAuditAndOneEmail_WhenEntryIsSubmitted(string decision, string reason,
        EntryStatus expected, string action, string template, string culture)
    {
        var title = "决定" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title, leaderCulture: culture);
        var client = await host.DemoOrganizerAsync();

        var response = await DecideAsync(client, entry.Id, decision, reason);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/manage/entries/{entry.Id}", response.Headers.Location!.OriginalString);
        var stored = await host.EntryAsync(entry.Id);
        Assert.Equal(expected, stored.Status);
        Assert.Equal(reason.Length == 0 ? null : reason, stored.DecisionReason);
        Assert.NotNull(stored.DecidedAt);

        var audit = Assert.Single(await AuditOfAsync(entry.Id));
        Assert.Equal(action, audit.Action);
        Assert.Equal(TestUsers.DemoOrganizer, audit.UserName);
        Assert.Contains("\"status\":\"Submitted\"", audit.Before);
        Assert.Contains($"\"status\":\"{expected}\"", audit.After);
        if (reason.Length > 0)
        {
            Assert.Equal(reason, audit.Reason);
            Assert.Contains(reason, audit.After);
        }

        var mail = Assert.Single(await MailsAboutAsync(title));
        Assert.Equal(entry.LeaderEmail, mail.Recipient);
        Assert.Equal(template, mail.Template);
        Assert.Equal(culture, mail.Culture);
        using var payload = JsonDocument.Parse(mail.PayloadJson);
        Assert.Equal(title, payload.RootElement.GetProperty("entryTitle").GetString());
        Assert.Equal(reason, payload.RootElement.GetProperty("reason").GetString());
        Assert.EndsWith($"/entries/{entry.Id}", payload.RootElement.GetProperty("link").GetString());
        var contest = await host.WithDbAsync(db => db.Contests.SingleAsync(c => c.Id == entry.ContestId));
        Assert.Equal(culture == "en" ? contest.NameEn : contest.Name, payload.RootElement.GetProperty("contestName").GetString());

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/entries/{entry.Id}"));
        Assert.Contains("id=\"decision-history\"", page);
        Assert.Contains($"data-action=\"{action}\"", page);
        Assert.DoesNotContain("id=\"decision-form\"", page);
    }

    [Fact]
    public async Task Decide_AlsoMailsTheContact_WhenTheContactEmailIsAnotherAddress()
    {
        var title = "联系人" + ReviewData.Tag();
        var contact = TestUsers.NewEmail("contact");
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title, contactEmail: contact);
        var client = await host.DemoOrganizerAsync();

        await DecideAsync(client, entry.Id, "Approve", "");

        var mails = await MailsAboutAsync(title);
        Assert.Equal(new[] { contact, entry.LeaderEmail! }.Order(StringComparer.Ordinal),
            mails.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal(DecideEntry.ApprovedTemplate, m.Template));
    }

    [Theory]
    [InlineData("Reject", "")]
    [InlineData("RequestChanges", "   ")]
    public async Task Decide_AsksForAReason_WhenRejectingOrSendingBackWithoutOne(string decision, string reason)
    {
        var title = "无理由" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title);
        var client = await host.DemoOrganizerAsync();

        var response = await DecideAsync(client, entry.Id, decision, reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不通过或退回修改时必须填写理由。", await response.Content.ReadAsStringAsync());
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
        Assert.Empty(await AuditOfAsync(entry.Id));
        Assert.Empty(await MailsAboutAsync(title));
    }

    [Fact]
    public async Task Decide_RefusesAReasonLongerThan2000Characters()
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "超长" + ReviewData.Tag());
        var client = await host.DemoOrganizerAsync();

        var response = await DecideAsync(client, entry.Id, "Reject", new string('理', 2001));

        Assert.Contains("理由不能超过 2000 个字符。", await response.Content.ReadAsStringAsync());
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
    }

    [Theory]
    [InlineData(EntryStatus.Draft)]
    [InlineData(EntryStatus.ChangesRequested)]
    [InlineData(EntryStatus.Approved)]
    [InlineData(EntryStatus.Withdrawn)]
    public async Task Decide_IsRefused_WhenEntryIsNotSubmitted(EntryStatus status)
    {
        var title = "非待审" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(status, title);
        var client = await host.DemoOrganizerAsync();

        var response = await DecideByHandAsync(client, entry.Id, "Approve", "", (await host.EntryAsync(entry.Id)).Version.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("只有待审核的项目可以审核", await response.Content.ReadAsStringAsync());
        Assert.Equal(status, (await host.EntryAsync(entry.Id)).Status);
        Assert.Empty(await AuditOfAsync(entry.Id));
        Assert.Empty(await MailsAboutAsync(title));
    }

    [Fact]
    public async Task Decide_ShowsAConflictAndChangesNothing_WhenThePageIsStale()
    {
        var title = "并发" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title);
        var first = await host.DemoOrganizerAsync();
        var second = await host.AdminAsync();
        var firstForm = await DecisionFormAsync(first, entry.Id, "RequestChanges", "补充材料");
        var secondForm = await DecisionFormAsync(second, entry.Id, "Reject", "不符合条件");
        Assert.Equal(HttpStatusCode.Redirect, (await firstForm.SubmitAsync()).StatusCode);
        // The team resubmits, so the entry is waiting again, but not the one the second organizer looked at.
        await host.WithDbAsync(async db =>
        {
            var e = await db.Entries.SingleAsync(x => x.Id == entry.Id);
            e.Status = EntryStatus.Submitted;
            await db.SaveChangesAsync();
        });
        var before = await host.EntryAsync(entry.Id);

        var response = await secondForm.SubmitAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("该项目刚被其他组织者处理过", await response.Content.ReadAsStringAsync());
        var after = await host.EntryAsync(entry.Id);
        Assert.Equal(EntryStatus.Submitted, after.Status);
        Assert.Equal("补充材料", after.DecisionReason);
        Assert.Equal(before.Version, after.Version);
        Assert.Single(await AuditOfAsync(entry.Id));
        Assert.Single(await MailsAboutAsync(title));
    }

    [Fact]
    public async Task Decide_ShowsTheConflictInEnglish_WhenTheOrganizerReadsEnglish()
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "英文" + ReviewData.Tag());
        var client = await host.DemoOrganizerAsync("en");

        var response = await DecideByHandAsync(client, entry.Id, "Approve", "", Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("another organizer", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Decision", 34_000)]
    [InlineData("Version", 34_000)]
    [InlineData("Version", 0)]
    public async Task Decide_ShowsTheRefusal_WhenAFieldThePageCannotShowIsMalformed(string field, int length)
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "畸形" + ReviewData.Tag());
        var client = await host.DemoOrganizerAsync();
        var version = (await host.EntryAsync(entry.Id)).Version.ToString();
        var fields = new Dictionary<string, string> { ["Decision"] = "Approve", ["Reason"] = "", ["Version"] = version };
        fields[field] = length == 0 ? "not-a-guid" : new string('长', length);

        var response = await client.PostTamperedAsync($"/manage/entries/{entry.Id}/decide", fields, formPage: $"/manage/entries/{entry.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
    }

    [Fact]
    public async Task DecideMany_ProcessesSubmittedAndSkipsOthers()
    {
        var tag = ReviewData.Tag();
        var a = await host.CreateEntryAsync(EntryStatus.Submitted, $"批量甲{tag}");
        var b = await host.CreateEntryAsync(EntryStatus.Submitted, $"批量乙{tag}");
        var draft = await host.CreateEntryAsync(EntryStatus.Draft, $"批量丙{tag}");
        var approved = await host.CreateEntryAsync(EntryStatus.Approved, $"批量丁{tag}");
        var elsewhere = await host.CreateEntryAsync(EntryStatus.Submitted, $"批量戊{tag}", slug: ReviewData.OtherContest);
        var contestId = await host.ContestIdAsync();
        var client = await host.DemoOrganizerAsync();
        var list = $"/manage/contests/{contestId}/entries?q={tag}";

        // A stale list (or a hand-made request) names entries that are no longer waiting or belong elsewhere.
        var response = await client.PostTamperedAsync($"/manage/contests/{contestId}/entries/decide",
            [
                new("Decision", "RequestChanges"), new("Reason", "请统一补充财务报表"), new("returnUrl", list),
                new("Ids", a.Id.ToString()), new("Ids", b.Id.ToString()), new("Ids", draft.Id.ToString()),
                new("Ids", approved.Id.ToString()), new("Ids", elsewhere.Id.ToString()),
            ], formPage: list);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(list, response.Headers.Location!.OriginalString);
        Assert.Contains("已处理 2 个项目，跳过 3 个", WebUtility.HtmlDecode(await client.GetStringAsync(list)));
        Assert.Equal(EntryStatus.ChangesRequested, (await host.EntryAsync(a.Id)).Status);
        Assert.Equal(EntryStatus.ChangesRequested, (await host.EntryAsync(b.Id)).Status);
        Assert.Equal("请统一补充财务报表", (await host.EntryAsync(b.Id)).DecisionReason);
        Assert.Equal(EntryStatus.Draft, (await host.EntryAsync(draft.Id)).Status);
        Assert.Equal(EntryStatus.Approved, (await host.EntryAsync(approved.Id)).Status);
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(elsewhere.Id)).Status);
        Assert.Single(await AuditOfAsync(a.Id));
        Assert.Single(await AuditOfAsync(b.Id));
        Assert.Empty(await AuditOfAsync(draft.Id));
        Assert.Equal(2, (await MailsAboutAsync(tag)).Count);
    }

    [Fact]
    public async Task DecideMany_AsksForAReason_WhenRejecting()
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "批量无理由" + ReviewData.Tag());
        var client = await host.DemoOrganizerAsync();
        var list = $"/manage/contests/{entry.ContestId}/entries";

        var response = await client.PostFormAsync($"{list}/decide",
            [new("Decision", "Reject"), new("Ids", entry.Id.ToString())], formPage: list);

        Assert.Contains("不通过或退回修改时必须填写理由。", WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString)));
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
    }

    [Fact]
    public async Task EntryAndDecide_AreForbidden_ForAnotherContestsOrganizer()
    {
        var title = "越权" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title);
        var client = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/manage/entries/{entry.Id}")).StatusCode);
        var decided = await client.PostTamperedAsync($"/manage/entries/{entry.Id}/decide",
            [new("Decision", "Approve"), new("Reason", "")], formPage: "/");
        var bulk = await client.PostTamperedAsync($"/manage/contests/{entry.ContestId}/entries/decide",
            [new("Decision", "Approve"), new("Ids", entry.Id.ToString())], formPage: "/");

        Assert.Equal(HttpStatusCode.Forbidden, decided.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
        Assert.Empty(await MailsAboutAsync(title));
    }

    [Fact]
    public async Task Entry_ShowsFactsMembersReportMaterialsAndForm_WhenSubmitted()
    {
        var title = "详情" + ReviewData.Tag();
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, title, configure: e =>
        {
            e.Eligible = false;
            e.EligibilityReport = """[{"rule":"成立年限","passed":false,"message":"成立超过 5 年"},{"rule":"信用代码","passed":true,"message":"校验通过"}]""";
            e.PlacementNote = "按成立日期分入初创组";
            e.Materials.Add(new EntryMaterial
            {
                Kind = MaterialKind.BusinessPlan, FileName = "商业计划书.pdf", ContentType = "application/pdf", SizeBytes = 204800,
                StoredName = Guid.NewGuid().ToString("N"), Sha256 = new string('a', 64), UploadedAt = DateTime.UtcNow,
                UploadedByUserId = "someone",
            });
        });
        var materialId = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entry.Id).Select(m => m.Id).SingleAsync());
        var client = await host.DemoOrganizerAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/entries/{entry.Id}"));

        Assert.Contains(title, html);
        Assert.Contains("吉林" + title + "有限公司", html);
        Assert.Contains(entry.LeaderEmail!, html);
        Assert.Contains("成立超过 5 年", html);
        Assert.Contains("data-passed=\"false\"", html);
        Assert.Contains("按成立日期分入初创组", html);
        Assert.Contains($"href=\"/materials/{materialId}\"", html);
        Assert.Contains("商业计划书.pdf", html);
        Assert.Contains("id=\"decide-approve\"", html);
        Assert.Contains($"value=\"{(await host.EntryAsync(entry.Id)).Version}\"", html);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"rule":"x","passed":true}""")]
    [InlineData("""[{"name":"x"}]""")]
    [InlineData("""[1,2]""")]
    public async Task Entry_ShowsNoReport_WhenTheReportHasAnotherShape(string report)
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "报告" + ReviewData.Tag(), configure: e => e.EligibilityReport = report);
        var client = await host.DemoOrganizerAsync();

        var response = await client.GetAsync($"/manage/entries/{entry.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("id=\"eligibility-report\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EntryAndDecide_AreNotFound_WhenEntryDoesNotExist()
    {
        var client = await host.DemoOrganizerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/manage/entries/999999")).StatusCode);
        var decided = await client.PostTamperedAsync("/manage/entries/999999/decide", [new("Decision", "Approve")], formPage: "/");
        Assert.Equal(HttpStatusCode.NotFound, decided.StatusCode);
    }

    [Theory]
    [InlineData("Destroy", "x")]
    [InlineData("", "x")]
    [InlineData("999", "")]
    public async Task Decide_AsksForADecision_WhenNoneOrAnUnknownOneIsPosted(string decision, string reason)
    {
        var entry = await host.CreateEntryAsync(EntryStatus.Submitted, "未知" + ReviewData.Tag());
        var client = await host.DemoOrganizerAsync();

        var response = await DecideByHandAsync(client, entry.Id, decision, reason, "not-a-guid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"decision-error\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(EntryStatus.Submitted, (await host.EntryAsync(entry.Id)).Status);
    }
}
