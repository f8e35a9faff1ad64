using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Review;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.TestSupport.Scenario;

/// <summary>
/// The Development seed (contests, departments, demo users, judge pools, the Activity Week programme) brought to life
/// through the app's own use cases (<see cref="ScenarioSteps"/>), so that every page has something to show and every
/// form something to act on, for each demo account:
/// <list type="bullet">
/// <item>中国创新创业大赛（吉林赛区）: the online review published and final (two versions, an answered objection), the
/// semi-final roadshow closed and in 公示 with a pending objection and a tie left to a lot draw, the final roadshow live
/// with an entry on stage and scoring open (the demo judge still to score); entries in every status; conflicts declared,
/// detected and recorded; a correction waiting; entries open to investors, a meeting asked for and one booked.</item>
/// <item>“创客中国”: the online review open with the demo judge assigned (one sheet submitted, one not), the roadshow a draft
/// with an undrawn session, and the demo contestant's draft entry with a business plan.</item>
/// <item>农村创新创业大赛: the online review closed, the start-up group's advancement confirmed with an advanced entry since
/// withdrawn (to backfill), the growth group's still to decide; the roadshow a draft.</item>
/// <item>女大学生创新创业大赛: a single closed round, the idea group's prizes confirmed (the demo contestant's entry first)
/// and an honour given, the start-up group's still to plan.</item>
/// <item>The Activity Week: the demo contestant's ticket, an event not yet published.</item>
/// <item>Invitations in the demo judge's and contestant's mailboxes (one each to accept, one to decline), a locked
/// account and one an administrator may lock, both sorting first on the users page.</item>
/// <item>Two mails a relay refused (550 5.1.1), Failed, for the administrator's mail page to resend.</item>
/// </list>
/// The app's clock must be <see cref="Clock"/>: the scenario starts at <see cref="Start"/> and moves it on two days, so
/// one result has ended its 公示 and become final.
/// </summary>
public sealed class EveryPageScenario
{
    public const string Admin = "admin@demo.competitionhub.cn";
    public const string Organizer = "organizer@demo.competitionhub.cn";
    public const string Judge = "judge@demo.competitionhub.cn";
    public const string Contestant = "contestant@demo.competitionhub.cn";
    public const string Investor = "investor@demo.competitionhub.cn";

    /// <summary>Accounts an administrator may lock or strip of a role: they sort first on the users page.</summary>
    public const string SpamAccount = "aaron.spam@example.com";
    public const string LockedAccount = "abby.locked@example.com";

    /// <summary>"Today" for the app when the scenario starts: every seeded contest's registration is open.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private const string Judge2 = "judge2@demo.competitionhub.cn";
    private const string Judge3 = "judge3@demo.competitionhub.cn";

    private readonly ScenarioSteps steps;
    private readonly ShiftedClock clock;

    private EveryPageScenario(ScenarioSteps steps, ShiftedClock clock) => (this.steps, this.clock) = (steps, clock);

    public int Cie { get; private set; }
    public int Maker { get; private set; }
    public int Rural { get; private set; }
    public int Female { get; private set; }
    public int Week { get; private set; }
    public int CieOnline { get; private set; }
    public int CieSemi { get; private set; }
    public int CieFinal { get; private set; }
    public int MakerOnline { get; private set; }
    public int MakerRoadshow { get; private set; }
    public int RuralOnline { get; private set; }
    public int RuralRoadshow { get; private set; }
    public int FemaleOnline { get; private set; }
    public int SemiSession { get; private set; }
    public int FinalSession { get; private set; }
    public int MakerSession { get; private set; }
    public int ContestantTeam { get; private set; }
    public int ContestantEntry { get; private set; }
    public int ContestantDraft { get; private set; }
    /// <summary>Another of the contestant's drafts with a business plan, in a second contest.</summary>
    public int ContestantSecondDraft { get; private set; }
    public int ContestantWinner { get; private set; }
    /// <summary>Handed in, waiting for the organizers' review.</summary>
    public int SubmittedEntry { get; private set; }
    /// <summary>Assigned to the demo judge in the open online review and not scored yet.</summary>
    public int UnscoredEntry { get; private set; }

