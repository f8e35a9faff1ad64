using CompetitionHub.Web.Features.Judging;

namespace CompetitionHub.Web.Features.Roadshow;

/// <summary>The Chinese resource keys of values the roadshow pages show; views pass them through the localizer.</summary>
public static class RoadshowLabels
{
    public static string Conflict(ConflictType type) => type switch
    {
        ConflictType.Employer => "任职单位",
        ConflictType.Investment => "投资关系",
        ConflictType.Family => "亲属关系",
        ConflictType.Advisor => "顾问或任职",
        ConflictType.TeamMember => "团队成员",
        _ => "其他利益冲突",
    };

    /// <summary>The draw's method in words, shown beside every result so it can be repeated by hand or in any language.</summary>
    public const string Method =
        "将参赛项目编号从小到大排序；以种子（按 32 位无符号整数）为初始状态运行 SplitMix64 随机数发生器；按 Fisher–Yates 方法，i 从 n−1 递减到 1，每次取下一个随机数 r，令 j = r mod (i+1)，交换第 i 项和第 j 项。所得顺序依次为第 1、2、3……位出场。";
}
