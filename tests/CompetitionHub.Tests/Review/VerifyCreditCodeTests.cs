using System.Net;
using CompetitionHub.Tests.Registration;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Review;

/// <summary>
/// Credit codes that exist in real life, from the team's form to the organizer's check, every form posted as its page
/// holds it: an early pilot code (legal, failing the GB 32100 check character) and a company that moved into Jilin
/// with its old code are saved with a warning, need the business licence, and wait for the organizer, who confirms or
/// rejects with a reason; a Jilin code stating another place is not admitted.
/// </summary>
public sealed class VerifyCreditCodeTests(VerifyCreditCodeTests.Host host) : IClassFixture<VerifyCreditCodeTests.Host>
{
    public sealed class Host : RegistrationHost;

    /// <summary>厦门 (350200) on a pre-2015 organization code: GB 32100 gives K as the 18th character, the licence says 0.</summary>
    private const string EarlyPilot = "913502006120032610";
    /// <summary>A valid code first registered in 北京市海淀区 (110108).</summary>
    private const string Beijing = "91110108551385082Q";
    /// <summary>A valid code first registered in 长春市绿园区 (220104).</summary>
    private const string Changchun = "91220104MA14XNKP5E";

    private static (string, string)[] Enterprise(string code, string province = "22", string district = "长春市南关区") =>
    [
        ("Title", "寒地智能温室"), ("Summary", "面向寒地的智能温室控制系统。"), ("Industry", "电子信息"), ("ApplicantType", "Enterprise"),
        ("CompanyName", "吉林寒地农业科技有限公司"), ("CreditCode", code), ("RegistrationProvince", province), ("RegistrationDistrict", district),
        ("FoundedOn", "2024-05-01"), ("RevenueWan", "300"), ("LeaderGender", "Female"),
        ("ContactName", "王经理"), ("ContactPhone", "0431-88888888"), ("ContactEmail", "wang@example.com"),
    ];

