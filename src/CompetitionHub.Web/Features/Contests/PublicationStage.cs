namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// Where a round's published result stands: open to objections (公示) until its end date, or final. Publication moves
/// it; a round's rules are frozen for good once it is final.
/// </summary>
public enum PublicationStage { Announcement, Final }
