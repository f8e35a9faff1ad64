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

    /// <summary>An early code of 厦门 (350200) built on a pre-2015 organization code; GB 32100 gives K as its 18th character, not 0.</summary>
    private const string EarlyPilot = "913502006120032610";
    private static readonly EligibilityRules JilinOnly = new() { RequireJilinRegistration = true };

    private static EligibilityFacts Enterprise(string? code = Changchun, DateOnly? founded = null, long? revenue = 5_000_000,
        string? province = Provinces.Jilin, CreditCodeVerification verification = CreditCodeVerification.NotNeeded, string? reason = null) =>
        new(ApplicantType.Enterprise, code, founded ?? new DateOnly(2025, 3, 1), revenue, Gender.Male, false, null, false,
            province, province == Provinces.Jilin ? "长春市南关区" : null, verification, reason);

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
    public void CreditCode_IsPendingAndNamesTheExpectedCharacter_WhenAnEarlyPilotCodeFailsTheCheck()
    {
        var verdict = Only(new(), Enterprise(code: EarlyPilot, verification: CreditCodeVerification.Pending), "credit-code");

        Assert.False(verdict.Passed);
        Assert.True(verdict.Pending);
        Assert.Equal("统一社会信用代码 913502006120032610 的校验位按国家标准 GB 32100 应为 K，与填写的 0 不符：可能是国家标准实施前试点地区赋予的早期代码，也可能输入有误。请上传营业执照，待主办方核验。",
            verdict.ChineseText);
    }

    [Fact]
    public void CreditCode_IsNeverPassedSilently_WhenAWrongCheckCharacterWasNotVerified()
    {
        // The state the entry was never asked about (NotNeeded) is read as waiting, not as fine.
        var verdict = Only(new(), Enterprise(code: EarlyPilot), "credit-code");

        Assert.False(verdict.Passed);
        Assert.True(verdict.Pending);
    }

    [Fact]
    public void CreditCode_PassesAsVerifiedByTheOrganizer_WhenConfirmed()
    {
        var verdict = Only(new(), Enterprise(code: EarlyPilot, verification: CreditCodeVerification.Confirmed, reason: "与营业执照一致"), "credit-code");

        Assert.True(verdict.Passed);
        Assert.Equal("信用代码经主办方核验：913502006120032610 与营业执照一致。核验说明：与营业执照一致", verdict.ChineseText);
    }

    [Fact]
    public void CreditCode_FailsWithTheOrganizersReason_WhenRejected()
    {
        var verdict = Only(new(), Enterprise(code: EarlyPilot, verification: CreditCodeVerification.Rejected, reason: "执照上末位为 K，系输入错误"), "credit-code");

        Assert.False(verdict.Passed);
        Assert.False(verdict.Pending);
        Assert.Contains("执照上末位为 K，系输入错误", verdict.ChineseText);
    }

    [Fact]
    public void NeedsVerification_IsTrue_ForAWrongCheckCharacterOnly()
    {
        Assert.True(EligibilityEvaluator.NeedsVerification(new(), Enterprise(code: EarlyPilot)));
        Assert.False(EligibilityEvaluator.NeedsVerification(new(), Enterprise()));
        Assert.False(EligibilityEvaluator.NeedsVerification(new(), Enterprise(code: "9122010112345678")));
    }

    [Fact]
    public void CreditCode_IsRequired_ForAnEnterprise()
    {
        Assert.Equal("企业申报须填写统一社会信用代码。", Only(new(), Enterprise(code: null), "credit-code").ChineseText);
    }

    [Fact]
    public void JilinRegistration_PassesOnTheStatedPlace_WhenItAgreesWithTheCode()
    {
        var verdict = Only(JilinOnly, Enterprise(), "jilin-registration");

        Assert.True(verdict.Passed);
        Assert.Equal("企业填报的注册地为吉林省长春市南关区，由主办方对照营业执照核对。", verdict.ChineseText);
        Assert.False(EligibilityEvaluator.NeedsVerification(JilinOnly, Enterprise()));
    }

    [Fact]
    public void JilinRegistration_AsksForThePlace_WhenNoneIsStated()
    {
        var verdict = Only(JilinOnly, Enterprise(province: null), "jilin-registration");

        Assert.False(verdict.Passed);
        Assert.Equal("本赛事仅限在吉林省注册的企业参加，请填写企业注册地。", verdict.ChineseText);
    }

    [Fact]
    public void JilinRegistration_IsPending_ForACompanyThatMovedInWithA11Code()
    {
        var facts = Enterprise(code: Beijing, verification: CreditCodeVerification.Pending);

        var verdict = Only(JilinOnly, facts, "jilin-registration");

        Assert.True(EligibilityEvaluator.NeedsVerification(JilinOnly, facts));
        Assert.False(verdict.Passed);
        Assert.True(verdict.Pending);
        Assert.Equal("企业填报的注册地为吉林省长春市南关区，信用代码第 3–8 位（最初登记机关行政区划码）为 110108。企业迁址后信用代码不变，请上传营业执照，待主办方核验注册地。",
            verdict.ChineseText);
    }

    [Fact]
    public void JilinRegistration_AdmitsACompanyThatMovedIn_OnceTheOrganizerConfirmed()
    {
        var facts = Enterprise(code: Beijing, verification: CreditCodeVerification.Confirmed, reason: "营业执照住所为长春市南关区");

        var verdicts = EligibilityEvaluator.Evaluate(JilinOnly, facts, Deadline, NoWinners);

        Assert.All(verdicts, v => Assert.True(v.Passed, v.ChineseText));
        Assert.Contains("注册地经主办方对照营业执照核验：吉林省长春市南关区（信用代码登记机关行政区划码 110108",
            Assert.Single(verdicts, v => v.Rule == "jilin-registration").ChineseText);
    }

    [Fact]
    public void JilinRegistration_RefusesA22CodeStatingAnotherPlace_WithoutReadingTheCode()
    {
        var facts = Enterprise(code: Changchun, province: "11");

        var verdict = Only(JilinOnly, facts, "jilin-registration");

        Assert.False(verdict.Passed);
        Assert.False(verdict.Pending);
        Assert.Equal("本赛事仅限在吉林省注册的企业参加，您填报的注册地为北京市。", verdict.ChineseText);
        // Nothing for the organizer to verify: the applicant says it is not registered in Jilin.
        Assert.False(EligibilityEvaluator.NeedsVerification(JilinOnly, facts));
        Assert.Equal("22", EligibilityEvaluator.RegionDisagreement(Changchun, "11"));
    }

    [Fact]
    public void RegionDisagreement_IsOnlyANote_WhenTheTrackDoesNotRequireJilin()
    {
        var facts = Enterprise(code: Beijing);

        Assert.False(EligibilityEvaluator.NeedsVerification(new(), facts));
        Assert.All(EligibilityEvaluator.Evaluate(new(), facts, Deadline, NoWinners), v => Assert.True(v.Passed));
        Assert.Equal("11", EligibilityEvaluator.RegionDisagreement(Beijing, Provinces.Jilin));
        Assert.Null(EligibilityEvaluator.RegionDisagreement(Changchun, Provinces.Jilin));
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

        var failed = EligibilityEvaluator.Evaluate(rules, Enterprise(code: Beijing, founded: new DateOnly(2010, 1, 1), revenue: 9_000_000, province: "11"), Deadline, NoWinners)
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
