using System.Text.Json;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Registration;

/// <summary>The engine against the seeded 中国创新创业大赛（吉林赛区）, as configured in seeds/contests.json.</summary>
public sealed class EntryEligibilityTests(EntryEligibilityTests.Host host) : IClassFixture<EntryEligibilityTests.Host>
{
    public sealed class Host : AppFactory;

    private async Task<(Entry Entry, EligibilityResult Result, string TrackCode)> CheckAsync(Action<Entry> facts, string chosenTrack = "growth")
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompetitionHub.Web.Data.AppDbContext>();
        var contest = await db.Contests.Include(c => c.Tracks).SingleAsync(c => c.Slug == "cie-jilin");
        var entry = new Entry
        {
            Title = "高精度光栅尺", ContestId = contest.Id, TrackId = contest.Tracks.Single(t => t.Code == chosenTrack).Id,
            ApplicantType = ApplicantType.Enterprise, CreditCode = "91220104MA14XNKP5E", FoundedOn = new DateOnly(2025, 4, 1),
            AnnualRevenueYuan = 3_500_000, RegistrationProvince = Provinces.Jilin, RegistrationDistrict = "长春市绿园区",
        };
        facts(entry);
        var result = await scope.ServiceProvider.GetRequiredService<EntryEligibility>().ApplyAsync(entry, CancellationToken.None);
        return (entry, result, contest.Tracks.Single(t => t.Id == entry.TrackId).Code);
    }

    [Fact]
    public async Task Apply_PlacesAYoungJilinEnterpriseInTheStartUpGroup_AndFindsItEligible()
    {
        var (entry, result, track) = await CheckAsync(_ => { });

        Assert.Equal("startup", track);
        Assert.True(result.Eligible, string.Join(" / ", result.Failures.Select(f => f.Message)));
        Assert.Equal("企业成立于 2025-04-01，成立不超过 3 年，按赛事规则编入初创组。", result.PlacementNote);
        Assert.Equal(result.PlacementNote, entry.PlacementNote);
        Assert.True(entry.Eligible);
        using var report = JsonDocument.Parse(entry.EligibilityReport!);
        Assert.Equal(["applicant-type", "credit-code", "jilin-registration", "founded-within", "revenue-cap", "previous-winner"],
            report.RootElement.EnumerateArray().Select(r => r.GetProperty("rule").GetString()));
        // Kept in both languages, so an English-reading organizer reads the outcome in English.
        var founded = report.RootElement.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "founded-within");
        Assert.Contains("成立", founded.GetProperty("message").GetString());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", founded.GetProperty("messageEn").GetString()!);
        Assert.Contains("2025-04-01", founded.GetProperty("messageEn").GetString());
    }

    [Fact]
    public async Task Apply_PlacesAnOlderEnterpriseInTheGrowthGroup()
    {
        var (_, result, track) = await CheckAsync(e => e.FoundedOn = new DateOnly(2015, 8, 8), chosenTrack: "startup");

        Assert.Equal("growth", track);
        Assert.True(result.Eligible);
    }

    [Fact]
    public async Task Apply_RefusesAPreviousWinner_FromTheSeededList()
    {
        var (entry, result, _) = await CheckAsync(e => e.CreditCode = "91220101MA0Y8K3L2G");

        Assert.False(result.Eligible);
        Assert.Equal("previous-winner", Assert.Single(result.Failures).Rule);
        Assert.False(entry.Eligible);
    }

    [Fact]
    public async Task Apply_RefusesAnEnterpriseStatingAPlaceOutsideJilin_ThoughItsCodeIsFromJilin()
    {
        var (entry, result, _) = await CheckAsync(e => { e.RegistrationProvince = "21"; e.RegistrationDistrict = "沈阳市"; });

        var failure = Assert.Single(result.Failures);
        Assert.Equal("jilin-registration", failure.Rule);
        Assert.Equal("本赛事仅限在吉林省注册的企业参加，您填报的注册地为辽宁省沈阳市。", failure.Message);
        Assert.Equal(CreditCodeVerification.NotNeeded, entry.CreditCodeVerification);
    }

    [Fact]
    public async Task Apply_HoldsACompanyThatMovedIntoJilin_PendingTheOrganizersCheck()
    {
        var (entry, result, _) = await CheckAsync(e => e.CreditCode = "91110108551385082Q");

        Assert.False(result.Eligible);
        Assert.Empty(result.Failures);
        Assert.Equal("jilin-registration", Assert.Single(result.Awaiting).Rule);
        Assert.Equal(CreditCodeVerification.Pending, entry.CreditCodeVerification);
        Assert.False(entry.Eligible);
        using var report = JsonDocument.Parse(entry.EligibilityReport!);
        Assert.True(report.RootElement.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "jilin-registration").GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task Apply_RefusesAStartUpAboveTheRevenueCap()
    {
        var (_, result, _) = await CheckAsync(e => e.AnnualRevenueYuan = 25_000_000);

        Assert.Equal("本组别要求上一年度营业收入不超过 2000 万元，填报为 2500 万元。", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public async Task Apply_RefusesATeamWithoutACompany_InAnEnterpriseOnlyContest()
    {
        var (_, result, track) = await CheckAsync(e => { e.ApplicantType = ApplicantType.Team; e.CreditCode = null; e.FoundedOn = null; });

        Assert.Equal("growth", track); // not placed: placement is by founding date
        Assert.Equal("applicant-type", Assert.Single(result.Failures).Rule);
    }
}
