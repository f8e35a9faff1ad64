namespace CompetitionHub.Web.Features.Contests;

/// <summary>The kinds of material an entry uploads; a track names the ones it requires.</summary>
public enum MaterialKind { BusinessPlan, PitchDeck, Image, Other, BusinessLicence }