    /// <summary>Handed in with an early-pilot credit code: waiting for the organizer to verify it.</summary>
    public int CodeCheckEntry { get; private set; }
    public int OpenProject { get; private set; }
    public int Certificate { get; private set; }
    public int ForumEvent { get; private set; }
    public int MatchmakingEvent { get; private set; }
    public int DraftEvent { get; private set; }

    /// <param name="site">The address the app is served at, for the links in its mails.</param>
    public static async Task<EveryPageScenario> BuildAsync(AppFactory app, ShiftedClock clock, Uri site)
    {
        using var culture = ScenarioSteps.ChineseCulture();
        var s = new EveryPageScenario(new ScenarioSteps(app, site), clock);
        await s.PeopleAsync();
        await s.CieAsync();
        await s.MakerAsync();
        await s.RuralAsync();
        await s.FemaleAsync();
        await s.ActivityWeekAsync();
        await s.InvitationsAsync();
        await s.UndeliveredMailAsync();
        return s;
    }

    private static readonly (string Email, string Name)[] Leaders =
    [
        ("leader1@example.cn", "赵一鸣"), ("leader2@example.cn", "钱二妮"), ("leader3@example.cn", "孙三立"), ("leader4@example.cn", "李四海"),
        ("leader5@example.cn", "周五洲"), ("leader6@example.cn", "吴六合"), ("leader7@example.cn", "郑七星"), ("leader8@example.cn", "王八方"),
        ("member@example.cn", "冯队员"), ("member2@example.cn", "陈队员"), (SpamAccount, "Aaron Spam"), (LockedAccount, "Abby Locked"),
    ];

    private readonly Dictionary<int, string> leaders = [];

    private string Leader(int n) => leaders[n];

