namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>The Chinese resource keys of enum values; views show them through the localizer.</summary>
public static class MatchmakingLabels
{
    public static string Stage(InvestmentStage stage) => stage switch
    {
        InvestmentStage.Seed => "种子轮",
        InvestmentStage.Angel => "天使轮",
        InvestmentStage.SeriesA => "A轮",
        InvestmentStage.SeriesBPlus => "B轮及以后",
        _ => stage.ToString(),
    };

    public static string Status(MeetingStatus status) => status switch
    {
        MeetingStatus.Pending => "待答复",
        MeetingStatus.Accepted => "已接受",
        MeetingStatus.Declined => "已婉拒",
        MeetingStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };
}
