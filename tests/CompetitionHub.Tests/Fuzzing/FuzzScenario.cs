using CompetitionHub.Tests.Advancement;
using CompetitionHub.Tests.Judging;
using CompetitionHub.Tests.Contests;
using CompetitionHub.Tests.Review;
using CompetitionHub.Tests.Scoring;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>A judge account made for the scenario (the demo password), known by email and id.</summary>
public sealed record ScenarioJudge(string Email, string UserId);

/// <summary>
/// The roadshow stage the hub fuzzing plays on: <see cref="SessionId"/> has the demo judge and <see cref="Peer"/> on its
/// panel with scoring open on <see cref="OnStage"/>; <see cref="OtherSessionId"/> is another session, scoring open on
/// <see cref="OtherEntry"/>, whose panel the demo judge is not on.
/// </summary>
public sealed record HubStage(int RoundId, int SessionId, int OnStage, int NotOnStage, int Criterion1, int Criterion2,
    int OtherSessionId, int OtherEntry, ScenarioJudge Peer);

/// <summary>
/// Arranges, on top of the Development seeds, what makes every page with a form reachable for the demo accounts: the
/// contestant's teams and entries (draft with a material, approved and open to investors), entries waiting for review,
/// an open online round assigned to the demo judge with a submitted sheet and a pending correction, a roadshow round
/// with two sessions on stage, a closed round published for 公示 with a pending objection, a scored contest for
/// advancement and awards, Activity Week sign-ups and matchmaking meetings.
/// </summary>
/// <summary>What the scenario made that the fuzzing needs by id: the contest and closed round of the advancement and awards pages.</summary>
public sealed record Scenario(int AwardsContestId, int AwardsRoundId)
{
    public string AdvancementUrl => $"/manage/contests/{AwardsContestId}/rounds/{AwardsRoundId}/advancement";
    public string AwardsUrl => $"/manage/contests/{AwardsContestId}/awards";
}

public static class FuzzScenario
{
    public const string Contest = ReviewData.Contest;

