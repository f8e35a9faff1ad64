using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Web.Features.Review;

/// <summary>
/// The Chinese resource keys of the words organizers read for statuses and outcomes; views, messages and exports pass
/// them through the localizer, so every place says the same thing.
/// </summary>
public static class ReviewLabels
{
    public static string Status(EntryStatus status) => status switch
    {
        EntryStatus.Draft => "草稿",
        EntryStatus.Submitted => "待审核",
        EntryStatus.ChangesRequested => "待修改",
        EntryStatus.Approved => "已通过",
        EntryStatus.Rejected => "未通过",
        EntryStatus.Withdrawn => "已撤回",
        EntryStatus.Advanced => "已晋级",
        EntryStatus.Eliminated => "已淘汰",
        EntryStatus.Awarded => "已获奖",
        _ => status.ToString(),
    };

    /// <summary>Bootstrap badge colour for a status.</summary>
    public static string StatusBadge(EntryStatus status) => status switch
    {
        EntryStatus.Submitted => "text-bg-primary",
        EntryStatus.ChangesRequested => "text-bg-warning",
        EntryStatus.Approved or EntryStatus.Advanced or EntryStatus.Awarded => "text-bg-success",
        EntryStatus.Rejected or EntryStatus.Eliminated => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public static string Eligibility(bool? eligible) => eligible switch
    {
        true => "符合条件",
        false => "不符合条件",
        null => "未检查",
    };

    public static string EligibilityBadge(bool? eligible) => eligible switch
    {
        true => "text-bg-success",
        false => "text-bg-danger",
        null => "text-bg-light",
    };

    public static string CodeCheck(CreditCodeVerification state) => state switch
    {
        CreditCodeVerification.Pending => "信用代码待核验",
        CreditCodeVerification.Confirmed => "信用代码经主办方核验",
        CreditCodeVerification.Rejected => "信用代码核验未通过",
        _ => "",
    };

    public static string CodeCheckBadge(CreditCodeVerification state) => state switch
    {
        CreditCodeVerification.Pending => "text-bg-warning",
        CreditCodeVerification.Confirmed => "text-bg-success",
        CreditCodeVerification.Rejected => "text-bg-danger",
        _ => "text-bg-light",
    };

    public static string Applicant(ApplicantType type) => type switch
    {
        ApplicantType.Team => "团队",
        ApplicantType.Enterprise => "企业",
        _ => type.ToString(),
    };

    public static string Decision(Decision decision) => decision switch
    {
        Review.Decision.Approve => "通过",
        Review.Decision.Reject => "不通过",
        Review.Decision.RequestChanges => "退回修改",
        _ => decision.ToString(),
    };
}
