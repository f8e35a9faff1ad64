using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>What the door page says for each check-in outcome; the same words for the script and for the plain form.</summary>
public static class DoorMessages
{
    public static string Describe(CheckInOutcome outcome, IStringLocalizer t) => outcome.Result switch
    {
        CheckInResult.Admitted => t["有效：{0} 已签到。", outcome.Name ?? ""],
        CheckInResult.AlreadyUsed => t["已使用：{0} 已于 {1} 签到。", outcome.Name ?? "", ChinaTime.Format(outcome.CheckedInAt, "MM-dd HH:mm:ss")],
        CheckInResult.OtherEvent => t["不是本场活动的票（{0}）。", outcome.OtherEventTitle ?? ""],
        CheckInResult.Cancelled => t["此票已取消。"],
        CheckInResult.Waitlisted => t["候补中，尚无座位：此票不能入场。"],
        _ => t["无法识别此票，请核对票码。"],
    };

    /// <summary>Bootstrap colour of the answer: green to let in, amber for a used ticket, red otherwise.</summary>
    public static string Tone(CheckInResult result) => result switch
    {
        CheckInResult.Admitted => "success",
        CheckInResult.AlreadyUsed => "warning",
        _ => "danger",
    };
}
