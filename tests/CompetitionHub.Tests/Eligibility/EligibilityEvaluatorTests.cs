using System.Globalization;
using CompetitionHub.Web;
using CompetitionHub.Web.Features.Eligibility;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Tests.Eligibility;

public sealed class EligibilityEvaluatorTests
{
    private const string Changchun = "91220101MA0Y8K3L2G";
    private const string Beijing = "91110108551385082Q";
    private static readonly DateOnly Deadline = new(2027, 1, 31);
    private static readonly HashSet<string> NoWinners = [];

    private static EligibilityFacts Enterprise(string? code = Changchun, DateOnly? founded = null, long? revenue = 5_000_000) =>
        new(ApplicantType.Enterprise, code, founded ?? new DateOnly(2025, 3, 1), revenue, Gender.Male, false, null, false);

    private static EligibilityFacts Team(Gender? gender = Gender.Female, bool student = true, int? graduated = null, bool rural = false) =>
        new(ApplicantType.Team, null, null, null, gender, student, graduated, rural);

    private static RuleVerdict Only(EligibilityRules rules, EligibilityFacts facts, string rule, IReadOnlySet<string>? winners = null) =>
        Assert.Single(EligibilityEvaluator.Evaluate(rules, facts, Deadline, winners ?? NoWinners), v => v.Rule == rule);

    [Fact]
    public void ApplicantType_Passes_WhenTheTrackAcceptsIt()
    {
        Assert.True(Only(new() { ApplicantTypes = [ApplicantType.Enterprise] }, Enterprise(), "applicant-type").Passed);
    }

    [Fact]
    public void ApplicantType_FailsAndNamesWhatIsAccepted_WhenATeamEntersAnEnterpriseTrack()
    {
        var verdict = Only(new() { ApplicantTypes = [ApplicantType.Enterprise] }, Team(), "applicant-type");

        Assert.False(verdict.Passed);
        Assert.Equal("本组别仅接受已注册的企业报名，您选择的是未注册企业的团队。", verdict.ChineseText);
    }

    [Fact]
    public void CreditCode_FailsWithTheCheckCharacterMessage_WhenTheCheckIsWrong()
    {
        var verdict = Only(new(), Enterprise(code: "91220101MA0Y8K3L2H"), "credit-code");

        Assert.False(verdict.Passed);
        Assert.Contains("校验位不正确", verdict.ChineseText);
    }

    [Fact]
    public void CreditCode_IsRequired_ForAnEnterprise()
    {
        Assert.Equal("企业申报须填写统一社会信用代码。", Only(new(), Enterprise(code: null), "credit-code").ChineseText);
    }

    [Fact]
    public void JilinRegistration_Passes_ForAJilinCode()
    {
        var verdict = Only(new() { RequireJilinRegistration = true }, Enterprise(), "jilin-registration");

        Assert.True(verdict.Passed);
        Assert.Contains("220101", verdict.ChineseText);
    }

    [Fact]
    public void JilinRegistration_FailsAndShowsTheRegion_ForABeijingCode()
    {
        var verdict = Only(new() { RequireJilinRegistration = true }, Enterprise(code: Beijing), "jilin-registration");

        Assert.False(verdict.Passed);
        Assert.Contains("当前为 110108", verdict.ChineseText);
    }

    [Theory]
    [InlineData(2024, 1, 31, true)]  // exactly three years before the deadline
    [InlineData(2024, 1, 30, false)] // one day more
    [InlineData(2026, 11, 1, true)]
    public void FoundedWithin_CountsYearsToTheDeadline(int year, int month, int day, bool passes)
    {
        var verdict = Only(new() { FoundedWithinYears = 3 }, Enterprise(founded: new DateOnly(year, month, day)), "founded-within");

        Assert.Equal(passes, verdict.Passed);
        if (!passes)
            Assert.Equal("本组别要求企业成立不超过 3 年（2024-01-31 及以后成立），贵企业成立于 2024-01-30。", verdict.ChineseText);
    }

    [Fact]
    public void FoundedAtLeast_Fails_ForAYoungCompany()
    {
        var verdict = Only(new() { FoundedAtLeastYears = 3 }, Enterprise(founded: new DateOnly(2025, 6, 1)), "founded-at-least");

        Assert.False(verdict.Passed);
        Assert.Contains("成立满 3 年", verdict.ChineseText);
    }

