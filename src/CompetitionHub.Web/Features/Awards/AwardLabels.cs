namespace CompetitionHub.Web.Features.Awards;

/// <summary>Resource keys (Chinese text) of the prize grades; pages translate them with the shared localizer.</summary>
public static class AwardLabels
{
    public static readonly string[] DefaultHonours = ["创业新锐", "创新尖兵"];

    public static string Grade(PrizeGrade grade) => grade switch
    {
        PrizeGrade.First => "一等奖",
        PrizeGrade.Second => "二等奖",
        PrizeGrade.Third => "三等奖",
        _ => "优秀奖",
    };
}
