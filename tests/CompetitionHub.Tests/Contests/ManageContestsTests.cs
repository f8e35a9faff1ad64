using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

public sealed class ManageContestsTests(ManageContestsTests.Host host) : IClassFixture<ManageContestsTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<List<KeyValuePair<string, string>>> ContestFieldsAsync(string slug, string name, params (string Key, string Value)[] overrides)
    {
        var departments = await host.WithDbAsync(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Id).Take(3).ToListAsync());
        var fields = new Dictionary<string, string>
        {
            ["Form.Slug"] = slug, ["Form.Kind"] = "Competition", ["Form.EditionYear"] = "2027", ["Form.Name"] = name,
            ["Form.NameEn"] = "Contest " + slug, ["Form.LeadDepartmentId"] = departments[0].ToString(),
            ["Form.Description"] = "简介", ["Form.RulesText"] = "规则", ["Form.IndustryFields"] = "电子信息、生物医药,新材料",
            ["Form.RegistrationOpensAt"] = "2026-11-01T09:00", ["Form.RegistrationClosesAt"] = "2027-01-31T18:00",
            ["Form.MinTeamSize"] = "1", ["Form.MaxTeamSize"] = "5",
        };
        foreach (var (key, value) in overrides) fields[key] = value;
        return [.. fields, new("Form.CoOrganizerIds", departments[1].ToString()), new("Form.CoOrganizerIds", departments[2].ToString())];
    }

    private static async Task<Guid> VersionAsync(AppFactory host, int id) =>
        await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());

    [Fact]
    public async Task CreateAndUpdate_AssignTheCreatingOrganizerAndWriteAuditRows_WhenOrganizerPosts()
    {
        var (client, userId) = await host.NewOrganizerAsync();
        var slug = "new-" + Guid.NewGuid().ToString("N")[..8];

        var created = await client.PostFormAsync("/manage/contests/new", await ContestFieldsAsync(slug, "新赛事"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var contest = await host.WithDbAsync(db => db.Contests.Include(c => c.CoOrganizers).Include(c => c.Organizers).SingleAsync(c => c.Id == id));
        Assert.Equal("新赛事", contest.Name);
        Assert.Equal(["电子信息", "生物医药", "新材料"], contest.IndustryFields);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc), contest.RegistrationOpensAt);
        Assert.Equal(2, contest.CoOrganizers.Count);
        Assert.False(contest.IsPublished);
        Assert.Equal(userId, Assert.Single(contest.Organizers).UserId);

        var updated = await client.PostFormAsync($"/manage/contests/{id}",
            [.. await ContestFieldsAsync(slug, "新赛事（修订）", ("Form.MaxTeamSize", "7")), new("Form.Version", contest.Version.ToString())],
            formPage: $"/manage/contests/{id}");
        var page = await client.FollowAsync(updated);
        var published = await client.PostFormAsync($"/manage/contests/{id}/publish", [], formPage: $"/manage/contests/{id}");

        Assert.Contains("赛事已保存。", page);
        Assert.Contains("新赛事（修订）", await host.CreateClient().GetStringAsync($"/contests/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await host.WithDbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(("新赛事（修订）", 7, true), (after.Name, after.MaxTeamSize, after.IsPublished));
        var audit = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Contest" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Create", "Update", "Publish"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(userId, a.UserId));
        Assert.Contains("新赛事（修订）", audit[1].After);
        Assert.Contains("\"maxTeamSize\":5", audit[1].Before);
    }

    [Fact]
    public async Task EveryChange_IsForbidden_WhenOrganizerIsNotAssignedToTheContest()
    {
        var (stranger, _) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync();
        var trackId = await host.AddTrackAsync(id, "startup");
        var roundId = await host.AddRoundAsync(id);
        var version = await VersionAsync(host, id);
        const string tokenPage = "/manage/contests/new";

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/manage/contests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/manage/contests/{id}/winners")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/manage/contests/{id}/rounds/{roundId}")).StatusCode);
        string[] posts =
        [
            $"/manage/contests/{id}", $"/manage/contests/{id}/publish", $"/manage/contests/{id}/unpublish",
            $"/manage/contests/{id}/tracks/new", $"/manage/contests/{id}/tracks/{trackId}", $"/manage/contests/{id}/tracks/{trackId}/delete",
            $"/manage/contests/{id}/rounds/new", $"/manage/contests/{id}/rounds/{roundId}", $"/manage/contests/{id}/rounds/{roundId}/delete",
            $"/manage/contests/{id}/rounds/{roundId}/rubric", $"/manage/contests/{id}/rounds/{roundId}/rubric/template",
            $"/manage/contests/{id}/rounds/{roundId}/advance", $"/manage/contests/{id}/winners", $"/manage/contests/{id}/winners/import",
            $"/manage/contests/{id}/organizers/assign",
        ];
        foreach (var url in posts)
        {
            var response = await stranger.PostTamperedAsync(url,
                [new("Form.Name", "改名"), new("Form.NameEn", "Renamed"), new("Form.Version", version.ToString()), new("to", "Open"),
                 new("template", "startup-100"), new("Form.Code", "x"), new("Form.CreditCode", "91220101MA0000000X")], formPage: tokenPage);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode}");
        }

        var contest = await host.WithDbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((version, true), (contest.Version, contest.IsPublished));
        Assert.Equal(RoundStatus.Draft, await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync()));
        Assert.False(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() || a.EntityId == roundId.ToString())));
    }

    [Fact]
    public async Task AssignOrganizer_LetsTheOrganizerEdit_WhenAdminAssigns()
    {
        var (organizer, organizerId) = await host.NewOrganizerAsync();
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync($"/manage/contests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync($"/manage/contests/{id}/organizers")).StatusCode);

        var assigned = await admin.PostFormAsync($"/manage/contests/{id}/organizers/assign", [new("userId", organizerId)],
            formPage: $"/manage/contests/{id}/organizers");
        var selfAssign = await organizer.PostTamperedAsync($"/manage/contests/{id}/organizers/assign", [new("userId", organizerId)],
            formPage: $"/manage/contests/{id}");

        Assert.Contains("已将", await admin.FollowAsync(assigned));
        Assert.Equal(HttpStatusCode.Forbidden, selfAssign.StatusCode);
        var edit = await organizer.GetAsync($"/manage/contests/{id}");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains($"data-contest-id=\"{id}\"", await organizer.GetStringAsync("/manage/contests"));
        var track = await organizer.PostFormAsync($"/manage/contests/{id}/tracks/new",
            [new("Form.Code", "growth"), new("Form.Name", "成长组"), new("Form.NameEn", "Growth"), new("Form.SortOrder", "1")],
            formPage: $"/manage/contests/{id}/tracks/new");
        Assert.Equal(HttpStatusCode.Redirect, track.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ContestOrganizer" && a.EntityId == id.ToString() && a.Action == "Assign")));
    }

    [Fact]
    public async Task Advance_MovesOnlyOneStepForward_WhenManagerPosts()
    {
        var organizer = await host.SignedInAsync(TestUsers.DemoOrganizer);
        var organizerId = (await host.FindUserAsync(TestUsers.DemoOrganizer))!.Id;
        var id = await host.AddContestAsync(organizerUserId: organizerId);
        var roundId = await host.AddRoundAsync(id);
        var emptyRoundId = await host.AddRoundAsync(id, criteria: 0);
        var url = $"/manage/contests/{id}/rounds/{roundId}/advance";
        var page = $"/manage/contests/{id}/rounds/{roundId}";
        Task<RoundStatus> StatusAsync() => host.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync());

        // The page offers only the next step; skipping, going back or an unknown status is sent by hand.
        var skip = await organizer.FollowAsync(await organizer.PostTamperedAsync(url, [new("to", "Scoring")], formPage: page));
        Assert.Contains("赛段状态只能按顺序前进一步：当前为“草稿”，下一步是“进行中”。", skip);
        Assert.Equal(RoundStatus.Draft, await StatusAsync());

        var noRubric = await organizer.FollowAsync(await organizer.PostFormAsync($"/manage/contests/{id}/rounds/{emptyRoundId}/advance",
            [new("to", "Open")], formPage: $"/manage/contests/{id}/rounds/{emptyRoundId}"));
        Assert.Contains("请先设置评分标准，再开放赛段。", noRubric);

        foreach (var next in new[] { RoundStatus.Open, RoundStatus.Scoring, RoundStatus.Closed })
        {
            await organizer.PostFormAsync(url, [new("to", next.ToString())], formPage: page);
            Assert.Equal(next, await StatusAsync());
        }
        var back = await organizer.FollowAsync(await organizer.PostTamperedAsync(url, [new("to", "Scoring")], formPage: page));
        Assert.Contains("id=\"status-error\"", back);
        var garbage = await organizer.PostTamperedAsync(url, [new("to", "Whatever")], formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, garbage.StatusCode);
        Assert.Equal(RoundStatus.Closed, await StatusAsync());
        await organizer.PostFormAsync(url, [new("to", "Published")], formPage: page);
        var final = await organizer.FollowAsync(await organizer.PostTamperedAsync(url, [new("to", "Published")], formPage: page));

        Assert.Contains("赛段已公布，状态不能再改变。", final);
        Assert.Equal(RoundStatus.Published, await StatusAsync());
        var moves = await host.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Round" && a.EntityId == roundId.ToString() && a.Action == "Advance").CountAsync());
        Assert.Equal(4, moves);
    }

    [Fact]
    public async Task CopyTemplate_ReplacesTheRubricWithTheTemplatesCriteria_WhenRoundIsDraft()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 7);
        var template = (await Web.Data.Seeding.SeedFiles.Default.RubricTemplatesAsync(CancellationToken.None)).Single(x => x.Code == "startup-100");
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var html = await admin.FollowAsync(await admin.PostFormAsync($"{page}/rubric/template", [new("template", "startup-100")], formPage: page));

        var criteria = await host.WithDbAsync(db => db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).OrderBy(c => c.Sequence).ToListAsync());
        Assert.Equal(template.Criteria.Select(c => (c.Name, c.NameEn, (int)(c.MaxPoints * 100))), criteria.Select(c => (c.Name, c.NameEn, c.MaxPointsHundredths)));
        Assert.Equal(10_000, criteria.Sum(c => c.MaxPointsHundredths));
        Assert.Contains("<th id=\"rubric-total\">100</th>", html);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostTamperedAsync($"{page}/rubric/template", [new("template", "no-such")], formPage: page)).StatusCode);
        Assert.Equal(5, await host.WithDbAsync(db => db.RubricCriteria.CountAsync(c => c.RoundId == roundId)));
    }

    [Fact]
    public async Task SaveRubric_StoresHundredthsAndRefusesBadLines_WhenOrganizerEdits()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var bad = await admin.PostFormAsync($"{page}/rubric",
            [new("Criteria[0].Name", "创新"), new("Criteria[0].NameEn", "Innovation"), new("Criteria[0].MaxPoints", "-5"),
             new("Criteria[1].Name", ""), new("Criteria[1].NameEn", "No name"), new("Criteria[1].MaxPoints", "10.555")], formPage: page);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("满分须在 0.01 到 1000 之间。", badHtml);
        Assert.Contains("请填写评分项名称。", badHtml);

        var good = await admin.PostFormAsync($"{page}/rubric",
            [new("Criteria[0].Name", "创新"), new("Criteria[0].NameEn", "Innovation"), new("Criteria[0].MaxPoints", "33.3"), new("Criteria[0].WeightPercent", "40"),
             new("Criteria[0].StepHundredths", "10"),
             new("Criteria[1].Name", "市场"), new("Criteria[1].NameEn", "Market"), new("Criteria[1].MaxPoints", "66.7"), new("Criteria[1].Remove", "false"),
             new("Criteria[1].WeightPercent", "60"), new("Criteria[1].StepHundredths", "10"),
             new("Criteria[2].Name", "团队"), new("Criteria[2].NameEn", "Team"), new("Criteria[2].MaxPoints", "10"), new("Criteria[2].Remove", "true")],
            formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var criteria = await host.WithDbAsync(db => db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).OrderBy(c => c.Sequence).ToListAsync());
        Assert.Equal([(3330, (int?)40, 10), (6670, 60, 10)], criteria.Select(c => (c.MaxPointsHundredths, c.WeightPercent, c.StepHundredths)));
    }

    [Fact]
    public async Task SaveTrack_StoresEligibilityRulesShownOnThePublicPage_WhenOrganizerSaves()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var page = $"/manage/contests/{id}";

        var saved = await admin.PostFormAsync($"/manage/contests/{id}/tracks/new",
        [
            new("Form.Code", "startup"), new("Form.Name", "初创组"), new("Form.NameEn", "Start-up"), new("Form.SortOrder", "1"),
            new("Form.RequiredMaterials", "BusinessPlan"), new("Form.RequiredMaterials", "PitchDeck"), new("Form.ApplicantTypes", "Enterprise"),
            new("Form.RequireJilinRegistration", "true"), new("Form.FoundedWithinYears", "3"), new("Form.RevenueCapWanYuan", "2000"),
            new("Form.BarPreviousWinners", "true"), new("Form.LeaderMustBeFemale", "true"), new("Form.LeaderStudentOrGraduatedWithinYears", "5"),
            new("Form.RequireRuralAttestation", "true"),
        ], formPage: $"/manage/contests/{id}/tracks/new");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var track = await host.WithDbAsync(db => db.ContestTracks.AsNoTracking().SingleAsync(t => t.ContestId == id));
        var rules = track.Eligibility;
        Assert.Equal([ApplicantType.Enterprise], rules.ApplicantTypes);
        Assert.Equal((true, 3, (int?)null, 20_000_000L, true, true, 5, true),
            (rules.RequireJilinRegistration, rules.FoundedWithinYears, rules.FoundedAtLeastYears, rules.RevenueCapYuan,
             rules.BarPreviousWinners, rules.LeaderMustBeFemale, rules.LeaderStudentOrGraduatedWithinYears, rules.RequireRuralAttestation));
        var html = await host.CreateClient().GetStringAsync($"/contests/{id}");
        Assert.Contains("参赛主体：已注册企业", html);
        Assert.Contains("须在吉林省注册（统一社会信用代码以 22 开头）", html);
        Assert.Contains("上一年度营业收入不超过 2,000 万元", html);
        Assert.Contains("团队负责人须为在校学生或毕业不超过 5 年", html);
        Assert.Contains("商业计划书、路演材料", html);
        Assert.True(await host.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ContestTrack" && a.EntityId == track.Id.ToString())));

        var clash = await admin.PostFormAsync($"/manage/contests/{id}/tracks/new",
            [new("Form.Code", "startup"), new("Form.Name", "重复"), new("Form.NameEn", "Dup"), new("Form.FoundedWithinYears", "2"), new("Form.FoundedAtLeastYears", "3")],
            formPage: $"/manage/contests/{id}/tracks/new");
        var clashHtml = await clash.Content.ReadAsStringAsync();
        Assert.Contains("本赛事已有代码为 startup 的组别。", clashHtml);
        Assert.Contains("“成立满”年限必须小于“成立不超过”年限", clashHtml);
    }

    [Fact]
    public async Task DeleteTrack_IsRefusedWithAReason_WhenTheTrackHasEntries()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var used = await host.AddTrackAsync(id, "used");
        var unused = await host.AddTrackAsync(id, "unused");
        await host.WithDbAsync(async db =>
        {
            var team = new Web.Features.Teams.Team { Name = "测试队", CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            db.Entries.Add(new Web.Features.Registration.Entry { ContestId = id, TrackId = used, TeamId = team.Id, Title = "项目" });
            await db.SaveChangesAsync();
        });
        var page = $"/manage/contests/{id}";

        var refused = await admin.FollowAsync(await admin.PostFormAsync($"{page}/tracks/{used}/delete", [], formPage: page));
        var removed = await admin.PostFormAsync($"{page}/tracks/{unused}/delete", [], formPage: page);

        Assert.Contains("组别“组别used”已有报名项目，不能删除。", refused);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([used], await host.WithDbAsync(db => db.ContestTracks.Where(t => t.ContestId == id).Select(t => t.Id).ToListAsync()));
    }

    [Fact]
    public async Task Update_ShowsConflictAndKeepsInput_WhenVersionIsStale()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var (slug, stale) = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => new ValueTuple<string, Guid>(c.Slug, c.Version)).SingleAsync());
        var page = $"/manage/contests/{id}";
        var first = await admin.PostFormAsync(page, [.. await ContestFieldsAsync(slug, "第一位的修改"), new("Form.Version", stale.ToString())], formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // What the second organizer's page, opened before the first save, sends.
        var second = await admin.PostTamperedAsync(page, [.. await ContestFieldsAsync(slug, "第二位的修改"), new("Form.Version", stale.ToString())], formPage: page);

        var html = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("该赛事已被他人修改，请刷新后重试。", html);
        Assert.Contains("value=\"第二位的修改\"", html);
        Assert.Equal("第一位的修改", await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task Update_ShowsMessagesWithout500_WhenInputIsInvalid()
    {
        var admin = await host.SignedInAsync(TestUsers.DemoAdmin);
        var id = await host.AddContestAsync();
        var (slug, version) = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => new ValueTuple<string, Guid>(c.Slug, c.Version)).SingleAsync());
        var page = $"/manage/contests/{id}";
        var huge = new string('长', 10 * 1024);

        async Task<string> PostAsync(params (string, string)[] overrides)
        {
            var response = await admin.PostFormAsync(page, [.. await ContestFieldsAsync(slug, "名称", overrides), new("Form.Version", version.ToString())], formPage: page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("团队人数上限不能小于下限。", await PostAsync(("Form.MinTeamSize", "6"), ("Form.MaxTeamSize", "3")));
        Assert.Contains("团队人数须在 1 到 50 之间。", await PostAsync(("Form.MaxTeamSize", "-4")));
        Assert.Contains("报名截止时间必须晚于开始时间。", await PostAsync(("Form.RegistrationClosesAt", "2026-10-01T09:00")));
        Assert.Contains("赛事名称不能超过 200 个字符。", await PostAsync(("Form.Name", huge)));
        Assert.Contains("规则不能超过 8000 个字符。", await PostAsync(("Form.RulesText", huge)));
        // The message never repeats what was posted: it may travel on in a cookie.
        Assert.Contains("输入的值无效。", await PostAsync(("Form.RegistrationOpensAt", "not-a-date")));
        Assert.Contains("自动分组的组别必须是本赛事已有的组别代码。", await PostAsync(("Form.PlacementYears", "3"), ("Form.YoungerTrackCode", "a"), ("Form.OlderTrackCode", "b")));
        Assert.Contains("届次年份须在 2000 到 2100 之间。", await PostAsync(("Form.EditionYear", "99999999999")));
        Assert.Equal("测试赛事 " + slug, await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));

        var round = await admin.PostFormAsync($"{page}/rounds/new",
            [new("Form.Name", "复赛"), new("Form.NameEn", "Semi"), new("Form.StartsAt", "2027-03-02T09:00"), new("Form.EndsAt", "2027-03-01T09:00")]);
        Assert.Contains("结束时间必须晚于开始时间。", await round.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/manage/contests/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{page}/rounds/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{page}/tracks/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostTamperedAsync($"{page}/tracks/999999", [new("Form.Code", "x")], formPage: page)).StatusCode);
    }

    [Fact]
    public async Task Create_RefusesTheTeamSizeAndWindow_WhenTheyContradictEachOther()
    {
        var (client, _) = await host.NewOrganizerAsync();
        var slug = "bad-" + Guid.NewGuid().ToString("N")[..8];

        var response = await client.PostFormAsync("/manage/contests/new", await ContestFieldsAsync(slug, "坏赛事",
            ("Form.MinTeamSize", "9"), ("Form.MaxTeamSize", "2"), ("Form.RegistrationClosesAt", "2026-01-01T00:00")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("团队人数上限不能小于下限。", html);
        Assert.Contains("报名截止时间必须晚于开始时间。", html);
        Assert.False(await host.WithDbAsync(db => db.Contests.AnyAsync(c => c.Slug == slug)));
    }

    [Theory]
    [InlineData("zh-CN", "赛事管理")]
    [InlineData("en", "Contest setup")]
    public async Task SetupPages_Render_WhenAdminOpensThemInEitherCulture(string culture, string heading)
    {
        var client = host.CreateFormClient(culture);
        await client.SignInOrThrowAsync(TestUsers.DemoAdmin, TestUsers.DemoPassword);
        var id = await host.WithDbAsync(db => db.Contests.Where(c => c.Slug == "cie-jilin").Select(c => c.Id).SingleAsync());
        var trackId = await host.WithDbAsync(db => db.ContestTracks.Where(t => t.ContestId == id).Select(t => t.Id).FirstAsync());
        var roundId = await host.WithDbAsync(db => db.Rounds.Where(r => r.ContestId == id).Select(r => r.Id).FirstAsync());
        string[] pages =
        [
            "/manage/contests", "/manage/contests/new", $"/manage/contests/{id}", $"/manage/contests/{id}/tracks/new",
            $"/manage/contests/{id}/tracks/{trackId}", $"/manage/contests/{id}/rounds/new", $"/manage/contests/{id}/rounds/{roundId}",
            $"/manage/contests/{id}/organizers", $"/manage/contests/{id}/winners", $"/contests/{id}",
        ];

        foreach (var url in pages)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
        Assert.Contains(heading, await client.GetStringAsync("/manage/contests"));
    }
}