    [Theory]
    [InlineData(20_000_000L, true)]
    [InlineData(20_000_001L, false)]
    public void RevenueCap_AllowsUpToTheCapInclusive(long revenue, bool passes)
    {
        var verdict = Only(new() { RevenueCapYuan = 20_000_000 }, Enterprise(revenue: revenue), "revenue-cap");

        Assert.Equal(passes, verdict.Passed);
        if (!passes)
            Assert.Equal("本组别要求上一年度营业收入不超过 2000 万元，填报为 2000.0001 万元。", verdict.ChineseText);
    }

    [Fact]
    public void RevenueCap_AsksForTheFigure_WhenItIsMissing()
    {
        Assert.Equal("请填写上一年度营业收入。", Only(new() { RevenueCapYuan = 1 }, Enterprise(revenue: null), "revenue-cap").ChineseText);
    }

    [Fact]
    public void PreviousWinner_Fails_WhenTheCodeIsOnTheList()
    {
        var verdict = Only(new() { BarPreviousWinners = true }, Enterprise(), "previous-winner", new HashSet<string> { Changchun });

        Assert.False(verdict.Passed);
        Assert.Contains(Changchun, verdict.ChineseText);
        Assert.True(Only(new() { BarPreviousWinners = true }, Enterprise(code: "92220201MA17Q3C5XW"), "previous-winner",
            new HashSet<string> { Changchun }).Passed);
    }

    [Theory]
    [InlineData(Gender.Female, true)]
    [InlineData(Gender.Male, false)]
    [InlineData(null, false)]
    public void LeaderFemale_ChecksTheLeadersGender(Gender? gender, bool passes)
    {
        Assert.Equal(passes, Only(new() { LeaderMustBeFemale = true }, Team(gender), "leader-female").Passed);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, 2022, true)]  // five years before 2027
    [InlineData(false, 2021, false)]
    [InlineData(false, null, false)]
    public void LeaderStudentOrGraduate_AcceptsStudentsAndRecentGraduates(bool student, int? graduated, bool passes)
    {
        var verdict = Only(new() { LeaderStudentOrGraduatedWithinYears = 5 }, Team(student: student, graduated: graduated), "leader-student-or-graduate");

        Assert.Equal(passes, verdict.Passed);
        if (graduated == 2021)
            Assert.Equal("团队负责人须为在校学生或毕业不超过 5 年的毕业生（2022 年及以后毕业），填报的毕业年份为 2021。", verdict.ChineseText);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void RuralAttestation_IsRequired_WhereTheContestSaysSo(bool attested, bool passes)
    {
        Assert.Equal(passes, Only(new() { RequireRuralAttestation = true }, Team(rural: attested), "rural-attestation").Passed);
    }

    [Fact]
    public void EnterpriseRules_DoNotApply_ToAnUnregisteredTeam()
    {
        var rules = new EligibilityRules { RequireJilinRegistration = true, FoundedWithinYears = 3, RevenueCapYuan = 1, BarPreviousWinners = true };

        Assert.Empty(EligibilityEvaluator.Evaluate(rules, Team(), Deadline, NoWinners));
    }

    [Fact]
    public void Evaluate_ReportsEveryFailedRule_NotJustTheFirst()
    {
        var rules = new EligibilityRules { RequireJilinRegistration = true, FoundedWithinYears = 3, RevenueCapYuan = 1_000_000 };

        var failed = EligibilityEvaluator.Evaluate(rules, Enterprise(code: Beijing, founded: new DateOnly(2010, 1, 1), revenue: 9_000_000), Deadline, NoWinners)
            .Where(v => !v.Passed).Select(v => v.Rule);

        Assert.Equal(["jilin-registration", "founded-within", "revenue-cap"], failed);
    }

    [Fact]
    public void Localize_SpeaksEnglish_WhenTheReaderChoseIt()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var t = new StringLocalizer<SharedResource>(factory);
        var verdict = Only(new() { ApplicantTypes = [ApplicantType.Enterprise] }, Team(), "applicant-type");
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("This track accepts only registered enterprises; you chose an unregistered team.", verdict.Localize(t));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
