using System.Net;
using System.Text;
using System.Text.Json;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Tests.Publication;

public sealed class PublicationWorkflowTests(PublicationWorkflowTests.Host host) : IClassFixture<PublicationWorkflowTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => With("Hangfire:Server", "false").WithClock(Clock);

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 6, 1, 2, 0, 0, TimeSpan.Zero));
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private DateTime Now => host.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Publication_GoesFromScoresThroughObjectionAndCorrectionToFinal_KeepingBothVersions()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();

        // The draft as computed from the sheets.
        var manage = await organizer.GetStringAsync(a.ManageUrl);
        Assert.Contains(a.HighTitle, manage);
        Assert.Contains("id=\"publication-none\"", manage);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync(a.PublicUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync($"/api/v1/rounds/{a.Round.Id}/rankings")).StatusCode);

        // 公示 for 7 days.
        var published = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl,
            ("Days", "7"), ("Current", "0"), ("Note", "")));
        Assert.Contains("id=\"status-message\"", published);
        var v1 = await VersionAsync(a, 1);
        Assert.Equal(PublicationStage.Announcement, v1.Stage);
        Assert.Equal(Now.AddDays(7), v1.AnnouncementEndsAt);
        Assert.Equal([a.High.Id, a.Middle.Id, a.Low.Id], v1.Rows.OrderBy(r => r.Rank).Select(r => r.EntryId));
        Assert.Equal(3650, v1.Rows.Single(r => r.EntryId == a.Low.Id).ScoreHundredths);
        Assert.Equal(2, v1.Rows.Single(r => r.EntryId == a.Low.Id).JudgeCount);
        await AssertQueuedAsync(PublishResults.AnnouncedTemplate, a.High.LeaderEmail!, a.Middle.LeaderEmail!, a.Low.LeaderEmail!);

        // The public page: ranking, 公示 banner with the end date, objection link.
        var page = await host.CreateClient().GetStringAsync(a.PublicUrl);
        Assert.Contains("id=\"announcement-banner\"", page);
        Assert.Contains(Web.Infrastructure.ChinaTime.Format(v1.AnnouncementEndsAt), page);
        Assert.Contains("id=\"objection-link\"", page);
        Assert.True(page.IndexOf(a.HighTitle, StringComparison.Ordinal) < page.IndexOf(a.LowTitle, StringComparison.Ordinal));
        Assert.Contains("36.50", page);
        var contestPage = await host.CreateClient().GetStringAsync($"/contests/{a.ContestId}");
        Assert.Contains($"/contests/{a.ContestId}/rounds/{a.Round.Id}/results", contestPage);

        // The low entry's leader objects, with a PDF.
        var contestant = await host.SignedInAsync(a.Low.LeaderEmail!, "Secret123");
        var filed = await PostObjectionAsync(contestant, a, "评委二对“市场前景”的打分与现场答辩记录不符，请复核。", a.Low.Id, Pdf, "答辩记录.pdf");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var objection = await host.WithDbAsync(db => db.Objections.AsNoTracking().SingleAsync(o => o.RoundId == a.Round.Id));
        Assert.Equal(ObjectionStatus.Pending, objection.Status);
        Assert.Equal("答辩记录.pdf", objection.EvidenceFileName);
        Assert.True(File.Exists(Path.Combine(host.DataPath, "uploads", objection.EvidenceStoredName)));
        // The sweep of files that interrupted uploads left keeps the evidence its objection names, however old.
        File.SetLastWriteTimeUtc(Path.Combine(host.DataPath, "uploads", objection.EvidenceStoredName), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Web.Infrastructure.SweepUploads>().RunAsync(default);
        Assert.True(File.Exists(Path.Combine(host.DataPath, "uploads", objection.EvidenceStoredName)));

        // Evidence: the objector and the organizers, nobody else.
        var own = await contestant.GetAsync($"/objections/{objection.Id}/evidence");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PrivateDownloads.CacheControl, own.Headers.CacheControl?.ToString());
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync($"/objections/{objection.Id}/evidence")).StatusCode);
        var other = await host.SignedInAsync(a.High.LeaderEmail!, "Secret123");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/objections/{objection.Id}/evidence")).StatusCode);

        // Finalizing now is refused: the period runs and an objection is pending.
        var early = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize", a.ManageUrl,
            ("Number", "1"), ("Version", v1.Version.ToString())));
        Assert.Contains("公示期尚未结束", early);
        // Republishing with the objection still open is refused too.
        var republishEarly = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl,
            ("Days", "5"), ("Current", "1"), ("Note", "评分更正")));
        Assert.Contains("还有未处理的异议", republishEarly);

        // The organizer upholds it with a written answer; the objector is told by email.
        var answer = "经核查，评委二的“市场前景”评分录入有误，已按程序更正。";
        var decided = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/objections/{objection.Id}", a.ManageUrl,
            ("Verdict", "Uphold"), ("Answer", answer), ("Version", objection.Version.ToString())));
        Assert.Contains("id=\"status-message\"", decided);
        await AssertQueuedAsync(ObjectionRules.DecidedTemplate, a.Low.LeaderEmail!);
        Assert.Contains(answer, await host.CreateClient().GetStringAsync(a.PublicUrl));
        Assert.Contains(answer, await contestant.GetStringAsync($"{a.PublicUrl}/objection"));

        // A correction of judge 2's sheet (38 → 50) is approved: low now averages 42.50 and passes the middle entry (42.00).
        var organizerId = await host.WithDbAsync(db => db.Users.Where(u => u.Email == TestUsers.DemoOrganizer).Select(u => u.Id).SingleAsync());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var corrections = scope.ServiceProvider.GetRequiredService<ScoreCorrections>();
            Assert.True((await corrections.RequestAsync(a.Judge2.UserId, a.Round.Id, a.Low.Id, new CorrectionForm
            {
                Points = new() { [a.Round.Innovation] = 30, [a.Round.Market] = 20 }, Reason = "市场前景分数录入错误",
            }, CancellationToken.None)).Succeeded);
            var correctionId = await host.WithDbAsync(db => db.ScoreCorrections.Where(c => c.Status == CorrectionStatus.Pending)
                .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
            Assert.True((await corrections.DecideAsync(a.ContestId, correctionId, organizerId,
                new CorrectionDecisionForm { Approve = true, Reason = "异议成立，按答辩记录更正" }, CancellationToken.None)).Succeeded);
        }

        // Republishing needs a reason, and a stale page is a conflict.
        Assert.Contains("重新发布时请说明", await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl,
            ("Days", "5"), ("Current", "1"), ("Note", ""))));
        Assert.Contains("请刷新页面后重试", await organizer.FollowAsync(await organizer.PostTamperedAsync($"{a.ManageUrl}/publish",
            [new("Days", "5"), new("Current", "0"), new("Note", "评分更正")], a.ManageUrl)));
        var republished = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl,
            ("Days", "5"), ("Current", "1"), ("Note", "异议成立，评分已更正")));
        Assert.Contains("id=\"status-message\"", republished);
        var v2 = await VersionAsync(a, 2);
        Assert.Equal([a.High.Id, a.Low.Id, a.Middle.Id], v2.Rows.OrderBy(r => r.Rank).Select(r => r.EntryId));
        Assert.Equal(4250, v2.Rows.Single(r => r.EntryId == a.Low.Id).ScoreHundredths);

        // The diff shows who moved and by how much.
        var diff = await host.CreateClient().GetStringAsync($"{a.PublicUrl}/versions/2/diff");
        Assert.Contains("异议成立，评分已更正", diff);
        var lowRow = Row(diff, a.Low.Id);
        Assert.Contains("data-kind=\"Changed\"", lowRow);
        Assert.Contains("36.50", lowRow);
        Assert.Contains("42.50", lowRow);
        Assert.Contains("data-kind=\"Changed\"", Row(diff, a.Middle.Id));
        Assert.Contains("data-kind=\"Unchanged\"", Row(diff, a.High.Id));

        // The API serves only what is published: the current version and each earlier one as it was.
        using (var current = JsonDocument.Parse(await host.CreateClient().GetStringAsync($"/api/v1/rounds/{a.Round.Id}/rankings")))
        {
            Assert.Equal(2, current.RootElement.GetProperty("version").GetProperty("number").GetInt32());
            var entries = current.RootElement.GetProperty("groups")[0].GetProperty("entries");
            Assert.Equal(a.LowTitle, entries[1].GetProperty("title").GetString());
            Assert.Equal(42.5m, entries[1].GetProperty("score").GetDecimal());
        }
        using (var first = JsonDocument.Parse(await host.CreateClient().GetStringAsync($"/api/v1/rounds/{a.Round.Id}/rankings/versions/1")))
            Assert.Equal(a.MiddleTitle, first.RootElement.GetProperty("groups")[0].GetProperty("entries")[1].GetProperty("title").GetString());
        using (var results = JsonDocument.Parse(await host.CreateClient().GetStringAsync($"/api/v1/contests/{a.ContestId}/results")))
        {
            var round = results.RootElement.GetProperty("rounds").EnumerateArray().Single(r => r.GetProperty("roundId").GetInt32() == a.Round.Id);
            Assert.Equal(2, round.GetProperty("versions").GetArrayLength());
            Assert.Equal("Announcement", round.GetProperty("current").GetProperty("stage").GetString());
        }

        // After the period the organizer finalizes; the teams hear the final result.
        host.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        organizer = await host.DemoOrganizerAsync();
        v2 = await VersionAsync(a, 2);
        var final = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize", a.ManageUrl,
            ("Number", "2"), ("Version", v2.Version.ToString())));
        Assert.Contains("id=\"status-message\"", final);
        Assert.Equal(PublicationStage.Final, (await VersionAsync(a, 2)).Stage);
        Assert.Equal(RoundStatus.Published, await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == a.Round.Id).Select(r => r.Status).SingleAsync()));
        await AssertQueuedAsync(PublishResults.FinalTemplate, a.High.LeaderEmail!, a.Middle.LeaderEmail!, a.Low.LeaderEmail!);
        Assert.Contains("id=\"final-banner\"", await host.CreateClient().GetStringAsync(a.PublicUrl));

        // Both versions are intact.
        var first1 = await VersionAsync(a, 1);
        Assert.Equal(PublicationStage.Announcement, first1.Stage);
        Assert.Equal([a.High.Id, a.Middle.Id, a.Low.Id], first1.Rows.OrderBy(r => r.Rank).Select(r => r.EntryId));
        Assert.Equal(3650, first1.Rows.Single(r => r.EntryId == a.Low.Id).ScoreHundredths);
        Assert.Contains(a.MiddleTitle, Row(await host.CreateClient().GetStringAsync($"{a.PublicUrl}/versions/1"), a.Middle.Id));

        // Exports: the published ranking as XLSX, the score sheets as CSV, Chinese intact.
        var xlsx = await organizer.GetAsync($"{a.ManageUrl}/export/ranking.xlsx?version=2");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(PrivateDownloads.CacheControl, xlsx.Headers.CacheControl?.ToString());
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(3, rows.Count);
            var low = Assert.Single(rows, r => (string?)r["项目名称"] == a.LowTitle);
            Assert.Equal(2, Convert.ToInt32(low["名次"]));
            Assert.Equal(42.5m, Convert.ToDecimal(low["得分"]));
            Assert.Equal("初创组", low["组别"]);
            Assert.StartsWith("团队", (string?)low["团队"]);
        }
        var csv = await organizer.GetAsync($"{a.ManageUrl}/export/sheets.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(PrivateDownloads.CacheControl, csv.Headers.CacheControl?.ToString());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("评委,评委邮箱,项目编号,项目名称,组别,创新性,市场前景,总分,有效总分,更正记录,状态,提交时间（北京时间）,评语", lines[0]);
        Assert.Equal(7, lines.Length);
        var corrected = Assert.Single(lines, l => l.Contains(a.Judge2.Email, StringComparison.Ordinal) && l.Contains(a.LowTitle, StringComparison.Ordinal));
        Assert.Contains(",22,16,38,50,", corrected);
        Assert.Contains("已批准", corrected);
        Assert.Contains("市场前景分数录入错误", corrected);
        var draftCsv = Encoding.UTF8.GetString(await organizer.GetByteArrayAsync($"{a.ManageUrl}/export/ranking.csv"));
        Assert.Contains(a.LowTitle, draftCsv);

        // The audit page lists the publication, the objection's decision and the corrected score.
        var audit = await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Entity=RoundResult");
        Assert.Contains("data-action=\"published\"", audit);
        Assert.Contains("data-action=\"republished\"", audit);
        Assert.Contains("data-action=\"finalized\"", audit);
        Assert.DoesNotContain("data-entity=\"ScoreSheet\"", audit);
        var all = await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Action=upheld");
        Assert.Contains("data-entity=\"Objection\"", all);
        Assert.Contains("data-action=\"corrected\"", await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Entity=ScoreSheet"));
        // Other tests move the shared clock: the days are taken from this test's own publication.
        var day = Web.Infrastructure.ChinaTime.DateOf(first1.PublishedAt);
        string Day(int offset) => day.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var byWhoAndDay = await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Who=organizer@demo&Entity=RoundResult&From={Day(0)}&To={Day(0)}");
        Assert.Contains("共 2 条记录", byWhoAndDay);
        Assert.DoesNotContain("data-action=\"finalized\"", byWhoAndDay);
        Assert.Contains("共 0 条记录", await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Entity=RoundResult&From={Day(1)}&To={Day(4)}"));
        Assert.Contains("共 0 条记录", await organizer.GetStringAsync($"/manage/contests/{a.ContestId}/audit?Who=judge&Entity=RoundResult"));
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync($"/manage/contests/{a.ContestId}/audit?From=not-a-date&Page=x")).StatusCode);
    }

    [Fact]
    public async Task FileObjection_IsRefused_WhenTheAnnouncementPeriodHasEnded()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));
        var contestant = await host.SignedInAsync(a.Middle.LeaderEmail!, "Secret123");
        var form = await ObjectionFormAsync(contestant, a, "公示期结束后的异议", null, Pdf, "late.pdf");
        host.Clock.Advance(TimeSpan.FromDays(3));

        var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("公示期已结束，不再受理异议。", await response.Content.ReadAsStringAsync());
        Assert.False(await host.WithDbAsync(db => db.Objections.AnyAsync(o => o.RoundId == a.Round.Id)));
        Assert.DoesNotContain("id=\"objection-link\"", await host.CreateClient().GetStringAsync(a.PublicUrl));
    }

    [Fact]
    public async Task FileObjection_IsRefused_WhenTheEvidenceIsNotAPdfOrPicture()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));
        var contestant = await host.SignedInAsync(a.Middle.LeaderEmail!, "Secret123");

        var response = await PostObjectionAsync(contestant, a, "附件是改了扩展名的文本", null, "not a pdf"u8.ToArray(), "证据.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("文件内容不是证明材料要求的格式（PDF、JPEG 或 PNG）。", await response.Content.ReadAsStringAsync());
        Assert.False(await host.WithDbAsync(db => db.Objections.AnyAsync(o => o.RoundId == a.Round.Id)));
    }

    [Fact]
    public async Task FileObjection_StoresAndOffersTheEvidenceUnderItsDetectedFormatAndACleanName()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));
        var contestant = await host.SignedInAsync(a.Middle.LeaderEmail!, "Secret123");

        var response = await PostObjectionAsync(contestant, a, "现场照片显示计时有误。", null, Png, "\u202E现场\u200B照片gnp.html");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var objection = await host.WithDbAsync(db => db.Objections.AsNoTracking().SingleAsync(o => o.RoundId == a.Round.Id));
        Assert.Equal(("现场照片gnp.png", "image/png"), (objection.EvidenceFileName, objection.EvidenceContentType));
        var download = await contestant.GetAsync($"/objections/{objection.Id}/evidence");
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("现场照片gnp.png", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains(">现场照片gnp.png</a>", await contestant.GetStringAsync($"{a.PublicUrl}/objection"));
    }

    [Fact]
    public async Task FileObjection_IsRefusedAndStoresNothing_WhenTheEvidenceNameHoldsANul()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));
        var contestant = await host.SignedInAsync(a.Middle.LeaderEmail!, "Secret123");

        var encoded = "=?utf-8?B?" + Convert.ToBase64String("证据\0.pdf"u8) + "?=";

        var response = await PostObjectionAsync(contestant, a, "附件名里有空字符", null, Pdf, encoded);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("文件名含有空字符，请重命名文件后再上传。", await response.Content.ReadAsStringAsync());
        Assert.False(await host.WithDbAsync(db => db.Objections.AnyAsync(o => o.RoundId == a.Round.Id)));
    }

    [Fact]
    public async Task FileObjection_RedirectsToSignIn_WhenAnonymous()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));
        var anonymous = host.CreateFormClient();

        var page = await anonymous.GetAsync($"{a.PublicUrl}/objection");
        using var content = new MultipartFormDataContent { { new StringContent("匿名异议"), "Text" }, { new ByteArrayContent(Pdf), "Evidence", "a.pdf" } };
        var post = await anonymous.PostAsync($"{a.PublicUrl}/objection", content);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.Objections.AnyAsync(o => o.RoundId == a.Round.Id)));
    }

    [Fact]
    public async Task Finalize_IsRefused_WhenAnObjectionIsPendingAfterThePeriod()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "2"), ("Current", "0"));
        var contestant = await host.SignedInAsync(a.High.LeaderEmail!, "Secret123");
        Assert.Equal(HttpStatusCode.Redirect, (await PostObjectionAsync(contestant, a, "请复核全部评分。", null, Pdf, "复核申请.pdf")).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(2));
        organizer = await host.DemoOrganizerAsync();
        var v1 = await VersionAsync(a, 1);

        var page = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/finalize", a.ManageUrl,
            ("Number", "1"), ("Version", v1.Version.ToString())));

        Assert.Contains("还有 1 条异议未处理，不能定稿。", page);
        Assert.Equal(PublicationStage.Announcement, (await VersionAsync(a, 1)).Stage);
    }

    [Fact]
    public async Task ManageResults_IsForbidden_WhenTheOrganizerManagesAnotherContest()
    {
        var a = await host.ScoredRoundAsync(Now);
        var other = await host.OrganizerOfAsync(ReviewData.OtherContest);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(a.ManageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{a.ManageUrl}/export/sheets.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/manage/contests/{a.ContestId}/audit")).StatusCode);
    }

    [Fact]
    public async Task Publish_ShowsALocalizedError_WhenTheDaysAreOutOfRange()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();

        var page = await organizer.FollowAsync(await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "0"), ("Current", "0")));

        Assert.Contains("公示天数须在 1 到 30 天之间。", page);
        Assert.False(await host.WithDbAsync(db => db.RankingVersions.AnyAsync(v => v.RoundId == a.Round.Id)));
    }

    [Fact]
    public async Task SaveChanges_Throws_WhenAPublishedRowOrVersionIsChanged()
    {
        var a = await host.ScoredRoundAsync(Now);
        var organizer = await host.DemoOrganizerAsync();
        await organizer.PostFromAsync($"{a.ManageUrl}/publish", a.ManageUrl, ("Days", "3"), ("Current", "0"));

        await host.WithDbAsync(async db =>
        {
            var row = await db.PublishedRanks.FirstAsync(r => r.EntryId == a.Low.Id);
            db.Entry(row).Property(r => r.ScoreHundredths).CurrentValue = 9999;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await host.WithDbAsync(async db =>
        {
            var version = await db.RankingVersions.SingleAsync(v => v.RoundId == a.Round.Id);
            version.AnnouncementEndsAt = version.AnnouncementEndsAt.AddDays(-3);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await host.WithDbAsync(async db =>
        {
            db.RankingVersions.Remove(await db.RankingVersions.SingleAsync(v => v.RoundId == a.Round.Id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        Assert.Equal(3650, await host.WithDbAsync(db => db.PublishedRanks.Where(r => r.EntryId == a.Low.Id).Select(r => r.ScoreHundredths).SingleAsync()));
    }

    private Task<RankingVersion> VersionAsync(ScoredRound a, int number) =>
        host.WithDbAsync(db => db.RankingVersions.AsNoTracking().Include(v => v.Rows).SingleAsync(v => v.RoundId == a.Round.Id && v.Number == number));

    private async Task AssertQueuedAsync(string template, params string[] recipients)
    {
        var queued = await host.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Template == template).Select(n => n.Recipient).ToListAsync());
        foreach (var recipient in recipients)
            Assert.Contains(recipient, queued);
    }

    /// <summary>The objection form filled in on the public page, ready to be sent.</summary>
    private static Task<FilledForm> ObjectionFormAsync(HttpClient client, ScoredRound a, string text, int? entryId, byte[] file, string fileName) =>
        client.FillFormAsync($"{a.PublicUrl}/objection",
            [new("Text", text), new("EntryId", entryId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")],
            [new FormFile("Evidence", fileName, file, "application/pdf")]);

    private static async Task<HttpResponseMessage> PostObjectionAsync(HttpClient client, ScoredRound a, string text, int? entryId, byte[] file,
        string fileName) =>
        await (await ObjectionFormAsync(client, a, text, entryId, file, fileName)).SubmitAsync();

    /// <summary>The table row of one entry in a page.</summary>
    private static string Row(string html, int entryId)
    {
        var start = html.IndexOf($"data-entry-id=\"{entryId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for entry {entryId}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
