namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>Who applies: a team of individuals not yet registered as a company, or a registered enterprise.</summary>
public enum ApplicantType { Team, Enterprise }

public enum Gender { Female, Male }

/// <summary>
/// The eligibility conditions of one track, as organizers configure them: what the contest rules say in prose
/// ("在吉林省注册、成立不超过 3 年、年营业收入不超过 2000 万元…"), in a form that can be checked and explained.
/// A rule that is not set does not apply.
/// </summary>
public sealed class EligibilityRules
{
    /// <summary>Applicant types the track accepts; empty means any.</summary>
    public List<ApplicantType> ApplicantTypes { get; set; } = [];

    /// <summary>
    /// The enterprise must be registered in Jilin, as the applicant states it (注册地) and the organizer checks against
    /// the business licence. Not read from the credit code: a company keeps its code when it moves, so a code from
    /// elsewhere with Jilin stated needs the organizer's confirmation, and a 22xxxx code with another place stated fails.
    /// </summary>
    public bool RequireJilinRegistration { get; set; }

    /// <summary>Founded no more than this many years before the registration deadline.</summary>
    public int? FoundedWithinYears { get; set; }

    /// <summary>Founded at least this many years before the registration deadline.</summary>
    public int? FoundedAtLeastYears { get; set; }

    /// <summary>Last year's revenue at most this many yuan.</summary>
    public long? RevenueCapYuan { get; set; }

    /// <summary>Enterprises on the contest's list of previous winners may not enter.</summary>
    public bool BarPreviousWinners { get; set; }

    /// <summary>The team leader must be a woman (女大学生创新创业大赛).</summary>
    public bool LeaderMustBeFemale { get; set; }

    /// <summary>The leader must be a student or have graduated within this many years.</summary>
    public int? LeaderStudentOrGraduatedWithinYears { get; set; }

    /// <summary>The project must be attested as rooted in rural areas (农村创新创业项目创意大赛).</summary>
    public bool RequireRuralAttestation { get; set; }
}

/// <summary>
/// Placement by founding date, where a contest defines it: younger enterprises go to one track (初创组),
/// older ones to another (成长组), and the contestant is told why.
/// </summary>
public sealed class AutoPlacement
{
    public int FoundedWithinYears { get; set; }
    public string YoungerTrackCode { get; set; } = "";
    public string OlderTrackCode { get; set; } = "";
}
