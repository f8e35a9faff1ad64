using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>
/// Publishing a round's ranking for 公示. <see cref="Current"/> is the number of the version the organizer saw (0 for
/// none), so a version published meanwhile by someone else is a conflict instead of a silent second publication.
/// </summary>
public sealed record PublishForm
{
    [Required(ErrorMessage = "请填写公示天数。")]
    [Range(PublishResults.MinDays, PublishResults.MaxDays, ErrorMessage = "公示天数须在 {1} 到 {2} 天之间。")]
    public int? Days { get; init; }

    [StringLength(1000, ErrorMessage = "说明不能超过 {1} 个字符。")]
    public string? Note { get; init; }

    public int Current { get; init; }
}

/// <summary>Finalizing the current version; <see cref="Version"/> is its token when the page was drawn.</summary>
public sealed record FinalizeForm
{
    public int Number { get; init; }
    public Guid? Version { get; init; }
}

/// <summary>An objection as filed during 公示: the text, optionally the entry it concerns, and the evidence file.</summary>
public sealed record ObjectionForm
{
    [Required(ErrorMessage = "请填写异议内容。")]
    [StringLength(ObjectionRules.MaxTextLength, ErrorMessage = "异议内容不能超过 {1} 个字符。")]
    public string? Text { get; init; }

    public int? EntryId { get; init; }

    public IFormFile? Evidence { get; init; }
}

public enum ObjectionVerdict { Uphold, Dismiss }

/// <summary>An organizer's decision on an objection: upheld or dismissed, always with a written answer.</summary>
public sealed record ObjectionDecisionForm
{
    [Required(ErrorMessage = "请选择处理结果。")]
    public ObjectionVerdict? Verdict { get; init; }

    [Required(ErrorMessage = "请填写书面答复。")]
    [StringLength(ObjectionRules.MaxAnswerLength, ErrorMessage = "答复不能超过 {1} 个字符。")]
    public string? Answer { get; init; }

    public Guid? Version { get; init; }
}

/// <summary>The audit page's filters: who (name or email contains), what (entity type, action), when (China dates), page.</summary>
public sealed record AuditFilter
{
    public string? Who { get; init; }
    public string? Entity { get; init; }
    public string? Action { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; } = 1;
}