    private async Task<(TestContest Contest, HttpClient Organizer)> ContestAsync(bool jilinOnly)
    {
        var contest = await host.CreateOpenContestAsync();
        await host.WithDbAsync(async db =>
        {
            var track = await db.ContestTracks.SingleAsync(t => t.Id == contest.TrackId);
            track.Eligibility = new EligibilityRules { ApplicantTypes = [ApplicantType.Enterprise], RequireJilinRegistration = jilinOnly };
            await db.SaveChangesAsync();
        });
        var email = TestUsers.NewEmail("organizer");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, "信用代码核验员", roles: Roles.Organizer);
        await host.WithDbAsync(async db =>
        {
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contest.Id, UserId = user.Id, AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var organizer = host.CreateFormClient();
        await organizer.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        return (contest, organizer);
    }

    private static Task<HttpResponseMessage> UploadLicenceAsync(HttpClient leader, int entryId) =>
        leader.PostFormAsync($"/entries/{entryId}/materials", [new("kind", "BusinessLicence")],
            [new FormFile("file", "营业执照.png", RegistrationSteps.Png, "image/png")], $"/entries/{entryId}");

    private static Task<HttpResponseMessage> CheckAsync(HttpClient organizer, int entryId, string verdict, string reason) =>
        organizer.PostFormAsync($"/manage/entries/{entryId}/credit-code", [new("CheckReason", reason), new("Verdict", verdict)],
            $"/manage/entries/{entryId}");

    private async Task<(HttpClient Leader, int EntryId)> SubmittedAsync(TestContest contest, params (string, string)[] fields)
    {
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), fields);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadLicenceAsync(leader, entryId)).StatusCode);
        var submitted = await leader.EntryActionAsync(host, entryId, "submit");
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await submitted.TextAsync());
        return (leader, entryId);
    }

    [Fact]
    public async Task Save_KeepsAnEarlyPilotCode_AndWarnsWithTheExpectedCheckCharacter()
    {
        var (contest, _) = await ContestAsync(jilinOnly: false);
        var (leader, _, _) = await host.SignedInAsync();

        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), Enterprise(EarlyPilot.ToLowerInvariant()));

        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal(EarlyPilot, entry.CreditCode);
        Assert.Equal(CreditCodeVerification.Pending, entry.CreditCodeVerification);
        Assert.False(entry.Eligible);
        var page = await (await leader.GetAsync($"/entries/{entryId}")).TextAsync();
        Assert.Contains("统一社会信用代码 913502006120032610 的第 18 位（校验位）按国家标准 GB 32100 应为 K，您填写的是 0。", page);
        Assert.Contains("试点地区赋予的早期代码", page);
        Assert.Contains("否则请检查是否输入有误", page);
        Assert.Contains("资格检查：待主办方核验", page);
        Assert.Contains("id=\"licence-needed\"", page);
        // The same warning in English for an English reader.
        var english = host.CreateFormClient("en");
        await english.SignInOrThrowAsync(await host.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == entry.TeamId)
            .Select(m => m.User.Email!).SingleAsync()), TestUsers.DemoPassword);
        var englishPage = await (await english.GetAsync($"/entries/{entryId}")).TextAsync();
        Assert.Contains("the 18th (check) character of the unified social credit code 913502006120032610 should be K; you entered 0", englishPage);
    }

    [Fact]
    public async Task Save_StillRefusesACodeThatCannotExist_WithTheReason()
    {
        var (contest, _) = await ContestAsync(jilinOnly: false);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), ("Title", "草稿"));

        var saved = await leader.SaveEntryAsync(host, entryId, ("Title", "草稿"), ("CreditCode", "91350200612003261"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, saved.StatusCode);
        Assert.Contains("统一社会信用代码应为 18 位，您填写了 17 位。", await saved.TextAsync());
        Assert.Null((await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).CreditCode);
    }

    [Fact]
    public async Task Submit_AsksForTheBusinessLicence_ThenSubmitsPending_WhenAnEarlyPilotCodeAwaitsVerification()
    {
        var (contest, _) = await ContestAsync(jilinOnly: false);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), Enterprise(EarlyPilot));

        var refused = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Contains("统一社会信用代码待主办方核验：请先上传营业执照（图片或 PDF）。", await leader.RefusalAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadLicenceAsync(leader, entryId)).StatusCode);
        var submitted = await leader.EntryActionAsync(host, entryId, "submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal((EntryStatus.Submitted, false, CreditCodeVerification.Pending), (entry.Status, entry.Eligible!.Value, entry.CreditCodeVerification));
    }

    [Fact]
    public async Task Confirm_IsAuditedAndShownInEligibility_AndTheReviewListFiltersByIt()
    {
        var (contest, organizer) = await ContestAsync(jilinOnly: false);
        var (leader, entryId) = await SubmittedAsync(contest, Enterprise(EarlyPilot));
        var list = $"/manage/contests/{contest.Id}/entries";
        Assert.Contains($"data-entry-id=\"{entryId}\"", await (await organizer.GetAsync(list + "?codecheck=pending")).TextAsync());
        var review = await (await organizer.GetAsync($"/manage/entries/{entryId}")).TextAsync();
        Assert.Contains("校验位按国家标准 GB 32100 应为 K，填写的是 0", review);

        var noReason = await CheckAsync(organizer, entryId, "Confirm", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写核验说明。", await noReason.TextAsync());
        var approveFirst = await organizer.PostFormAsync($"/manage/entries/{entryId}/decide", [new("Decision", "Approve")], $"/manage/entries/{entryId}");
        Assert.Contains("的统一社会信用代码待核验：请先对照营业执照确认或驳回，再审核通过。", await approveFirst.TextAsync());
        Assert.Equal(EntryStatus.Submitted, (await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Status);

        const string reason = "与营业执照原件一致，系 2014 年厦门试点赋码。";
        var confirmed = await CheckAsync(organizer, entryId, "Confirm", reason);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal((CreditCodeVerification.Confirmed, reason, true), (entry.CreditCodeVerification, entry.CreditCodeVerificationReason, entry.Eligible!.Value));
        Assert.Equal(host.Now, entry.CreditCodeVerifiedAt);
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Entry" && a.EntityId == entryId.ToString() && a.Action == "credit-code-confirmed"));
        Assert.Equal(reason, audit.Reason);
        Assert.NotNull(audit.UserId);
        Assert.Contains("\"verification\":\"Pending\"", audit.Before);
        Assert.Contains("\"verification\":\"Confirmed\"", audit.After);

        var shown = "信用代码经主办方核验：913502006120032610 与营业执照一致。核验说明：" + reason;
        var reviewAfter = await (await organizer.GetAsync($"/manage/entries/{entryId}")).TextAsync();
        Assert.Contains(shown, reviewAfter);
        Assert.Contains("信用代码核验通过", reviewAfter); // the history row
        Assert.Contains(shown, await (await leader.GetAsync($"/entries/{entryId}")).TextAsync());
        Assert.Contains($"data-entry-id=\"{entryId}\"", await (await organizer.GetAsync(list + "?codecheck=confirmed")).TextAsync());
        Assert.DoesNotContain($"data-entry-id=\"{entryId}\"", await (await organizer.GetAsync(list + "?codecheck=pending")).TextAsync());
        var approved = await organizer.PostFormAsync($"/manage/entries/{entryId}/decide", [new("Decision", "Approve")], $"/manage/entries/{entryId}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }

    [Fact]
    public async Task Reject_KeepsTheEntryIneligible_WithTheReasonShownToTheTeam()
    {
        var (contest, organizer) = await ContestAsync(jilinOnly: false);
        var (leader, entryId) = await SubmittedAsync(contest, Enterprise(EarlyPilot));

        var rejected = await CheckAsync(organizer, entryId, "Reject", "营业执照上的代码末位为 K，填写有误。");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal((CreditCodeVerification.Rejected, false), (entry.CreditCodeVerification, entry.Eligible!.Value));
        Assert.Contains("主办方核验未通过统一社会信用代码 913502006120032610。说明：营业执照上的代码末位为 K，填写有误。",
            await (await leader.GetAsync($"/entries/{entryId}")).TextAsync());
        Assert.Contains($"data-entry-id=\"{entryId}\"",
            await (await organizer.GetAsync($"/manage/contests/{contest.Id}/entries?codecheck=rejected")).TextAsync());
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == entryId.ToString() && a.Action == "credit-code-rejected")));
    }

    [Fact]
    public async Task Confirm_AdmitsACompanyThatMovedIntoJilinWithA11Code_AfterTheOrganizerChecked()
    {
        var (contest, organizer) = await ContestAsync(jilinOnly: true);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), Enterprise(Beijing));
        var draft = await (await leader.GetAsync($"/entries/{entryId}")).TextAsync();
        Assert.Contains("企业迁址后信用代码不变，请上传营业执照，待主办方核验注册地。", draft);
        Assert.NotEmpty(await leader.RefusalAsync(await leader.EntryActionAsync(host, entryId, "submit")));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadLicenceAsync(leader, entryId)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.EntryActionAsync(host, entryId, "submit")).StatusCode);
        Assert.False((await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Eligible);
        // A gentle note for the organizer, never a refusal.
        Assert.Contains("提示：信用代码第 3–4 位为 11（北京市），与填报的注册地不同。", await (await organizer.GetAsync($"/manage/entries/{entryId}")).TextAsync());

        var confirmed = await CheckAsync(organizer, entryId, "Confirm", "营业执照住所为长春市南关区，2023 年由北京迁入。");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True((await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId))).Eligible);
        Assert.Contains("注册地经主办方对照营业执照核验：吉林省长春市南关区（信用代码登记机关行政区划码 110108",
            await (await leader.GetAsync($"/entries/{entryId}")).TextAsync());
    }

    [Fact]
    public async Task Submit_RefusesAJilinCodeStatingAnotherPlace_WithoutReadingTheCode()
    {
        var (contest, _) = await ContestAsync(jilinOnly: true);
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync(), Enterprise(Changchun, province: "11", district: "海淀区"));

        var submitted = await leader.EntryActionAsync(host, entryId, "submit");

        Assert.Contains("本赛事仅限在吉林省注册的企业参加，您填报的注册地为北京市海淀区。", await leader.RefusalAsync(submitted));
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal((EntryStatus.Draft, false, CreditCodeVerification.NotNeeded), (entry.Status, entry.Eligible!.Value, entry.CreditCodeVerification));
    }

    [Fact]
    public async Task Save_AsksAgain_WhenTheTeamChangesAConfirmedCode()
    {
        var (contest, organizer) = await ContestAsync(jilinOnly: false);
        var (leader, entryId) = await SubmittedAsync(contest, Enterprise(EarlyPilot));
        Assert.Equal(HttpStatusCode.Redirect, (await CheckAsync(organizer, entryId, "Confirm", "与执照一致。")).StatusCode);
        var sentBack = await organizer.PostFormAsync($"/manage/entries/{entryId}/decide",
            [new("Decision", "RequestChanges"), new("Reason", "请补充材料。")], $"/manage/entries/{entryId}");
        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);

        // Another early code (its 18th character is not the standard's either): the confirmation was for the old one.
        var saved = await leader.SaveEntryAsync(host, entryId, Enterprise("913502006120032611"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var entry = await host.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal((CreditCodeVerification.Pending, null, false), (entry.CreditCodeVerification, entry.CreditCodeVerificationReason, entry.Eligible!.Value));
    }
}
