using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Web.Features.Review;

/// <summary>
/// The Chinese resource keys of the words organizers read for eligibility and credit-code checks (an entry's status has
/// one name for everyone: <see cref="EntryStatusLabels"/>); views, messages and exports pass them through the localizer.
/// </summary>
public static class ReviewLabels
{
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
