using CompetitionHub.Web.Features.Contests;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Advancement;

/// <summary>Why the round's advancement cannot be confirmed now, for the page and the use cases alike.</summary>
public static class AdvancementRules
{
    public static string? Refusal(AdvancementBoard board, IStringLocalizer t)
    {
        if (board.Round.Status < RoundStatus.Closed)
            return t["赛段评分尚未结束：关闭赛段后才能确认晋级。"];
        if (board.NextRound is null)
            return t["这是赛事的最后一个赛段，没有可以晋级的下一赛段；请在奖项评定中确定获奖项目。"];
        if (board.NextStarted)
            return t["下一赛段“{0}”已经开始，晋级名单不能再改变。", board.NextRound.LocalizedName];
        return null;
    }
}
