using System.Globalization;
using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Review;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.TestSupport.Scenario;

/// <summary>Which group an entry goes to, and so what company (if any) it has.</summary>
public enum EntryKind
{
    /// <summary>A company founded in 2025: the start-up group.</summary>
    Startup,
    /// <summary>A company founded in 2020: the growth group.</summary>
    Growth,
    /// <summary>A team without a company: the idea group.</summary>
    Idea,
}

/// <summary>A contest of a test's own (<see cref="ScenarioSteps.OpenContestAsync"/>): open for registration now, with a roadshow round.</summary>
public sealed record OpenContest(int ContestId, int RoadshowRoundId);

/// <summary>
/// Entries scored in a closed round (<see cref="ScenarioSteps.ScoredEntriesAsync"/>), best first, each with its own leader;
/// all in one track.
/// </summary>
public sealed record ScoredEntries(int ContestId, int RoundId, int TrackId, string[] Leaders, int[] Entries);

/// <summary>A roadshow stage with one entry on it and scoring open, a judge on its panel, and a sheet that judge may submit.</summary>
public sealed record OpenStage(int SessionId, int EntryId, string JudgeEmail, Dictionary<int, decimal> Points);

/// <summary>
/// The steps people take in the app, taken through its own use cases (each in a scope of its own, as a request would be):
/// teams, entries handed in and decided, rounds moved on, judges assigned and scoring, sessions drawn and run on stage,
/// results published, objections filed, meetings asked for. A step the app refuses throws, with the app's own message.
/// Mail links point at <paramref name="site"/>.
/// </summary>
public sealed class ScenarioSteps(AppFactory app, Uri site)
{
    private readonly Dictionary<string, string> userIds = new(StringComparer.OrdinalIgnoreCase);
    private int codes;

    public string Site { get; } = site.ToString().TrimEnd('/');

    // ----- people and teams -----

    public async Task<string> UserAsync(string email, string name, string role)
    {
        var user = await app.CreateUserAsync(email, TestUsers.DemoPassword, name, roles: role);
        return userIds[email] = user.Id;
    }

    /// <summary>The id of an account, created by <see cref="UserAsync"/> or by the seed.</summary>
    public async Task<string> IdAsync(string email)
    {
        if (userIds.TryGetValue(email, out var id)) return id;
        return userIds[email] = (await app.FindUserAsync(email) ?? throw new InvalidOperationException($"No account {email}.")).Id;
    }

    public Task<int> TeamAsync(string leaderId, string name) =>
        UseAsync<ManageTeam, int>(async m =>
        {
            var created = await m.CreateAsync(leaderId, new CreateTeamForm { Name = name }, default);
            return created.Succeeded ? created.Id : throw new InvalidOperationException("Creating the team: " + created.ErrorText);
        });

    public Task<int> TeamOfAsync(string leaderId) =>
        UseAsync<AppDbContext, int>(db => db.TeamMembers.Where(m => m.UserId == leaderId && m.IsLeader).OrderBy(m => m.TeamId).Select(m => m.TeamId).FirstAsync());

