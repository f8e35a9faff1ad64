namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>Where an entry lands when the contest places by founding date, and the sentence that tells the contestant why.</summary>
public sealed record PlacementDecision(string TrackCode, string Message, object[] Args);

public static class Placement
{
    /// <summary>
    /// Enterprises founded within the placement's years go to the younger track, older ones to the older track.
    /// Teams without a registered enterprise, and enterprises that have not given a founding date, are not placed.
    /// </summary>
    public static PlacementDecision? Decide(AutoPlacement placement, EligibilityFacts facts, DateOnly asOf)
    {
        if (facts.ApplicantType != ApplicantType.Enterprise || facts.FoundedOn is not { } founded) return null;
        var boundary = asOf.AddYears(-placement.FoundedWithinYears);
        var day = founded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return founded >= boundary
            ? new(placement.YoungerTrackCode, "企业成立于 {0}，成立不超过 {1} 年，按赛事规则编入{2}。", [day, placement.FoundedWithinYears, placement.YoungerTrackCode])
            : new(placement.OlderTrackCode, "企业成立于 {0}，成立已超过 {1} 年，按赛事规则编入{2}。", [day, placement.FoundedWithinYears, placement.OlderTrackCode]);
    }
}
