namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// An entry's status in words (the Chinese resource key) and its badge colour: one name per state for the team, the
/// organizers and the exports alike.
/// </summary>
public static class EntryStatusLabels
{
    public static string Name(EntryStatus status) => status switch
    {
        EntryStatus.Draft => "草稿",
        EntryStatus.Submitted => "待审核",
        EntryStatus.ChangesRequested => "待修改",
        EntryStatus.Approved => "已通过",
        EntryStatus.Rejected => "未通过",
        EntryStatus.Withdrawn => "已撤回",
        EntryStatus.Advanced => "已晋级",
        EntryStatus.Eliminated => "未晋级",
        EntryStatus.Awarded => "已获奖",
        _ => status.ToString(),
    };

    public static string Badge(EntryStatus status) => status switch
    {
        EntryStatus.Submitted => "text-bg-primary",
        EntryStatus.ChangesRequested => "text-bg-warning",
        EntryStatus.Approved or EntryStatus.Advanced or EntryStatus.Awarded => "text-bg-success",
        EntryStatus.Rejected => "text-bg-danger",
        EntryStatus.Withdrawn => "text-bg-light",
        _ => "text-bg-secondary",
    };
}
