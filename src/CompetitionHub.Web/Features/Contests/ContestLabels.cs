namespace CompetitionHub.Web.Features.Contests;

/// <summary>The Chinese resource keys of enum values; views show them through the localizer.</summary>
public static class ContestLabels
{
    public static string Kind(ContestKind kind) => kind switch
    {
        ContestKind.Competition => "创新创业大赛",
        ContestKind.ActivityWeek => "双创活动周",
        ContestKind.HonorSelection => "典型评选",
        _ => kind.ToString(),
    };

    public static string RoundKind(RoundKind kind) => kind switch
    {
        Contests.RoundKind.OnlineReview => "网络评审",
        Contests.RoundKind.Roadshow => "路演",
        _ => kind.ToString(),
    };

    public static string RoundStatus(RoundStatus status) => status switch
    {
        Contests.RoundStatus.Draft => "草稿",
        Contests.RoundStatus.Open => "进行中",
        Contests.RoundStatus.Scoring => "评分中",
        Contests.RoundStatus.Closed => "已结束",
        Contests.RoundStatus.Published => "已公布",
        _ => status.ToString(),
    };

    public static string Material(MaterialKind kind) => kind switch
    {
        MaterialKind.BusinessPlan => "商业计划书",
        MaterialKind.PitchDeck => "路演材料",
        MaterialKind.Image => "图片",
        MaterialKind.Other => "其他材料",
        MaterialKind.BusinessLicence => "营业执照",
        _ => kind.ToString(),
    };

    public static string Applicant(Eligibility.ApplicantType type) => type switch
    {
        Eligibility.ApplicantType.Team => "创业团队（未注册企业）",
        Eligibility.ApplicantType.Enterprise => "已注册企业",
        _ => type.ToString(),
    };
}