    private async Task PeopleAsync()
    {
        for (var i = 0; i < Leaders.Length; i++)
        {
            var id = await steps.UserAsync(Leaders[i].Email, Leaders[i].Name, Roles.Contestant);
            if (i < 8) leaders[i + 1] = id;
        }
        await steps.UseAsync<UserManager<AppUser>>(async users =>
            ScenarioSteps.Check((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(LockedAccount))!, DateTimeOffset.MaxValue)).Succeeded));
    }

    // ----- 中国创新创业大赛（吉林赛区） -----

    private async Task CieAsync()
    {
        Cie = await steps.ContestAsync("cie-jilin");
        (CieOnline, CieSemi, CieFinal) = await RoundsAsync(Cie);
        var contestant = await steps.IdAsync(Contestant);
        var organizer = await steps.IdAsync(Organizer);

        // Three members: the leader may remove one and hand the team over to the other.
        ContestantTeam = await steps.TeamAsync(contestant, "长白山创新团队");
        await steps.AddMemberAsync(ContestantTeam, contestant, "member@example.cn");
        await steps.AddMemberAsync(ContestantTeam, contestant, "member2@example.cn");
        // Six approved entries: four start-ups and two growth companies; judge5 holds shares in the last (a detected conflict).
        ContestantEntry = await steps.ApprovedEntryAsync(Cie, ContestantTeam, contestant, "长白山人参智能种植", EntryKind.Startup);
        var entries = new List<int> { ContestantEntry };
        string[] titles = ["松花江水质在线监测", "黑土地数字农业平台", "冰雪装备轻量化材料", "汽车零部件视觉质检", "长春光电精密测量"];
        for (var i = 0; i < titles.Length; i++)
        {
            var team = await steps.TeamAsync(Leader(i + 1), titles[i] + "团队");
            entries.Add(await steps.ApprovedEntryAsync(Cie, team, Leader(i + 1), titles[i], i < 3 ? EntryKind.Startup : EntryKind.Growth,
                creditCode: i == 4 ? "91220101MA17Q8H2X8" : null));
        }
        decimal Quality(int id) => id == ContestantEntry ? 0.93m : Mixed(id);

        // The other statuses a review leaves: waiting, sent back, rejected, withdrawn, and a draft never handed in.
        SubmittedEntry = await steps.SubmittedEntryAsync(Cie, await steps.TeamAsync(Leader(7), "向海湿地生态团队"), Leader(7), "向海湿地生态修复", EntryKind.Startup);
        var sentBack = await steps.SubmittedEntryAsync(Cie, await steps.TeamAsync(Leader(8), "查干湖渔业团队"), Leader(8), "查干湖冬捕数字化", EntryKind.Startup);
        await steps.DecideAsync(sentBack, Decision.RequestChanges, "请补充近三年财务数据。");
        var spammer = await steps.IdAsync(SpamAccount);
        var rejected = await steps.SubmittedEntryAsync(Cie, await steps.TeamAsync(spammer, "Spam Team"), spammer, "重复提交的项目", EntryKind.Startup);
        await steps.DecideAsync(rejected, Decision.Reject, "与已报名项目重复。");
        var withdrawn = await steps.SubmittedEntryAsync(Cie, await steps.TeamAsync(Leader(6), "净月智造团队"), Leader(6), "净月智能仓储机器人", EntryKind.Startup);
        await steps.WithdrawAsync(withdrawn, Leader(6));
        await steps.DraftEntryAsync(Cie, await steps.TeamAsync(Leader(3), "延边文创团队"), Leader(3), "延边朝鲜族非遗文创", EntryKind.Startup);

        // Declared by the demo judge (who may withdraw it) and recorded by the organizer for judge2 (who may have it lifted);
        // on an entry and a company outside the roadshows, so every panel judge may score there.
        await steps.UseAsync<ManageConflicts>(async m => ScenarioSteps.Check(await m.DeclareAsync(Cie, await steps.IdAsync(Judge),
            new ConflictForm { Target = ConflictTarget.Entry, EntryId = SubmittedEntry, Type = ConflictType.Advisor, Reason = "曾担任该团队的技术顾问。" },
            new ModelStateDictionary(), steps.Site, default)));
        await steps.UseAsync<ManageConflicts>(async m => ScenarioSteps.Check(await m.AddForJudgeAsync(Cie, organizer,
            new ConflictForm
            {
                JudgeUserId = await steps.IdAsync(Judge2), Target = ConflictTarget.Organization, OrganizationName = "吉林省光电产业投资有限公司",
                OrganizationCreditCode = CreditCodes.Jilin(777_001), Type = ConflictType.Investment, Reason = "评委在该机构持股。",
            }, new ModelStateDictionary(), steps.Site, default)));

        // An organizer's exception on the pool page, so its revoke form is there to send.
        await steps.UseAsync<ManageCompetitorExceptions>(async m => ScenarioSteps.Check(await m.RecordAsync(Cie, organizer,
            new CompetitorExceptionForm { Email = Investor, Reason = "省外投资人，组委会同意其团队参赛并担任评委。" }, default)));

        // Online review: published (version 1), objected to and answered, published again with a note, period over, final.
        await steps.ScoredOnlineRoundAsync(CieOnline, perEntry: 3, Quality);
        await steps.PublishAsync(Cie, CieOnline, days: 3, note: null, organizer);
        var objection = await steps.ObjectionAsync(Cie, CieOnline, Leader(2), entries[2], "第三名与第四名的分数计算有误。");
        await steps.AnswerObjectionAsync(Cie, CieOnline, objection, "经复核，分数计算无误。", organizer);
        await steps.PublishAsync(Cie, CieOnline, days: 1, note: "复核后重新公示。", organizer);
        clock.Advance(TimeSpan.FromDays(2));
        await steps.FinalizeAsync(Cie, CieOnline, organizer);
        await steps.AdvanceAsync(Cie, CieOnline, quota: 3, Organizer);

        // Semi-final: a drawn session scored on stage; two entries score alike and the round breaks ties by lot; in 公示.
        var semi = await steps.UseAsync<AppDbContext, List<int>>(db => db.Entries.Where(e => entries.Contains(e.Id) && e.Status == EntryStatus.Advanced)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        await steps.UseAsync<AppDbContext, SaveRound>(async (db, save) =>
        {
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == CieSemi);
            ScenarioSteps.Check(await save.HandleAsync(Cie, CieSemi, RoundForm.From(round) with { TieBreakers = [nameof(Web.Features.Contests.TieBreakerKind.LotDraw)] }, default));
        });
        await steps.RoundStatusAsync(CieSemi, RoundStatus.Open);
        string[] panel = [await steps.IdAsync(Judge), await steps.IdAsync(Judge2), await steps.IdAsync(Judge3)];
        SemiSession = await steps.SessionAsync(CieSemi, "复赛第一场", semi, panel, new DateTime(2027, 4, 8, 9, 0, 0));
        await steps.DrawAsync(CieSemi, SemiSession, organizer);
        await steps.RoundStatusAsync(CieSemi, RoundStatus.Scoring);
        await steps.StageAsync(SemiSession, panel, id => id == semi[2] ? Quality(semi[1]) : Quality(id), stopWithFirstOpen: false);
        await steps.RoundStatusAsync(CieSemi, RoundStatus.Closed);
        // The round's tie-breaker is a lot draw, and a result is published only once every tie is settled.
        await steps.DrawTiesAsync(Cie, CieSemi, organizer);
        await steps.PublishAsync(Cie, CieSemi, days: 7, note: null, organizer);
        await steps.ObjectionAsync(Cie, CieSemi, Leader(3), semi[2], "复赛评分中第二位评委的打分明显偏低，请复核。");

        // Final: drawn, the first entry on stage with scoring open; judge2 and judge3 done, the demo judge still to score.
        await steps.RoundStatusAsync(CieFinal, RoundStatus.Open);
        FinalSession = await steps.SessionAsync(CieFinal, "决赛", semi.Take(3).ToList(), panel, new DateTime(2027, 5, 20, 9, 0, 0));
        await steps.DrawAsync(CieFinal, FinalSession, organizer);
        await steps.RoundStatusAsync(CieFinal, RoundStatus.Scoring);
        await steps.StageAsync(FinalSession, panel[1..], Quality, stopWithFirstOpen: true);

        // A correction asked for on a published sheet, for the organizer to decide.
        var judge2 = await steps.IdAsync(Judge2);
        await steps.UseAsync<AppDbContext, ScoreCorrections>(async (db, corrections) =>
        {
            var sheet = await db.ScoreSheets.AsNoTracking().FirstAsync(s => s.RoundId == CieOnline && s.JudgeUserId == judge2);
            var criteria = await db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == CieOnline).ToListAsync();
            ScenarioSteps.Check(await corrections.RequestAsync(judge2, CieOnline, sheet.EntryId, new CorrectionForm
            {
                Points = criteria.ToDictionary(c => c.Id, c => (decimal?)(c.MaxPoints / 2)), Reason = "误将第二项的分数录错。",
            }, default));
        });

        // Three entries open to investors: the demo investor asked to meet the contestant's team and met the second one's.
        OpenProject = entries[2];
        await steps.OpenToInvestorsAsync(ContestantEntry, contestant);
        await steps.OpenToInvestorsAsync(entries[1], Leader(1));
        await steps.OpenToInvestorsAsync(entries[2], Leader(2));
        MatchmakingEvent = await steps.UseAsync<AppDbContext, int>(db => db.ActivityEvents.Where(e => e.Type == ActivityEventType.Matchmaking).Select(e => e.Id).FirstAsync());
        var investor = await steps.IdAsync(Investor);
        await steps.MeetingAsync(ContestantEntry, investor, MatchmakingEvent, "我们关注东北特色农业，想了解贵团队的融资计划。");
        await steps.AcceptMeetingAsync(await steps.MeetingAsync(entries[1], investor, MatchmakingEvent, "想了解水质监测设备的量产计划。"), Leader(1));
    }

    /// <summary>A spread of qualities in 0.55–0.94, different for nearby ids, so rankings come out without ties.</summary>
    /// <summary>Sets a round's tie-breakers, as the round page does before scoring opens.</summary>
    private Task TieBreakersAsync(int contestId, int roundId, params Web.Features.Contests.TieBreakerKind[] breakers) =>
        steps.UseAsync<AppDbContext, SaveRound>(async (db, save) =>
        {
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
            ScenarioSteps.Check(await save.HandleAsync(contestId, roundId,
                RoundForm.From(round) with { TieBreakers = [.. breakers.Select(b => (string?)b.ToString())] }, default));
        });

    private static decimal Mixed(int entryId) => 0.55m + entryId * 37 % 40 / 100m;

    private async Task<(int, int, int)> RoundsAsync(int contestId)
    {
        var rounds = await steps.RoundsAsync(contestId);
        return (rounds[0], rounds.ElementAtOrDefault(1), rounds.ElementAtOrDefault(2));
    }

    // ----- “创客中国” -----

    private async Task MakerAsync()
    {
        Maker = await steps.ContestAsync("maker-china-jilin");
        (MakerOnline, MakerRoadshow, _) = await RoundsAsync(Maker);
        var contestant = await steps.IdAsync(Contestant);
        ContestantDraft = await steps.DraftEntryAsync(Maker, ContestantTeam, contestant, "人参皂苷提取工艺升级", EntryKind.Startup);
        await steps.UploadAsync(ContestantDraft, contestant, MaterialKind.BusinessPlan, "商业计划书.pdf");
        var scored = await steps.ApprovedEntryAsync(Maker, await steps.TeamAsync(Leader(4), "氢能叉车团队"), Leader(4), "长春新区氢能叉车", EntryKind.Startup);
        UnscoredEntry = await steps.ApprovedEntryAsync(Maker, await steps.TeamAsync(Leader(5), "碳纤维回收团队"), Leader(5), "吉林化纤碳纤维回收", EntryKind.Startup);
        // Handed in with an early-pilot credit code and its business licence: waiting for the organizer's verification.
        CodeCheckEntry = await steps.SubmittedEntryAsync(Maker, await steps.TeamAsync(Leader(1), "图们江物流团队"), Leader(1), "图们江跨境冷链物流", EntryKind.Startup,
            CreditCodes.EarlyPilot(778_001));
        // Assigned to the demo judge alone (the pool's only judge), then scoring: one sheet submitted, one still to score.
        await steps.RoundStatusAsync(MakerOnline, RoundStatus.Open);
        await steps.AssignAsync(MakerOnline, 1);
        await steps.RoundStatusAsync(MakerOnline, RoundStatus.Scoring);
        await steps.ScoreAsync(await steps.IdAsync(Judge), MakerOnline, scored, 0.8m);
        MakerSession = await steps.SessionAsync(MakerRoadshow, "决赛路演", [scored, UnscoredEntry], [await steps.IdAsync(Judge)], new DateTime(2027, 4, 22, 9, 0, 0));
    }

    // ----- 农村创新创业大赛 -----

    private async Task RuralAsync()
    {
        Rural = await steps.ContestAsync("rural-ie-jilin");
        (RuralOnline, RuralRoadshow, _) = await RoundsAsync(Rural);
        var startups = new List<int>();
        var growth = new List<int>();
        string[] titles = ["梨树县黑土保护性耕作", "敦化林下经济种植", "集安山葡萄深加工", "农安县稻渔共养", "抚松人参电商"];
        for (var i = 0; i < titles.Length; i++)
        {
            var n = i + 1;
            var entry = await steps.ApprovedEntryAsync(Rural, await steps.TeamAsync(Leader(n), titles[i] + "团队"), Leader(n), titles[i],
                i < 3 ? EntryKind.Startup : EntryKind.Growth);
            (i < 3 ? startups : growth).Add(entry);
        }
        // The growth group's two entries score the same, and the round breaks ties by a lot draw nobody has drawn yet.
        await TieBreakersAsync(Rural, RuralOnline, Web.Features.Contests.TieBreakerKind.LotDraw);
        await steps.ScoredOnlineRoundAsync(RuralOnline, perEntry: 1, id => growth.Contains(id) ? 0.8m : Mixed(id));
        var contestant = await steps.IdAsync(Contestant);
        ContestantSecondDraft = await steps.DraftEntryAsync(Rural, ContestantTeam, contestant, "人参林下种植示范", EntryKind.Startup);
        await steps.UploadAsync(ContestantSecondDraft, contestant, MaterialKind.BusinessPlan, "林下种植计划书.pdf");
        // The start-up group's two seats confirmed; then the leader of an advanced entry withdraws it: a seat to backfill.
        var startupTrack = await steps.UseAsync<AppDbContext, int>(db => db.Entries.Where(e => e.Id == startups[0]).Select(e => e.TrackId).SingleAsync());
        await steps.AdvanceAsync(Rural, RuralOnline, quota: 2, Organizer, onlyTrackId: startupTrack);
        // The growth group's quota saved and waiting to be confirmed.
        var growthTrack = await steps.UseAsync<AppDbContext, int>(db => db.ContestTracks.Where(t => t.ContestId == Rural && t.Code == "growth").Select(t => t.Id).SingleAsync());
        await steps.QuotaAsync(Rural, RuralOnline, growthTrack, 1);
        var advanced = await steps.UseAsync<AppDbContext, int>(db => db.Entries.Where(e => startups.Contains(e.Id) && e.Status == EntryStatus.Advanced)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        await steps.WithdrawAsync(advanced, Leader(startups.IndexOf(advanced) + 1));
    }

    // ----- 女大学生创新创业大赛 -----

    private async Task FemaleAsync()
    {
        Female = await steps.ContestAsync("female-students-jilin");
        var rounds = await steps.RoundsAsync(Female);
        FemaleOnline = rounds[0];
        // One round only, so it is the final one the prizes follow.
        await steps.UseAsync<SaveRound>(async r => ScenarioSteps.Check(await r.RemoveAsync(Female, rounds[1], default)));
        var contestant = await steps.IdAsync(Contestant);
        ContestantWinner = await steps.ApprovedEntryAsync(Female, ContestantTeam, contestant, "校园助农直播平台", EntryKind.Idea);
        var entries = new List<int> { ContestantWinner };
        string[] titles = ["高校实验室共享平台", "长白山研学旅行", "少数民族刺绣文创", "智能助残导盲杖"];
        for (var i = 0; i < titles.Length; i++)
            entries.Add(await steps.ApprovedEntryAsync(Female, await steps.TeamAsync(Leader(i + 1), titles[i] + "女大学生团队"), Leader(i + 1), titles[i],
                i < 2 ? EntryKind.Startup : EntryKind.Idea));
        // The start-up group's two entries score the same; the round breaks ties by a panel decision, not yet recorded.
        await TieBreakersAsync(Female, FemaleOnline, Web.Features.Contests.TieBreakerKind.PanelDecision);
        await steps.ScoredOnlineRoundAsync(FemaleOnline, perEntry: 1,
            id => id == ContestantWinner ? 0.95m : id == entries[1] || id == entries[2] ? 0.7m : Mixed(id));

        // The idea group's prizes confirmed as proposed (first and second), and an honour given.
        var ideaTrack = await steps.UseAsync<AppDbContext, int>(db => db.Entries.Where(e => e.Id == ContestantWinner).Select(e => e.TrackId).SingleAsync());
        var principal = await steps.PrincipalAsync(Organizer);
        await steps.UseAsync<LoadAwardsBoard>(async load =>
        {
            var board = (await load.HandleAsync(Female, default))!;
            await steps.UseAsync<SaveAwardPlan>(async p => ScenarioSteps.Check(await p.HandleAsync(board, new PlanForm { TrackId = ideaTrack, FirstPrizes = 1, SecondPrizes = 1 }, default)));
            board = (await load.HandleAsync(Female, default))!;
            var track = board.Tracks.Single(t => t.TrackId == ideaTrack);
            var grades = track.Rows.ToDictionary(r => r.EntryId, r => r.Proposed?.ToString() ?? "");
            await steps.UseAsync<ConfirmAwards>(async c => ScenarioSteps.Check(await c.HandleAsync(board,
                new AwardsForm { TrackId = ideaTrack, Version = track.Plan!.Version, Grades = grades }, principal, steps.Site, default)));
            board = (await load.HandleAsync(Female, default))!;
            await steps.UseAsync<ManageHonours>(async h => ScenarioSteps.Check(await h.SaveTitlesAsync(board, "创业新锐\n创新尖兵", default)));
            board = (await load.HandleAsync(Female, default))!;
            await steps.UseAsync<ManageHonours>(async h => ScenarioSteps.Check(await h.GiveAsync(board, new HonourForm(entries[1], "创业新锐"), steps.Site, default)));
        });
        Certificate = await steps.UseAsync<AppDbContext, int>(db => db.Awards.Where(a => a.EntryId == ContestantWinner && a.Kind == AwardKind.Prize).Select(a => a.Id).SingleAsync());
        await steps.OpenToInvestorsAsync(ContestantWinner, contestant);
        await steps.MeetingAsync(ContestantWinner, await steps.IdAsync(Investor), MatchmakingEvent, "想了解助农直播的商业模式。");
    }

    // ----- Activity Week -----

    private async Task ActivityWeekAsync()
    {
        Week = await steps.ContestAsync("shuangchuang-week-jilin");
        ForumEvent = await steps.UseAsync<AppDbContext, int>(db => db.ActivityEvents.Where(e => e.ContestId == Week && e.Type == ActivityEventType.Forum).Select(e => e.Id).FirstAsync());
        foreach (var user in new[] { await steps.IdAsync(Contestant), Leader(1), Leader(2) })
            await steps.UseAsync<SignUpForEvent>(async s => await s.HandleAsync(ForumEvent, user, steps.Site, default));
        await steps.UseAsync<SaveEvent>(async save =>
        {
            var result = await save.HandleAsync(Week, 0, new EventForm
            {
                Type = ActivityEventType.Training, Title = "知识产权保护实务培训", TitleEn = "Intellectual property in practice",
                Description = "专利申请与商标保护的常见问题。", DescriptionEn = "Common questions on patents and trademarks.", Venue = "吉林省知识产权局培训室", VenueEn = "Training room, Jilin Intellectual Property Office",
                StartsAt = new DateTime(2027, 9, 15, 14, 0, 0), EndsAt = new DateTime(2027, 9, 15, 16, 30, 0), Capacity = 30, Tags = "知识产权, 培训", TagsEn = "Intellectual property, Training",
                RequiresSignup = true,
            }, steps.Site, default);
            ScenarioSteps.Check(result);
            DraftEvent = result.Id;
        });
    }

    // ----- invitations waiting in mailboxes -----

    private async Task InvitationsAsync()
    {
        // Two teams invite the demo contestant (one to accept, one to decline); the contestant's team has one open invitation.
        foreach (var n in new[] { 4, 5 }) await steps.InviteAsync(await steps.TeamOfAsync(Leader(n)), Leader(n), Contestant);
        await steps.InviteAsync(ContestantTeam, await steps.IdAsync(Contestant), "new.member@example.cn");
        // Two contests invite the demo judge again (taken off their pools first): one to accept, one to decline.
        var organizer = await steps.IdAsync(Organizer);
        foreach (var slug in new[] { "rural-ie-jilin", "rising-stars-jilin" })
        {
            var contestId = await steps.ContestAsync(slug);
            await steps.UseAsync<AppDbContext, ManageJudgePool>(async (db, pool) =>
            {
                var seat = await db.ContestJudges.Where(j => j.ContestId == contestId && j.Email == Judge).Select(j => j.Id).SingleAsync();
                var removed = await pool.RemoveAsync(contestId, seat, steps.Site, default);
                ScenarioSteps.Check(removed);
                var invited = await pool.InviteAsync(contestId, organizer, new InviteJudgeForm { Email = Judge, Name = "王评委" },
                    token => $"{steps.Site}/judging/invitations/{token}", default);
                ScenarioSteps.Check(invited);
            });
        }
    }

    // ----- mail the relay refused -----

    /// <summary>
    /// As the sender leaves a mail whose recipient the relay refused for good. The crawl's app writes mail to its pickup
    /// folder, which refuses nothing, so the rows are stored in that state.
    /// </summary>
    private Task UndeliveredMailAsync() => steps.UseAsync<AppDbContext, Outbox>(async (db, outbox) =>
    {
        foreach (var (email, name) in new[] { ("wrong.address@example.cn", "周错址"), ("left.company@example.cn", "吴离职") })
        {
            var mail = outbox.Queue(email, name, "account-confirm", "zh-CN", new { displayName = name, link = $"{steps.Site}/account/login" });
            mail.Status = NotificationStatus.Failed;
            mail.Attempts = 1;
            mail.FirstAttemptAt = mail.CreatedAt;
            mail.LastError = $"SMTP 550 (RecipientNotAccepted): 5.1.1 <{email}>: Recipient address rejected: User unknown";
        }
        await db.SaveChangesAsync();
    });
}
