using CompetitionHub.Web.Features.Rankings;

namespace CompetitionHub.Tests.Rankings;

public sealed class ScoreDiagnosticsTests
{
    private static SheetInput Sheet(int entry, string judge, int total) =>
        new(entry, judge, total, new Dictionary<int, int>(), new DateTime(2027, 5, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void KendallW_GivesTheTextbookValue_ForThreeJudgesRankingFourEntries()
    {
        // Ranks (1 = best): J1 1 2 3 4, J2 2 1 3 4, J3 1 3 2 4 → rank sums 4, 6, 8, 12; mean m(n + 1)/2 = 7.5;
        // S = 3.5² + 1.5² + 0.5² + 4.5² = 35; W = 12 · 35 / (3² · (4³ − 4)) = 420 / 540 = 0.7778.
        double[][] scores = [[90, 80, 70, 60], [80, 90, 70, 60], [90, 70, 80, 60]];

        Assert.Equal(0.7778, ScoreDiagnostics.KendallW(scores)!.Value, 4);
    }

    [Fact]
    public void KendallW_CorrectsForTiedRanks_WhenAJudgeGivesEqualTotals()
    {
        // J1 1 2 3, J2 1 2.5 2.5 (tie) → rank sums 2, 4.5, 5.5; mean 4; S = 4 + 0.25 + 2.25 = 6.5;
        // T = 2³ − 2 = 6; W = 12 · 6.5 / (2² · (27 − 3) − 2 · 6) = 78 / 84 = 0.9286.
        double[][] scores = [[90, 80, 70], [90, 70, 70]];

        Assert.Equal(0.9286, ScoreDiagnostics.KendallW(scores)!.Value, 4);
        Assert.Equal(1.0, ScoreDiagnostics.KendallW([[3, 2, 1], [30, 20, 10]])!.Value, 10);
        Assert.Null(ScoreDiagnostics.KendallW([[5, 5], [5, 5]]));
    }

    [Fact]
    public void Agreement_UsesTheMeanPairwiseSpearman_WhenJudgesScoredDifferentEntries()
    {
        // A and B share E1..E3 and agree (ρ = 1); B and C share E2..E4 and disagree fully (ρ = −1); A and C share only
        // two entries, too few. Mean ρ = 0.
        List<SheetInput> sheets =
        [
            Sheet(1, "A", 90), Sheet(2, "A", 80), Sheet(3, "A", 70),
            Sheet(1, "B", 95), Sheet(2, "B", 85), Sheet(3, "B", 75), Sheet(4, "B", 65),
            Sheet(2, "C", 60), Sheet(3, "C", 70), Sheet(4, "C", 80),
        ];

        var agreement = ScoreDiagnostics.Agreement(sheets);

        Assert.Equal(AgreementMethod.MeanSpearman, agreement.Method);
        Assert.Equal(0.0, agreement.Value!.Value, 10);
        Assert.Equal((3, 4), (agreement.Judges, agreement.Entries));
    }

    [Fact]
    public void Severity_ReadsAJudgeWhoScoresBelowThePanelAsStrict()
    {
        // Both entries scored by A and B; A is 10 below B on each. Totals 70, 80, 60, 70: S = √50 = 7.071;
        // A: (70 − 75)/7.071 = −0.707 on each → −0.71, strict; B +0.71, lenient.
        var severity = ScoreDiagnostics.Severity([Sheet(1, "A", 70), Sheet(1, "B", 80), Sheet(2, "A", 60), Sheet(2, "B", 70)]);

        Assert.Equal(-0.7071, severity.Single(s => s.JudgeUserId == "A").MeanZ!.Value, 4);
        Assert.StartsWith("偏严", severity.Single(s => s.JudgeUserId == "A").Reading);
        Assert.StartsWith("偏松", severity.Single(s => s.JudgeUserId == "B").Reading);
    }

    [Fact]
    public void Outliers_FlagsATotalFarFromTheEntrysMedian_AndNotTheCloseOnes()
    {
        // Full marks 50. E1: 30, 31, 5 → median 30, MAD = median(0, 1, 25) = 1, threshold max(3 · 1.4826 · 1, 5) = 5 points:
        // 5 is 25 away → outlier. E2: 45, 44, 40 → median 44, MAD 1, threshold 5: 40 is 4 away → not.
        var outliers = ScoreDiagnostics.Outliers(
            [Sheet(1, "A", 3000), Sheet(1, "B", 3100), Sheet(1, "C", 500), Sheet(2, "A", 4500), Sheet(2, "B", 4400), Sheet(2, "C", 4000)], 5000);

        var outlier = Assert.Single(outliers);
        Assert.Equal((1, "C", 3000m, -2500m, 500m), (outlier.EntryId, outlier.JudgeUserId, outlier.MedianHundredths, outlier.DeviationHundredths, outlier.ThresholdHundredths));
    }
}
