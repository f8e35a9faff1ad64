using CompetitionHub.Web.Features.Eligibility;

namespace CompetitionHub.Tests.Eligibility;

public sealed class PlacementTests
{
    private static readonly AutoPlacement ByThreeYears = new() { FoundedWithinYears = 3, YoungerTrackCode = "startup", OlderTrackCode = "growth" };
    private static readonly DateOnly Deadline = new(2027, 1, 31);

    private static EligibilityFacts FoundedOn(DateOnly? date, ApplicantType type = ApplicantType.Enterprise) =>
        new(type, "91220101MA0Y8K3L2G", date, 1, null, false, null, false);

    [Fact]
    public void Decide_PutsAYoungEnterpriseInTheStartUpGroup_AndSaysWhy()
    {
        var decision = Placement.Decide(ByThreeYears, FoundedOn(new DateOnly(2025, 5, 20)), Deadline);

        Assert.NotNull(decision);
        Assert.Equal("startup", decision.TrackCode);
        Assert.Equal("2025-05-20", decision.Args[0]);
    }

    [Fact]
    public void Decide_PutsAnOlderEnterpriseInTheGrowthGroup()
    {
        Assert.Equal("growth", Placement.Decide(ByThreeYears, FoundedOn(new DateOnly(2019, 5, 20)), Deadline)?.TrackCode);
    }

    [Fact]
    public void Decide_TreatsTheBoundaryDayAsYoung()
    {
        Assert.Equal("startup", Placement.Decide(ByThreeYears, FoundedOn(new DateOnly(2024, 1, 31)), Deadline)?.TrackCode);
        Assert.Equal("growth", Placement.Decide(ByThreeYears, FoundedOn(new DateOnly(2024, 1, 30)), Deadline)?.TrackCode);
    }

    [Fact]
    public void Decide_LeavesTeamsAndUndatedEnterprisesWhereTheyChose()
    {
        Assert.Null(Placement.Decide(ByThreeYears, FoundedOn(new DateOnly(2025, 1, 1), ApplicantType.Team), Deadline));
        Assert.Null(Placement.Decide(ByThreeYears, FoundedOn(null), Deadline));
    }
}
