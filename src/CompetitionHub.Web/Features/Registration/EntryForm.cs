using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>
/// What the entry form posts. A draft may be partial: only the title is needed to save, and formats are checked for
/// what is filled in; <see cref="SubmitEntry"/> demands the rest.
/// </summary>
public sealed record EntryForm
{
    /// <summary>Only when creating: the team (led by the person) that enters.</summary>
    [Display(Name = "参赛团队")]
    public int? TeamId { get; init; }

    /// <summary>Null (or 0) means "let the contest place the entry" where the contest places automatically.</summary>
    [Display(Name = "赛道/组别")]
    public int? TrackId { get; init; }

    [Display(Name = "项目名称")]
    [Required(ErrorMessage = "请填写项目名称。")]
    [StringLength(200, ErrorMessage = "项目名称不能超过 {1} 个字符。")]
    public string Title { get; init; } = "";

    [Display(Name = "项目简介")]
    [StringLength(4000, ErrorMessage = "项目简介不能超过 {1} 个字符。")]
    public string? Summary { get; init; }

    [Display(Name = "所属行业")]
    [StringLength(50, ErrorMessage = "所属行业不能超过 {1} 个字符。")]
    public string? Industry { get; init; }

    [Display(Name = "参赛主体")]
    public ApplicantType ApplicantType { get; init; }

    [Display(Name = "企业名称")]
    [StringLength(200, ErrorMessage = "企业名称不能超过 {1} 个字符。")]
    public string? CompanyName { get; init; }

    [Display(Name = "统一社会信用代码")]
    [StringLength(30, ErrorMessage = "统一社会信用代码应为 18 位。")]
    public string? CreditCode { get; init; }

    /// <summary>注册地 (province), one of <see cref="Provinces"/> codes; where the company is registered now.</summary>
    [Display(Name = "注册地（省份）")]
    public string? RegistrationProvince { get; init; }

    [Display(Name = "注册地（市、区县）")]
    [StringLength(100, ErrorMessage = "注册地（市、区县）不能超过 {1} 个字符。")]
    public string? RegistrationDistrict { get; init; }

    [Display(Name = "成立日期")]
    [DataType(DataType.Date)]
    [Infrastructure.InputDateRange("1900-01-01", "2100-12-31")]
    public DateOnly? FoundedOn { get; init; }

    /// <summary>上一年度营业收入 in 万元 as people state it; stored as whole yuan.</summary>
    [Display(Name = "上年度营业收入（万元）")]
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "营业收入应在 {1} 到 {2} 万元之间。")]
    public decimal? RevenueWan { get; init; }

    [Display(Name = "负责人性别")]
    public Gender? LeaderGender { get; init; }

    [Display(Name = "负责人是在校学生")]
    public bool LeaderIsStudent { get; init; }

    [Display(Name = "负责人毕业年份")]
    [Range(1950, 2100, ErrorMessage = "毕业年份应在 {1} 到 {2} 之间。")]
    public int? LeaderGraduationYear { get; init; }

    [Display(Name = "项目扎根农村（承诺属实）")]
    public bool RuralAttestation { get; init; }

    [Display(Name = "联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过 {1} 个字符。")]
    public string? ContactName { get; init; }

    [Display(Name = "联系电话")]
    [StringLength(30, ErrorMessage = "联系电话不能超过 {1} 个字符。")]
    [RegularExpression(@"^[0-9+\-() ]*$", ErrorMessage = "联系电话只能包含数字、空格和 + - ( )。")]
    public string? ContactPhone { get; init; }

    [Display(Name = "联系邮箱")]
    [StringLength(256, ErrorMessage = "邮箱地址不能超过 {1} 个字符。")]
    [EmailAddress(ErrorMessage = "邮箱地址格式不正确。")]
    public string? ContactEmail { get; init; }

    /// <summary>The entry's version when the form was shown; a save over someone else's newer change is refused.</summary>
    public Guid Version { get; init; }

    public static EntryForm From(Entry e) => new()
    {
        TeamId = e.TeamId, TrackId = e.TrackId, Title = e.Title, Summary = e.Summary, Industry = e.Industry,
        ApplicantType = e.ApplicantType, CompanyName = e.CompanyName, CreditCode = e.CreditCode, FoundedOn = e.FoundedOn,
        RegistrationProvince = e.RegistrationProvince, RegistrationDistrict = e.RegistrationDistrict,
        RevenueWan = e.AnnualRevenueYuan is { } yuan ? yuan / 10000m : null,
        LeaderGender = e.LeaderGender, LeaderIsStudent = e.LeaderIsStudent, LeaderGraduationYear = e.LeaderGraduationYear,
        RuralAttestation = e.RuralAttestation, ContactName = e.ContactName, ContactPhone = e.ContactPhone,
        ContactEmail = e.ContactEmail, Version = e.Version,
    };
}

public sealed record TrackChoice(int Id, string Name, IReadOnlyList<MaterialKind> RequiredMaterials);

public sealed record TeamChoice(int Id, string Name);

public sealed record MaterialView(int Id, MaterialKind Kind, string FileName, long SizeBytes, DateTime UploadedAt);

/// <summary>Everything the entry page shows: the form, the contest's choices, materials and the eligibility outcome.</summary>
public sealed record EntryPage
{
    public int? EntryId { get; init; }
    public int ContestId { get; init; }
    public required string ContestName { get; init; }
    public DateTime? ClosesAt { get; init; }
    public IReadOnlyList<string> Industries { get; init; } = [];
    public TranslatedNames IndustryNames { get; init; } = TranslatedNames.None;
    public IReadOnlyList<TrackChoice> Tracks { get; init; } = [];
    public bool AutoPlacement { get; init; }
    public IReadOnlyList<TeamChoice> Teams { get; init; } = [];
    public string? TeamName { get; init; }
    public EntryStatus? Status { get; init; }
    public string? DecisionReason { get; init; }
    public string? TrackName { get; init; }
    public bool IsLeader { get; init; }
    public bool CanEdit { get; init; }
    public bool CanSubmit { get; init; }
    public bool CanWithdraw { get; init; }
    /// <summary>Why nothing can be changed now (before opening, after the deadline), shown above the form.</summary>
    public string? ClosedMessage { get; init; }
    public IReadOnlyList<MaterialView> Materials { get; init; } = [];
    public IReadOnlyList<MaterialKind> RequiredMaterials { get; init; } = [];
    public EligibilityResult? Eligibility { get; init; }
    /// <summary>The organizer's check of the stored credit code (the entry page asks for the business licence while it waits).</summary>
    public CreditCodeVerification CreditCodeVerification { get; init; }
    public long MaxUploadBytes { get; init; }
    /// <summary>What is still to do before the entry can be submitted (empty once it is handed in).</summary>
    public IReadOnlyList<ChecklistStep> Checklist { get; init; } = [];
    /// <summary>The kind the upload form starts on (the checklist links to the kind still missing).</summary>
    public MaterialKind? UploadKind { get; init; }
    public required EntryForm Form { get; init; }
}

public sealed record MyEntry(int Id, string ContestName, string TeamName, string TrackName, string Title, EntryStatus Status,
    string? DecisionReason, DateTime UpdatedAt);

public sealed record OpenContest(int Id, string Name, DateTime? ClosesAt);
