using CompetitionHub.Tests.Review;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Judging;

public sealed class ConflictMapTests(ConflictMapTests.Host host) : IClassFixture<ConflictMapTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<(int ContestId, TestJudge Judge)> JudgeAsync(Action<JudgeProfile>? profile = null)
    {
        var contestId = await host.ContestIdAsync();
        var judge = await host.PoolJudgeAsync(contestId);
        if (profile is not null)
            await host.WithDbAsync(async db =>
            {
                var p = new JudgeProfile { UserId = judge.UserId, Affiliation = "某单位" };
                profile(p);
                db.JudgeProfiles.Add(p);
                await db.SaveChangesAsync();
            });
        return (contestId, judge);
    }

    private Task<TestEntry> EntryAsync(string code) =>
        host.CreateEntryAsync(EntryStatus.Approved, "冲突项目" + ReviewData.Tag(), configure: e => e.CreditCode = code);

    private async Task<List<ConflictPair>> OfAsync(int contestId, string judgeId) =>
        (await host.ConflictsAsync(contestId)).Where(p => p.JudgeUserId == judgeId).ToList();

    private Task AddConflictAsync(Conflict conflict) =>
        host.WithDbAsync(async db => { db.Conflicts.Add(conflict); await db.SaveChangesAsync(); });

    [Fact]
    public async Task ActiveAsync_DetectsAnEmployerConflict_WhenTheAffiliationCodeIsTheEntrysCompany()
    {
        var code = JudgingData.ValidCreditCode();
        var (contestId, judge) = await JudgeAsync(p => p.AffiliationCreditCode = code.ToLowerInvariant());
        var entry = await EntryAsync(code);
        await EntryAsync(JudgingData.ValidCreditCode());

        var pair = Assert.Single(await OfAsync(contestId, judge.UserId));

        Assert.Equal((entry.Id, ConflictType.Employer, ConflictSource.Detected), (pair.EntryId, pair.Type, pair.Source));
    }

    [Fact]
    public async Task ActiveAsync_DetectsHoldings_AsInvestmentOrAdvisor()
    {
        var (shares, position) = (JudgingData.ValidCreditCode(), JudgingData.ValidCreditCode());
        var (contestId, judge) = await JudgeAsync(p => p.Holdings =
        [
            new JudgeHolding { CompanyName = "甲", CreditCode = shares, Kind = HoldingKind.Shareholding },
            new JudgeHolding { CompanyName = "乙", CreditCode = position, Kind = HoldingKind.Position },
        ]);
        var a = await EntryAsync(shares);
        var b = await EntryAsync(position);

        var pairs = await OfAsync(contestId, judge.UserId);

        Assert.Equal([(a.Id, ConflictType.Investment), (b.Id, ConflictType.Advisor)],
            pairs.OrderBy(p => p.EntryId).Select(p => (p.EntryId, p.Type)));
    }

    [Fact]
    public async Task ActiveAsync_DetectsTeamMembership()
    {
        var (contestId, judge) = await JudgeAsync();
        var entry = await EntryAsync(JudgingData.ValidCreditCode());
        await host.WithDbAsync(async db =>
        {
            db.TeamMembers.Add(new TeamMember { TeamId = entry.TeamId, UserId = judge.UserId, JoinedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var pair = Assert.Single(await OfAsync(contestId, judge.UserId));

        Assert.Equal((entry.Id, ConflictType.TeamMember), (pair.EntryId, pair.Type));
    }

    [Fact]
    public async Task ActiveAsync_ExpandsAnOrganizationConflict_ToEveryEntryWithThatCode()
    {
        var (contestId, judge) = await JudgeAsync();
        var code = JudgingData.ValidCreditCode();
        var a = await EntryAsync(code);
        var b = await EntryAsync(code);
        await EntryAsync(JudgingData.ValidCreditCode());
        await AddConflictAsync(new Conflict
        {
            ContestId = contestId, JudgeUserId = judge.UserId, OrganizationCreditCode = code, OrganizationName = "甲公司",
            Type = ConflictType.Family, Source = ConflictSource.Declared, Reason = "配偶任职", CreatedAt = DateTime.UtcNow,
        });

        var pairs = await OfAsync(contestId, judge.UserId);

        Assert.Equal([a.Id, b.Id], pairs.Select(p => p.EntryId).Order());
        Assert.All(pairs, p => Assert.Equal((ConflictSource.Declared, "配偶任职"), (p.Source, p.Reason)));
        Assert.Single(pairs.Select(p => p.ConflictId).Distinct());
    }

    [Fact]
    public async Task ActiveAsync_DropsADetectedConflict_WhenAnOrganizerLiftedIt()
    {
        var code = JudgingData.ValidCreditCode();
        var (contestId, judge) = await JudgeAsync(p => p.AffiliationCreditCode = code);
        var entry = await EntryAsync(code);
        Assert.Single(await OfAsync(contestId, judge.UserId));

        await AddConflictAsync(new Conflict
        {
            ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entry.Id, Type = ConflictType.Employer,
            Source = ConflictSource.Detected, IsActive = false, CreatedAt = DateTime.UtcNow, LiftedAt = DateTime.UtcNow, LiftReason = "已离职",
        });

        Assert.Empty(await OfAsync(contestId, judge.UserId));
    }

    [Fact]
    public async Task ActiveAsync_DropsADeclaration_WhenTheJudgeWithdrewIt()
    {
        var (contestId, judge) = await JudgeAsync();
        var entry = await EntryAsync(JudgingData.ValidCreditCode());
        await AddConflictAsync(new Conflict
        {
            ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entry.Id, Type = ConflictType.Other,
            Source = ConflictSource.Declared, Reason = "误报", IsActive = false, CreatedAt = DateTime.UtcNow, LiftedAt = DateTime.UtcNow,
        });

        Assert.Empty(await OfAsync(contestId, judge.UserId));
    }

    [Fact]
    public async Task ActiveAsync_KeepsADeclarationForOneEntry_WhenNoCodeOrTeamLinksTheJudgeToIt()
    {
        var (contestId, judge) = await JudgeAsync(p => p.AffiliationCreditCode = JudgingData.ValidCreditCode());
        var entry = await EntryAsync(JudgingData.ValidCreditCode());
        await EntryAsync(JudgingData.ValidCreditCode());
        await AddConflictAsync(new Conflict
        {
            ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entry.Id, Type = ConflictType.Other,
            Source = ConflictSource.Declared, Reason = "曾指导该团队", IsActive = true, CreatedAt = DateTime.UtcNow,
        });

        var pair = Assert.Single(await OfAsync(contestId, judge.UserId));

        Assert.Equal((entry.Id, ConflictSource.Declared, "曾指导该团队"), (pair.EntryId, pair.Source, pair.Reason));
    }

    [Fact]
    public async Task ActivePairsAsync_LeavesOutADeclaredEntry_WhenThatEntryWasNotAskedAbout()
    {
        var (contestId, judge) = await JudgeAsync();
        var asked = await EntryAsync(JudgingData.ValidCreditCode());
        var other = await EntryAsync(JudgingData.ValidCreditCode());
        foreach (var entry in new[] { asked, other })
            await AddConflictAsync(new Conflict
            {
                ContestId = contestId, JudgeUserId = judge.UserId, EntryId = entry.Id, Type = ConflictType.Other,
                Source = ConflictSource.Declared, Reason = "曾指导该团队", IsActive = true, CreatedAt = DateTime.UtcNow,
            });

        await using var scope = host.Services.CreateAsyncScope();
        var pairs = await scope.ServiceProvider.GetRequiredService<ConflictMap>()
            .ActivePairsAsync(contestId, [judge.UserId], [asked.Id], CancellationToken.None);

        Assert.Equal([(judge.UserId, asked.Id)], pairs);
    }
}
