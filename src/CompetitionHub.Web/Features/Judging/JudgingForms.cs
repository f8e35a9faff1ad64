using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Judging;

public sealed record InviteJudgeForm
{
    [Required(ErrorMessage = "请填写邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string Email { get; init; } = "";

    [StringLength(50, ErrorMessage = "姓名不能超过 {1} 个字符。")]
    [RegularExpression("^[^<>]*$", ErrorMessage = "姓名不能包含尖括号。")]
    public string? Name { get; init; }

    [Range(1, 500, ErrorMessage = "每轮评审上限应在 {1}–{2} 之间。")]
    public int? MaxLoad { get; init; }
}

public sealed record HoldingForm
{
    [StringLength(200, ErrorMessage = "企业名称不能超过 {1} 个字符。")]
    public string? CompanyName { get; init; }

    [StringLength(30, ErrorMessage = "统一社会信用代码应为 18 位。")]
    public string? CreditCode { get; init; }

    public HoldingKind Kind { get; init; }

    /// <summary>Ticked to drop the row on save (rows are added and removed without script).</summary>
    public bool Remove { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(CompanyName) && string.IsNullOrWhiteSpace(CreditCode);
}

public sealed record ProfileForm
{
    /// <summary>Industries picked from the contests' lists.</summary>
    public List<string> Expertise { get; init; } = [];

    /// <summary>Other fields typed freely, separated by commas or 、.</summary>
    [StringLength(300, ErrorMessage = "其他专业领域不能超过 {1} 个字符。")]
    public string? OtherExpertise { get; init; }

    [Required(ErrorMessage = "请填写工作单位。")]
    [StringLength(200, ErrorMessage = "工作单位不能超过 {1} 个字符。")]
    public string Affiliation { get; init; } = "";

    [StringLength(30, ErrorMessage = "统一社会信用代码应为 18 位。")]
    public string? AffiliationCreditCode { get; init; }

    [StringLength(100, ErrorMessage = "职务/职称不能超过 {1} 个字符。")]
    public string? Title { get; init; }

    public List<HoldingForm> Holdings { get; init; } = [];

    /// <summary>The profile's version when the page was shown; empty when there was no profile yet.</summary>
    public Guid Version { get; init; }
}

public enum ConflictTarget { Entry, Organization }

/// <summary>A conflict as a judge declares it, or as an organizer records it (then with <see cref="JudgeUserId"/>).</summary>
public sealed record ConflictForm
{
    public string? JudgeUserId { get; init; }

    public ConflictTarget Target { get; init; }

    public int? EntryId { get; init; }

    [StringLength(30, ErrorMessage = "统一社会信用代码应为 18 位。")]
    public string? OrganizationCreditCode { get; init; }

    [StringLength(200, ErrorMessage = "企业名称不能超过 {1} 个字符。")]
    public string? OrganizationName { get; init; }

    [Required(ErrorMessage = "请选择冲突类型。")]
    public ConflictType? Type { get; init; }

    [Required(ErrorMessage = "请填写原因。")]
    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string Reason { get; init; } = "";
}

/// <summary>An organizer lifting one row of the conflict map: a recorded conflict by id, or a detected one by its pair.</summary>
public sealed record LiftConflictForm
{
    public int? ConflictId { get; init; }
    public string? JudgeUserId { get; init; }
    public int? EntryId { get; init; }
    public ConflictType? Type { get; init; }

    [Required(ErrorMessage = "请填写解除原因。")]
    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string Reason { get; init; } = "";
}

public sealed record WithdrawConflictForm
{
    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string? Reason { get; init; }
}

/// <summary>An organizer allowing one person to judge and compete in the same contest, with the reason why.</summary>
public sealed record CompetitorExceptionForm
{
    [Required(ErrorMessage = "请填写邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "请说明允许其既当评委又参赛的理由。")]
    [StringLength(500, ErrorMessage = "理由不能超过 {1} 个字符。")]
    public string Reason { get; init; } = "";
}
