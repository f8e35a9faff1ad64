namespace CompetitionHub.Web.Features.Judging;

/// <summary>The resource keys (Chinese text) for the judging enums, so every page names them the same way.</summary>
public static class JudgingLabels
{
    public static string Status(JudgeStatus status) => status switch
    {
        JudgeStatus.Invited => "已邀请",
        JudgeStatus.Accepted => "已接受",
        JudgeStatus.Declined => "已谢绝",
        _ => "已移出",
    };

    public static string Type(ConflictType type) => type switch
    {
        ConflictType.Employer => "任职单位",
        ConflictType.Investment => "投资关系",
        ConflictType.Family => "亲属关系",
        ConflictType.Advisor => "顾问/任职",
        ConflictType.TeamMember => "团队成员",
        _ => "其他",
    };

    public static string Source(ConflictSource source) => source switch
    {
        ConflictSource.Declared => "评委申报",
        ConflictSource.Detected => "系统识别",
        _ => "组织者添加",
    };

    public static string Holding(HoldingKind kind) => kind == HoldingKind.Shareholding ? "持股" : "任职";

    /// <summary>The types a person may choose; team membership is only ever detected.</summary>
    public static readonly ConflictType[] Choosable =
        [ConflictType.Employer, ConflictType.Investment, ConflictType.Family, ConflictType.Advisor, ConflictType.Other];
}