    public static async Task<Scenario> ArrangeAsync(FuzzHost host)
    {
        var now = DateTime.UtcNow;
        var contestId = await host.ContestIdAsync();
        var contestant = (await host.FindUserAsync(TestUsers.DemoContestant))!.Id;
        var judge = (await host.FindUserAsync(TestUsers.DemoJudge))!.Id;
        var investor = (await host.FindUserAsync(DemoInvestorSeed.Email))!.Id;
        var organizer = (await host.FindUserAsync(TestUsers.DemoOrganizer))!.Id;

        // The contestant's own teams: a draft entry with a material and an approved one open to investors.
        var draft = await host.CreateEntryAsync(EntryStatus.Draft, "冰雪装备草稿" + ReviewData.Tag(), withLeader: false);
        var approved = await host.CreateEntryAsync(EntryStatus.Approved, "黑土地数字农业" + ReviewData.Tag(), withLeader: false);
        var member = await host.CreateUserAsync(TestUsers.NewEmail("member"), TestUsers.DemoPassword, "团队成员", roles: Roles.Contestant);
        await host.WithDbAsync(async db =>
        {
            foreach (var teamId in new[] { draft.TeamId, approved.TeamId })
            {
                db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = contestant, IsLeader = true, JoinedAt = now });
                db.TeamInvitations.Add(new TeamInvitation
                {
                    TeamId = teamId, Email = TestUsers.NewEmail("invitee"), InvitedByUserId = contestant, Status = InvitationStatus.Pending,
                    CreatedAt = now, ExpiresAt = now.AddDays(7),
                });
            }
            db.TeamMembers.Add(new TeamMember { TeamId = approved.TeamId, UserId = member.Id, JoinedAt = now });
            db.EntryVisibilities.Add(new EntryVisibility { EntryId = approved.Id, VisibleToInvestors = true, ChangedAt = now });
            await db.SaveChangesAsync();
        });
        await host.MaterialAsync(draft.Id, "%PDF-1.4\n%fuzz\n"u8.ToArray());

        // Entries waiting for the organizer's review, and approved ones for the rounds below.
        for (var i = 0; i < 2; i++) await host.CreateEntryAsync(EntryStatus.Submitted, "待审项目" + ReviewData.Tag());
        var entries = new List<TestEntry>();
        for (var i = 0; i < 5; i++) entries.Add(await host.CreateEntryAsync(EntryStatus.Approved, "路演项目" + ReviewData.Tag()));

        // An open online review round: the demo judge has two entries, one scored and submitted with a correction pending.
        var online = await host.OnlineRoundAsync(contestId, now.AddDays(30));
        await host.AssignAsync(online.Id, entries[0].Id, judge);
        await host.AssignAsync(online.Id, entries[1].Id, judge);
        await host.AssignAsync(online.Id, approved.Id, judge);
        Check((await host.ScoreAsync(judge, online, entries[1].Id, 25, 15, submit: true)).Error);
        await UseAsync(host, sp => sp.GetRequiredService<ScoreCorrections>().RequestAsync(judge, online.Id, entries[1].Id, new CorrectionForm
        {
            Points = new() { [online.Innovation] = 26, [online.Market] = 15 }, Comment = "补充评语", Reason = "录入时看错了一项",
        }, CancellationToken.None).ContinueWith(t => Check(t.Result.Succeeded ? null : t.Result.ErrorText)));
        await host.WithDbAsync(async db =>
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = contestId, JudgeUserId = judge, EntryId = entries[4].Id, Type = ConflictType.Advisor,
                Source = ConflictSource.Declared, Reason = "曾担任该项目顾问", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        await StageAsync(host, contestId, judge, entries);

        // A closed round published for 公示, with an objection waiting for the organizer.
        var closed = await host.OnlineRoundAsync(contestId, now.AddDays(30));
        var ranked = new List<TestEntry>();
        for (var i = 0; i < 3; i++) ranked.Add(await host.CreateEntryAsync(EntryStatus.Approved, "公示项目" + ReviewData.Tag()));
        var judges = new[] { await JudgeAsync(host, contestId, "网评评委甲"), await JudgeAsync(host, contestId, "网评评委乙") };
        for (var i = 0; i < ranked.Count; i++)
        foreach (var j in judges)
        {
            await host.AssignAsync(closed.Id, ranked[i].Id, j.UserId);
            Check((await host.ScoreAsync(j.UserId, closed, ranked[i].Id, 28 - 3 * i, 19 - 2 * i, submit: true)).Error);
        }
        await host.WithDbAsync(db => db.Rounds.Where(r => r.Id == closed.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RoundStatus.Closed)));
        await UseAsync(host, async sp =>
        {
            var published = await sp.GetRequiredService<PublishResults>().PublishAsync(contestId, closed.Id,
                new PublishForm { Days = 10, Current = 0 }, organizer, "http://localhost/results", CancellationToken.None);
            Check(published.Succeeded ? null : published.Message);
            var leader = (await host.FindUserAsync(ranked[0].LeaderEmail!))!.Id;
            await using var evidence = new MemoryStream("%PDF-1.4\n%evidence\n"u8.ToArray());
            var filed = await sp.GetRequiredService<Objections>().FileAsync(contestId, closed.Id, leader, new ObjectionForm
            {
                Text = "评分存在计算错误", EntryId = ranked[2].Id,
                Evidence = new Microsoft.AspNetCore.Http.FormFile(evidence, 0, evidence.Length, "Evidence", "证明.pdf") { Headers = new HeaderDictionary(), ContentType = "application/pdf" },
            }, "zh-CN", CancellationToken.None);
            Check(filed.Error);
        });

        var (awardsContest, awardsRound) = await AwardsContestAsync(host, organizer, [90, 85, 85, 70, 60]);

        await ActivityWeekAsync(host, contestant, investor, approved.Id, now);
        return new Scenario(awardsContest, awardsRound);
    }

    /// <summary>
    /// A contest of its own, managed by the demo organizer, with a closed roadshow round scored by one judge (ties
    /// included) and a next round: the advancement and awards pages have their work.
    /// </summary>
    private static async Task<(int ContestId, int RoundId)> AwardsContestAsync(FuzzHost host, string organizer, int[] scores)
    {
        var contestId = await host.AddContestAsync(organizerUserId: organizer);
        var slug = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.Slug).SingleAsync());
        await host.AddTrackAsync(contestId, "startup");
        var roundId = await host.WithDbAsync(async db =>
        {
            var round = new Round
            {
                ContestId = contestId, Sequence = 1, Name = "复赛", NameEn = "Semi-final", Kind = RoundKind.Roadshow, Status = RoundStatus.Closed,
                Aggregation = AggregationMethod.Mean,
                Criteria = [new RubricCriterion { Sequence = 1, Name = "综合", NameEn = "Overall", MaxPointsHundredths = 10000 }],
            };
            db.Rounds.Add(round);
            db.Rounds.Add(new Round { ContestId = contestId, Sequence = 2, Name = "决赛", NameEn = "Final", Kind = RoundKind.Roadshow });
            await db.SaveChangesAsync();
            return round.Id;
        });
        var entries = new List<int>();
        foreach (var _ in scores) entries.Add((await host.CreateEntryAsync(EntryStatus.Approved, "获奖候选" + ReviewData.Tag(), slug: slug)).Id);
        await host.ScoreAsync(roundId, entries, scores);
        return (contestId, roundId);
    }

    /// <summary>Two sessions of an open roadshow round, each with its running order drawn and scoring open on its first entry.</summary>
    public static async Task<HubStage> StageAsync(FuzzHost host, int contestId, string demoJudge, List<TestEntry> entries)
    {
        var peer = await JudgeAsync(host, contestId, "同场评委");
        var other = await JudgeAsync(host, contestId, "另场评委");
        var (roundId, c1, c2) = await host.WithDbAsync(async db =>
        {
            // Well above the sequences other arrangements count up from.
            var sequence = Math.Max(await db.Rounds.Where(r => r.ContestId == contestId).MaxAsync(r => r.Sequence), 499) + 1;
            var round = new Round
            {
                ContestId = contestId, Sequence = sequence, Name = "决赛路演", NameEn = "Final roadshow", Kind = RoundKind.Roadshow,
                Status = RoundStatus.Scoring,
                Criteria =
                [
                    new RubricCriterion { Sequence = 1, Name = "商业模式", NameEn = "Business model", MaxPointsHundredths = 6000, StepHundredths = 50 },
                    new RubricCriterion { Sequence = 2, Name = "团队", NameEn = "Team", MaxPointsHundredths = 4000, StepHundredths = 50 },
                ],
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return (round.Id, round.Criteria[0].Id, round.Criteria[1].Id);
        });
        var first = await host.SessionAsync(roundId, "第一场", DateTime.UtcNow.AddHours(1), [demoJudge, peer.UserId], entries[2].Id, entries[3].Id);
        var second = await host.SessionAsync(roundId, "第二场", DateTime.UtcNow.AddHours(3), [other.UserId], entries[4].Id);
        await host.WithDbAsync(async db =>
        {
            var slots = await db.SessionSlots.Where(s => s.SessionId == first || s.SessionId == second).OrderBy(s => s.EntryId).ToListAsync();
            foreach (var group in slots.GroupBy(s => s.SessionId))
            {
                var position = 1;
                foreach (var slot in group) slot.Position = position++;
            }
            await db.SaveChangesAsync();
        });
        await UseAsync(host, async sp =>
        {
            foreach (var session in new[] { first, second })
            {
                Check((await sp.GetRequiredService<StageControl>().HandleAsync(session, StageStep.Next, 0, false, CancellationToken.None)).Error);
                Check((await sp.GetRequiredService<StageControl>().HandleAsync(session, StageStep.OpenScoring, 1, false, CancellationToken.None)).Error);
            }
        });
        return new HubStage(roundId, first, entries[2].Id, entries[3].Id, c1, c2, second, entries[4].Id, peer);
    }

    /// <summary>Sign-ups for the seeded Activity Week, and a matchmaking event with a pending and an accepted meeting.</summary>
    private static async Task ActivityWeekAsync(FuzzHost host, string contestant, string investor, int entryId, DateTime now)
    {
        var (weekId, eventIds) = await host.WithDbAsync(async db =>
        {
            var week = await db.Contests.SingleAsync(c => c.Slug == Matchmaking.MatchmakingArrange.ActivityWeek);
            var events = await db.ActivityEvents.Where(e => e.ContestId == week.Id && e.RequiresSignup).Select(e => e.Id).ToListAsync();
            return (week.Id, events);
        });
        await UseAsync(host, async sp =>
        {
            var signUp = sp.GetRequiredService<SignUpForEvent>();
            foreach (var id in eventIds.Take(2))
            {
                await signUp.HandleAsync(id, contestant, "http://localhost", CancellationToken.None);
                await signUp.HandleAsync(id, investor, "http://localhost", CancellationToken.None);
            }
        });
        var matchmaking = await host.WithDbAsync(async db =>
        {
            var start = new DateTime(now.Year, now.Month, now.Day, 1, 0, 0, DateTimeKind.Utc).AddDays(20);
            var e = new ActivityEvent
            {
                ContestId = weekId, Type = ActivityEventType.Matchmaking, Title = "投融资对接会", TitleEn = "Investor matchmaking",
                Venue = Matchmaking.MatchmakingArrange.Venue, StartsAt = start, EndsAt = start.AddHours(3), IsPublished = true,
                CreatedAt = now, UpdatedAt = now,
            };
            db.ActivityEvents.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        var second = await host.CreateEntryAsync(EntryStatus.Approved, "对接项目" + ReviewData.Tag());
        await host.WithDbAsync(async db =>
        {
            db.EntryVisibilities.Add(new EntryVisibility { EntryId = second.Id, VisibleToInvestors = true, ChangedAt = now });
            await db.SaveChangesAsync();
        });
        await UseAsync(host, async sp =>
        {
            var request = sp.GetRequiredService<RequestMeeting>();
            var pending = await request.HandleAsync(entryId, investor, new MeetingRequestForm { EventId = matchmaking, Message = "希望了解融资计划。" },
                "http://localhost/matchmaking/meetings", CancellationToken.None);
            Check(pending.Succeeded ? null : pending.ErrorText);
            var accepted = await request.HandleAsync(second.Id, investor, new MeetingRequestForm { EventId = matchmaking, Message = "期待交流。" },
                "http://localhost/matchmaking/meetings", CancellationToken.None);
            Check(accepted.Succeeded ? null : accepted.ErrorText);
            var meetingId = accepted.Id;
            var leader = (await host.FindUserAsync(second.LeaderEmail!))!.Id;
            var answered = await sp.GetRequiredService<AnswerMeeting>().AcceptAsync(meetingId, leader, "好的", "http://localhost", CancellationToken.None);
            Check(answered.Succeeded ? null : answered.ErrorText);
        });
    }

    public static async Task<ScenarioJudge> JudgeAsync(FuzzHost host, int contestId, string name)
    {
        var email = TestUsers.NewEmail("judge");
        var user = await host.CreateUserAsync(email, TestUsers.DemoPassword, name, roles: Roles.Judge);
        await host.WithDbAsync(async db =>
        {
            db.ContestJudges.Add(new ContestJudge
            {
                ContestId = contestId, Email = email, Name = name, UserId = user.Id, Status = JudgeStatus.Accepted,
                InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow, InvitedByUserId = user.Id,
            });
            await db.SaveChangesAsync();
        });
        return new ScenarioJudge(email, user.Id);
    }

    private static async Task UseAsync(FuzzHost host, Func<IServiceProvider, Task> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    private static void Check(string? error)
    {
        if (error is not null) throw new InvalidOperationException("Arranging the fuzz scenario failed: " + error);
    }
}
