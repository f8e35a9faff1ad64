using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Matchmaking;

public sealed record InvestorProfileForm
{
    [Required(ErrorMessage = "请填写机构名称。")]
    [StringLength(200, ErrorMessage = "机构名称不能超过 {1} 个字符。")]
    [RegularExpression("^[^<>]*$", ErrorMessage = "机构名称不能包含尖括号。")]
    public string FundName { get; init; } = "";

    /// <summary>Industries picked from the contests' lists.</summary>
    public List<string> Industries { get; init; } = [];

    public List<InvestmentStage> Stages { get; init; } = [];

    [Required(ErrorMessage = "请填写单笔投资金额下限。")]
    [Range(1, 10_000_000, ErrorMessage = "投资金额应在 {1}–{2} 万元之间。")]
    public int? TicketMinWan { get; init; }

    [Required(ErrorMessage = "请填写单笔投资金额上限。")]
    [Range(1, 10_000_000, ErrorMessage = "投资金额应在 {1}–{2} 万元之间。")]
    public int? TicketMaxWan { get; init; }

    [StringLength(1000, ErrorMessage = "机构简介不能超过 {1} 个字符。")]
    public string? Intro { get; init; }

    /// <summary>The profile's version when the page was shown; empty when there was no profile yet.</summary>
    public Guid Version { get; init; }
}

/// <summary>The team's choice for one entry: may investors find it, and which round it is raising.</summary>
public sealed record VisibilityForm
{
    public bool VisibleToInvestors { get; init; }
    public InvestmentStage? Stage { get; init; }
}

public sealed record MeetingRequestForm
{
    [Required(ErrorMessage = "请选择对接会。")]
    public int? EventId { get; init; }

    [Required(ErrorMessage = "请填写留言。")]
    [StringLength(1000, ErrorMessage = "留言不能超过 {1} 个字符。")]
    public string Message { get; init; } = "";
}

public sealed record AnswerForm
{
    [StringLength(1000, ErrorMessage = "备注不能超过 {1} 个字符。")]
    public string? Note { get; init; }
}

/// <summary>An organizer moving a meeting to another slot (China time, as shown on the schedule) and table.</summary>
public sealed record MoveMeetingForm
{
    [Required(ErrorMessage = "请选择时段。")]
    public DateTime? StartsAt { get; init; }

    [Required(ErrorMessage = "请填写桌号。")]
    [Range(1, 500, ErrorMessage = "桌号应在 {1}–{2} 之间。")]
    public int? TableNumber { get; init; }

    [Required(ErrorMessage = "请填写原因。")]
    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string Reason { get; init; } = "";
}

public sealed record CancelMeetingForm
{
    [Required(ErrorMessage = "请填写原因。")]
    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string Reason { get; init; } = "";
}

/// <summary>The investor's filters on the project list; all optional.</summary>
public sealed record ProjectQuery
{
    public string? Industry { get; init; }
    public int? ContestId { get; init; }
    public int? TrackId { get; init; }
    public InvestmentStage? Stage { get; init; }
    public string? Q { get; init; }
    public int Page { get; init; } = 1;
}