    public async Task InviteAsync(int teamId, string leaderId, string email)
    {
        var version = await UseAsync<AppDbContext, Guid>(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Version).SingleAsync());
        await UseAsync<ManageTeam>(async m => Check(await m.InviteAsync(teamId, leaderId, new InviteForm { Email = email, Version = version },
            token => $"{Site}/invitations/{token}", default)));
    }

    /// <summary>Invites <paramref name="email"/> to the team and has that person accept.</summary>
    public async Task AddMemberAsync(int teamId, string leaderId, string email)
    {
        await InviteAsync(teamId, leaderId, email);
        var token = await UseAsync<AppDbContext, Guid>(db => db.TeamInvitations.Where(i => i.TeamId == teamId && i.Email == email).Select(i => i.Token).SingleAsync());
        await UseAsync<AnswerInvitation, UserManager<AppUser>>(async (answer, users) =>
        {
            var joined = await answer.AcceptAsync(token, (await users.FindByEmailAsync(email))!, default);
            if (!joined.Succeeded) throw new InvalidOperationException("Joining the team: " + joined.ErrorText);
        });
    }

    public async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }

    // ----- contests and entries -----

    /// <summary>
    /// A published contest of the test's own, open for registration from yesterday for a month whatever day the test runs,
    /// with a start-up track and a roadshow round of two criteria, managed by the demo organizer; put straight into the
    /// database, as an organizer's setup would leave it.
    /// </summary>
    public Task<OpenContest> OpenContestAsync() =>
        UseAsync<AppDbContext, OpenContest>(async db =>
        {
            var now = DateTime.UtcNow;
            var slug = "open-" + Guid.NewGuid().ToString("N")[..10];
            var organizer = await db.Users.Where(u => u.NormalizedEmail == TestUsers.DemoOrganizer.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            var contest = new Contest
            {
                Slug = slug, Name = "测试赛事 " + slug, NameEn = "Test contest " + slug, Kind = ContestKind.Competition, EditionYear = now.Year,
                LeadDepartmentId = (await db.Departments.OrderBy(d => d.Id).FirstAsync()).Id, IsPublished = true,
                Description = "测试简介", RulesText = "测试规则", RegistrationOpensAt = now.AddDays(-1), RegistrationClosesAt = now.AddDays(30),
                IndustryFields = ["电子信息"],
            };
            contest.Organizers.Add(new ContestOrganizer { UserId = organizer, AssignedAt = now });
            contest.Tracks.Add(new ContestTrack { Code = "startup", Name = "初创组", NameEn = "Start-up group" });
            contest.Rounds.Add(new Round
            {
                Sequence = 1, Name = "决赛路演", NameEn = "Final roadshow", Kind = RoundKind.Roadshow, Status = RoundStatus.Draft,
                Criteria =
                [
                    new() { Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000 },
                    new() { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000 },
                ],
            });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            return new OpenContest(contest.Id, contest.Rounds[0].Id);
        });

    /// <summary>
    /// The contest's roadshow opened, a session drawn with one new approved entry, a new judge of the pool on its panel,
    /// the entry on stage and scoring open.
    /// </summary>
    public async Task<OpenStage> OpenStageAsync(OpenContest contest)
    {
        var leader = await UserAsync(TestUsers.NewEmail("leader"), "路演队长", Roles.Contestant);
        var entry = await ApprovedEntryAsync(contest.ContestId, await TeamAsync(leader, "路演团队"), leader, "路演项目", EntryKind.Startup);
        var judgeEmail = TestUsers.NewEmail("judge");
        var judge = await UserAsync(judgeEmail, "路演评委", Roles.Judge);
        await UseAsync<AppDbContext>(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contest.ContestId, Email = judgeEmail, Name = "路演评委", UserId = judge, Status = JudgeStatus.Accepted,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = judge,
            });
            await db.SaveChangesAsync();
        });
        var round = contest.RoadshowRoundId;
        await RoundStatusAsync(round, RoundStatus.Open);
        var session = await SessionAsync(round, "路演场次", [entry], [judge], ChinaTime.FromUtc(DateTime.UtcNow.AddDays(1)));
        await DrawAsync(round, session, await IdAsync(TestUsers.DemoOrganizer));
        await RoundStatusAsync(round, RoundStatus.Scoring);
        await StepAsync(session, StageStep.Next);
        await StepAsync(session, StageStep.OpenScoring);
        var points = await UseAsync<AppDbContext, Dictionary<int, decimal>>(db => db.RubricCriteria.Where(c => c.RoundId == round)
            .ToDictionaryAsync(c => c.Id, c => c.MaxPointsHundredths / 200m));
        return new OpenStage(session, entry, judgeEmail, points);
    }

    public Task<int> ContestAsync(string slug) => UseAsync<AppDbContext, int>(db => db.Contests.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    public Task<List<int>> RoundsAsync(int contestId) =>
        UseAsync<AppDbContext, List<int>>(db => db.Rounds.Where(r => r.ContestId == contestId).OrderBy(r => r.Sequence).Select(r => r.Id).ToListAsync());

    /// <summary>A draft with every field filled in as its group expects, saved by the team's leader.</summary>
    public async Task<int> DraftEntryAsync(int contestId, int teamId, string leaderId, string title, EntryKind kind, string? creditCode = null)
    {
        var code = kind switch { EntryKind.Startup => "startup", EntryKind.Growth => "growth", _ => "idea" };
        var trackId = await UseAsync<AppDbContext, int>(db => db.ContestTracks.Where(t => t.ContestId == contestId && t.Code == code).Select(t => t.Id).SingleAsync());
        var industry = (await UseAsync<AppDbContext, List<string>>(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.IndustryFields).SingleAsync()))[0];
        var company = kind != EntryKind.Idea;
        var form = new EntryForm
        {
            TeamId = teamId, TrackId = trackId, Title = title, Summary = $"{title}：面向吉林省产业需求的创新项目。", Industry = industry,
            ApplicantType = company ? ApplicantType.Enterprise : ApplicantType.Team,
            CompanyName = company ? $"吉林省{title}科技有限公司" : null,
            CreditCode = company ? creditCode ?? CreditCodes.Jilin(100_000 + Interlocked.Increment(ref codes)) : null,
            RegistrationProvince = company ? "22" : null, RegistrationDistrict = company ? "长春市朝阳区" : null,
            FoundedOn = kind switch { EntryKind.Startup => new DateOnly(2025, 3, 1), EntryKind.Growth => new DateOnly(2020, 5, 1), _ => null },
            RevenueWan = company ? 500 : null, LeaderGender = Gender.Female, LeaderIsStudent = true, LeaderGraduationYear = 2027, RuralAttestation = true,
            ContactName = "项目联系人", ContactPhone = "13900000001", ContactEmail = "contact@example.cn",
        };
        var result = await UseAsync<SaveEntry, SaveResult>(s => s.CreateAsync(contestId, leaderId, form, "zh-CN", id => $"{Site}/entries/{id}", default));
        if (!result.Succeeded) throw new InvalidOperationException($"Entry {title}: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.EntryId!.Value;
    }

    /// <summary>A draft with its group's required materials, handed in.</summary>
    public async Task<int> SubmittedEntryAsync(int contestId, int teamId, string leaderId, string title, EntryKind kind, string? creditCode = null)
    {
        var entryId = await DraftEntryAsync(contestId, teamId, leaderId, title, kind, creditCode);
        var required = await UseAsync<AppDbContext, List<MaterialKind>>(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Track.RequiredMaterials).SingleAsync());
        foreach (var material in required)
            await UploadAsync(entryId, leaderId, material, material == MaterialKind.PitchDeck ? "路演材料.pdf" : "商业计划书.pdf");
        // A code the check character does not confirm goes in with the business licence, for the organizer to verify.
        if (await UseAsync<AppDbContext, bool>(db => db.Entries.AnyAsync(e => e.Id == entryId && e.CreditCodeVerification == CreditCodeVerification.Pending)))
            await UploadAsync(entryId, leaderId, MaterialKind.BusinessLicence, "营业执照.pdf");
        var problems = await UseAsync<SubmitEntry, IReadOnlyList<string>>(async s =>
            await s.HandleAsync(entryId, leaderId, await EntryVersionAsync(entryId), $"{Site}/entries/{entryId}", default));
        if (problems.Count > 0) throw new InvalidOperationException($"Submitting {title}: " + string.Join("; ", problems));
        return entryId;
    }

    /// <summary>Handed in and approved by the organizers: ready for a round.</summary>
    public async Task<int> ApprovedEntryAsync(int contestId, int teamId, string leaderId, string title, EntryKind kind, string? creditCode = null)
    {
        var entryId = await SubmittedEntryAsync(contestId, teamId, leaderId, title, kind, creditCode);
        await DecideAsync(entryId, Decision.Approve);
        return entryId;
    }

    public Task<Guid> EntryVersionAsync(int entryId) =>
        UseAsync<AppDbContext, Guid>(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync());

    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    public static IFormFile PdfFile(string name) =>
        new Microsoft.AspNetCore.Http.FormFile(new MemoryStream(Pdf), 0, Pdf.Length, "file", name) { Headers = new HeaderDictionary(), ContentType = "application/pdf" };

    public Task UploadAsync(int entryId, string userId, MaterialKind kind, string name) =>
        UseAsync<UploadMaterial>(async u => Check(await u.HandleAsync(entryId, userId, kind.ToString(), PdfFile(name), default)));

    public Task DecideAsync(int entryId, Decision decision, string? reason = null) =>
        UseAsync<DecideEntry>(async d =>
        {
            var result = await d.HandleAsync(entryId, decision, reason, null, id => $"{Site}/entries/{id}", default);
            Check(result);
        });

    public async Task WithdrawAsync(int entryId, string leaderId) =>
        await UseAsync<WithdrawEntry>(async w => Check(await w.HandleAsync(entryId, leaderId, await EntryVersionAsync(entryId), default)));

    // ----- rounds, judges and scores -----

    /// <summary>Moves a round forward, one status at a time, up to <paramref name="to"/>.</summary>
    public async Task RoundStatusAsync(int roundId, RoundStatus to)
    {
        var (contestId, status) = await UseAsync<AppDbContext, (int, RoundStatus)>(async db =>
        {
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
            return (round.ContestId, round.Status);
        });
        for (var next = status + 1; next <= to; next++)
            await UseAsync<AdvanceRound>(async a => Check(await a.HandleAsync(contestId, roundId, next, default)));
    }

    /// <summary>k judges of the pool per approved entry, as the assignment page would commit them.</summary>
    public Task AssignAsync(int roundId, int perEntry) =>
        UseAsync<LoadAssignmentState, CommitAssignment>(async (load, commit) =>
        {
            var state = (await load.HandleAsync(roundId, default))!;
            var k = Math.Min(perEntry, state.Judges.Count);
            var seed = state.DefaultSeed;
            var result = await commit.HandleAsync(state, k, seed, AssignmentState.Fingerprint(state.Problem(k), seed), Site + "/judging", default);
            if (!result.Succeeded) throw new InvalidOperationException("Assignment: " + result.Message);
        });

    /// <summary>One judge's submitted sheet: each criterion at <paramref name="quality"/> of its maximum, in its steps.</summary>
    public Task ScoreAsync(string judgeId, int roundId, int entryId, decimal quality) =>
        UseAsync<AppDbContext, RecordScore>(async (db, record) =>
        {
            var criteria = await db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync();
            var points = criteria.ToDictionary(c => c.Id, c => Math.Floor(quality * c.MaxPointsHundredths / c.StepHundredths) * c.StepHundredths / 100m);
            var outcome = await record.HandleAsync(judgeId, new ScoreInput(Guid.NewGuid(), roundId, entryId, points, "项目扎实，建议加强市场分析。", Submit: true), default);
            if (!outcome.Accepted) throw new InvalidOperationException($"Score of {entryId} by {judgeId}: {outcome.Error}");
        });

    /// <summary>
    /// One approved entry of <paramref name="kind"/> per title in the seeded contest <paramref name="contestSlug"/>, each led
    /// by a new leader of its own, scored 90, 80, 70, … by one judge each in the contest's first round, which is then closed.
    /// </summary>
    public async Task<ScoredEntries> ScoredEntriesAsync(string contestSlug, IReadOnlyList<string> titles, EntryKind kind)
    {
        using var culture = ChineseCulture();
        var contestId = await ContestAsync(contestSlug);
        var roundId = (await RoundsAsync(contestId))[0];
        var leaders = new string[titles.Count];
        var entries = new int[titles.Count];
        for (var i = 0; i < titles.Count; i++)
        {
            leaders[i] = TestUsers.NewEmail("leader");
            var leader = await UserAsync(leaders[i], $"队长{i + 1}", Roles.Contestant);
            entries[i] = await ApprovedEntryAsync(contestId, await TeamAsync(leader, titles[i] + "团队"), leader, titles[i], kind);
        }
        var quality = entries.Select((id, i) => (id, q: 0.9m - i * 0.1m)).ToDictionary(x => x.id, x => x.q);
        await ScoredOnlineRoundAsync(roundId, perEntry: 1, id => quality[id]);
        var trackId = await UseAsync<AppDbContext, int>(db => db.Entries.Where(e => e.Id == entries[0]).Select(e => e.TrackId).SingleAsync());
        return new ScoredEntries(contestId, roundId, trackId, leaders, entries);
    }

    /// <summary>An online review from start to end: opened, assigned, scoring, every assigned sheet submitted, closed.</summary>
    public async Task ScoredOnlineRoundAsync(int roundId, int perEntry, Func<int, decimal> quality)
    {
        await RoundStatusAsync(roundId, RoundStatus.Open);
        await AssignAsync(roundId, perEntry);
        await RoundStatusAsync(roundId, RoundStatus.Scoring);
        var pairs = await UseAsync<AppDbContext, List<(string Judge, int Entry)>>(async db =>
            (await db.ReviewAssignments.Where(a => a.RoundId == roundId).Select(a => new { a.JudgeUserId, a.EntryId }).ToListAsync())
            .Select(a => (a.JudgeUserId, a.EntryId)).ToList());
        foreach (var (judge, entry) in pairs) await ScoreAsync(judge, roundId, entry, quality(entry));
        await RoundStatusAsync(roundId, RoundStatus.Closed);
    }

    /// <summary>
    /// Each track's quota (of <paramref name="onlyTrackId"/> alone, if given; raised past a tie at the line, if any) saved
    /// and confirmed: the teams are told.
    /// </summary>
    public Task AdvanceAsync(int contestId, int roundId, int quota, string organizerEmail, int? onlyTrackId = null) =>
        UseAsync<LoadAdvancementBoard>(async load =>
        {
            var board = (await load.HandleAsync(contestId, roundId, default))!;
            foreach (var track in board.Tracks.Where(t => t.Entries.Count > 0 && (onlyTrackId is null || t.TrackId == onlyTrackId)))
            {
                var fresh = track;
                for (var seats = Math.Min(quota, track.Entries.Count); fresh.Setting is null || fresh.Cut is { HasTie: true }; seats++)
                {
                    var current = (await load.HandleAsync(contestId, roundId, default))!;
                    await UseAsync<SaveQuota>(async q => Check(await q.HandleAsync(current, track.TrackId, track.Industry, seats, default)));
                    fresh = (await load.HandleAsync(contestId, roundId, default))!.Tracks.Single(t => t.TrackId == track.TrackId);
                }
                var principal = await PrincipalAsync(organizerEmail);
                await UseAsync<ConfirmAdvancement>(async c => Check(await c.HandleAsync((await load.HandleAsync(contestId, roundId, default))!,
                    new ConfirmForm { TrackId = track.TrackId, Version = fresh.Setting!.Version }, principal, id => $"{Site}/entries/{id}", default)));
            }
        });

    /// <summary>A track's quota saved, not yet confirmed.</summary>
    public Task QuotaAsync(int contestId, int roundId, int trackId, int quota) =>
        UseAsync<LoadAdvancementBoard, SaveQuota>(async (load, save) =>
            Check(await save.HandleAsync((await load.HandleAsync(contestId, roundId, default))!, trackId, null, quota, default)));

    // ----- roadshow -----

    public async Task<int> SessionAsync(int roundId, string name, IReadOnlyList<int> entries, IReadOnlyList<string> panel, DateTime chinaStart)
    {
        var round = await UseAsync<AppDbContext, Round>(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        var result = await UseAsync<SaveSession, SetupResult>(s => s.HandleAsync(round, 0, new SessionForm
        {
            Name = name, Venue = "长春国际会展中心 C 厅", StartsAt = chinaStart, PitchMinutes = 8, QaMinutes = 7,
            EntryIds = [.. entries], JudgeUserIds = [.. panel],
        }, default));
        Check(result);
        return result.Id;
    }

    public async Task DrawAsync(int roundId, int sessionId, string organizerId)
    {
        var round = await UseAsync<AppDbContext, Round>(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
        var version = await UseAsync<AppDbContext, Guid>(db => db.RoadshowSessions.Where(s => s.Id == sessionId).Select(s => s.Version).SingleAsync());
        await UseAsync<DrawRunningOrder>(async d => Check(await d.HandleAsync(round, sessionId, new DrawForm { Seed = "20270408", Version = version }, organizerId, default)));
    }

    /// <summary>
    /// Runs the stage through the drawn order (on stage, scored by <paramref name="judges"/>, revealed) to the end, or
    /// stops with the first entry on stage and scoring open.
    /// </summary>
    public async Task StageAsync(int sessionId, IReadOnlyList<string> judges, Func<int, decimal> quality, bool stopWithFirstOpen)
    {
        var (roundId, order) = await UseAsync<AppDbContext, (int, List<int>)>(async db =>
        {
            var session = await db.RoadshowSessions.AsNoTracking().Include(s => s.Slots).SingleAsync(s => s.Id == sessionId);
            return (session.RoundId, session.Slots.OrderBy(s => s.Position).Select(s => s.EntryId).ToList());
        });
        foreach (var entry in order)
        {
            await StepAsync(sessionId, StageStep.Next);
            await StepAsync(sessionId, StageStep.OpenScoring);
            foreach (var judge in judges) await ScoreAsync(judge, roundId, entry, quality(entry));
            if (stopWithFirstOpen) return;
            await StepAsync(sessionId, StageStep.CloseScoring, closeAnyway: true);
            await StepAsync(sessionId, StageStep.Reveal);
        }
        await StepAsync(sessionId, StageStep.Next);
    }

    public async Task StepAsync(int sessionId, StageStep step, bool closeAnyway = false)
    {
        var version = await UseAsync<AppDbContext, long>(async db =>
            await db.StageStates.Where(s => s.SessionId == sessionId).Select(s => (long?)s.Version).SingleOrDefaultAsync() ?? 0);
        var result = await UseAsync<StageControl, StageResult>(c => c.HandleAsync(sessionId, step, version, closeAnyway, default));
        if (!result.Succeeded) throw new InvalidOperationException($"Stage {step}: {result.Error}");
    }

    // ----- results -----

    public string ResultsLink(int contestId, int roundId) => $"{Site}/contests/{contestId}/rounds/{roundId}/results";

    /// <summary>The round's ranking as a new version in 公示 for <paramref name="days"/> days.</summary>
    public async Task PublishAsync(int contestId, int roundId, int days, string? note, string organizerId)
    {
        var current = await UseAsync<AppDbContext, int>(async db => await db.RankingVersions.Where(v => v.RoundId == roundId).Select(v => (int?)v.Number).MaxAsync() ?? 0);
        await UseAsync<PublishResults>(async p => Check(await p.PublishAsync(contestId, roundId, new PublishForm { Days = days, Note = note, Current = current },
            organizerId, ResultsLink(contestId, roundId), default)));
    }

    /// <summary>Draws lots, on the ties page's form, for every tie of the round still waiting for one.</summary>
    public async Task DrawTiesAsync(int contestId, int roundId, string organizerId)
    {
        var ties = await UseAsync<RecordTieDraw, TiesPage?>(r => r.LoadAsync(contestId, roundId, default));
        foreach (var tie in ties?.Open ?? [])
        {
            await UseAsync<RecordTieDraw>(async r => Check(await r.HandleAsync(contestId, roundId,
                new TieDrawForm([.. tie.Entries.Select(e => e.Id)], tie.ScoreHundredths, null), organizerId, default)));
        }
    }

    public async Task FinalizeAsync(int contestId, int roundId, string organizerId)
    {
        var current = await UseAsync<AppDbContext, int>(db => db.RankingVersions.Where(v => v.RoundId == roundId).MaxAsync(v => v.Number));
        await UseAsync<PublishResults>(async p => Check(await p.FinalizeAsync(contestId, roundId, new FinalizeForm { Number = current }, organizerId,
            ResultsLink(contestId, roundId), default)));
    }

    public async Task<int> ObjectionAsync(int contestId, int roundId, string userId, int entryId, string text)
    {
        var result = await UseAsync<Objections, FileObjectionResult>(o => o.FileAsync(contestId, roundId, userId,
            new ObjectionForm { Text = text, EntryId = entryId, Evidence = PdfFile("复核申请.pdf") }, "zh-CN", default));
        return result.ObjectionId ?? throw new InvalidOperationException("Objection: " + result.Error);
    }

    public Task AnswerObjectionAsync(int contestId, int roundId, int objectionId, string answer, string organizerId) =>
        UseAsync<Objections>(async o => Check(await o.DecideAsync(contestId, objectionId,
            new ObjectionDecisionForm { Verdict = ObjectionVerdict.Dismiss, Answer = answer }, organizerId, ResultsLink(contestId, roundId), default)));

    // ----- matchmaking -----

    public Task OpenToInvestorsAsync(int entryId, string leaderId) =>
        UseAsync<SetEntryVisibility>(async v => Check(await v.SaveAsync(entryId, leaderId,
            new VisibilityForm { VisibleToInvestors = true, Stage = InvestmentStage.Angel }, default)));

    public async Task<int> MeetingAsync(int entryId, string investorId, int eventId, string message)
    {
        var outcome = await UseAsync<RequestMeeting, SetupResult>(r => r.HandleAsync(entryId, investorId,
            new MeetingRequestForm { EventId = eventId, Message = message }, Site + "/matchmaking/meetings", default));
        return outcome.Succeeded ? outcome.Id : throw new InvalidOperationException("Meeting request: " + outcome.ErrorText);
    }

    public Task AcceptMeetingAsync(int meetingId, string leaderId) =>
        UseAsync<AnswerMeeting>(async a => Check((await a.AcceptAsync(meetingId, leaderId, "期待交流。", Site + "/matchmaking/meetings", default)).Succeeded));

    // ----- plumbing -----

    /// <summary>Runs <paramref name="action"/> with the app's own service, in a scope of its own, as one request would.</summary>
    public async Task UseAsync<TService>(Func<TService, Task> action) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task UseAsync<TService1, TService2>(Func<TService1, TService2, Task> action) where TService1 : notnull where TService2 : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService1>(), scope.ServiceProvider.GetRequiredService<TService2>());
    }

    public static void Check(SetupResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.ErrorText);
    }

    public static void Check(bool ok)
    {
        if (!ok) throw new InvalidOperationException("The use case refused the step.");
    }

    /// <summary>Steps queue mails outside any request; they take the culture a Chinese page would have.</summary>
    public static IDisposable ChineseCulture()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        return new Restore(() => CultureInfo.CurrentUICulture = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
