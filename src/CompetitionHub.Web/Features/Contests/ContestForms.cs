using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Features.Eligibility;

namespace CompetitionHub.Web.Features.Contests;

// The organizer's forms. Lengths match the columns, so an over-long value is a message under its field, never a
// database error. Times are China wall-clock times as typed; the use cases turn them into UTC.

public sealed record ContestForm
{
    [Required(ErrorMessage = "请填写标识。")]
    [StringLength(80, ErrorMessage = "标识不能超过 {1} 个字符。")]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "标识只能包含小写字母、数字和连字符。")]
    public string? Slug { get; init; }

    public ContestKind Kind { get; init; }

    [Range(2000, 2100, ErrorMessage = "届次年份须在 {1} 到 {2} 之间。")]
    public int EditionYear { get; init; }

    [Required(ErrorMessage = "请填写赛事名称。")]
    [StringLength(200, ErrorMessage = "赛事名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "请填写英文名称。")]
    [StringLength(300, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? NameEn { get; init; }

    [Range(1, int.MaxValue, ErrorMessage = "请选择主办单位。")]
    public int LeadDepartmentId { get; init; }

    public List<int> CoOrganizerIds { get; init; } = [];

    [StringLength(4000, ErrorMessage = "简介不能超过 {1} 个字符。")]
    public string? Description { get; init; }

    [StringLength(4000, ErrorMessage = "英文简介不能超过 {1} 个字符。")]
    public string? DescriptionEn { get; init; }

    [StringLength(8000, ErrorMessage = "规则不能超过 {1} 个字符。")]
    public string? RulesText { get; init; }

    [StringLength(8000, ErrorMessage = "英文规则不能超过 {1} 个字符。")]
    public string? RulesTextEn { get; init; }

    /// <summary>Fields separated by commas or 、, as organizers write them.</summary>
    [StringLength(1000, ErrorMessage = "行业领域不能超过 {1} 个字符。")]
    public string? IndustryFields { get; init; }

    /// <summary>The English names in the same order, one a line (English names may hold commas); a blank line keeps the Chinese.</summary>
    [StringLength(1000, ErrorMessage = "行业领域英文名称不能超过 {1} 个字符。")]
    public string? IndustryFieldsEn { get; init; }

    public DateTime? RegistrationOpensAt { get; init; }
    public DateTime? RegistrationClosesAt { get; init; }

    [Range(1, 50, ErrorMessage = "团队人数须在 {1} 到 {2} 之间。")]
    public int MinTeamSize { get; init; } = 1;

    [Range(1, 50, ErrorMessage = "团队人数须在 {1} 到 {2} 之间。")]
    public int MaxTeamSize { get; init; } = 10;

    [Range(1, 50, ErrorMessage = "年限须在 {1} 到 {2} 之间。")]
    public int? PlacementYears { get; init; }

    [StringLength(40, ErrorMessage = "组别代码不能超过 {1} 个字符。")]
    public string? YoungerTrackCode { get; init; }

    [StringLength(40, ErrorMessage = "组别代码不能超过 {1} 个字符。")]
    public string? OlderTrackCode { get; init; }

    /// <summary>The contest's <see cref="Contest.Version"/> when the form was opened.</summary>
    public Guid Version { get; init; }

    public static ContestForm From(Contest c) => new()
    {
        Slug = c.Slug, Kind = c.Kind, EditionYear = c.EditionYear, Name = c.Name, NameEn = c.NameEn,
        LeadDepartmentId = c.LeadDepartmentId, CoOrganizerIds = [.. c.CoOrganizers.Select(d => d.Id)],
        Description = c.Description, DescriptionEn = c.DescriptionEn, RulesText = c.RulesText, RulesTextEn = c.RulesTextEn,
        IndustryFields = string.Join("、", c.IndustryFields), IndustryFieldsEn = string.Join("\n", c.IndustryFieldsEn),
        RegistrationOpensAt = ChinaTime.ToChina(c.RegistrationOpensAt), RegistrationClosesAt = ChinaTime.ToChina(c.RegistrationClosesAt),
        MinTeamSize = c.MinTeamSize, MaxTeamSize = c.MaxTeamSize,
        PlacementYears = c.Placement?.FoundedWithinYears, YoungerTrackCode = c.Placement?.YoungerTrackCode,
        OlderTrackCode = c.Placement?.OlderTrackCode, Version = c.Version,
    };
}

public sealed record TrackForm
{
    [Required(ErrorMessage = "请填写组别代码。")]
    [StringLength(40, ErrorMessage = "组别代码不能超过 {1} 个字符。")]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "组别代码只能包含小写字母、数字和连字符。")]
    public string? Code { get; init; }

    [Required(ErrorMessage = "请填写组别名称。")]
    [StringLength(100, ErrorMessage = "组别名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "请填写英文名称。")]
    [StringLength(200, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? NameEn { get; init; }

    [StringLength(2000, ErrorMessage = "说明不能超过 {1} 个字符。")]
    public string? Description { get; init; }

    [StringLength(2000, ErrorMessage = "英文说明不能超过 {1} 个字符。")]
    public string? DescriptionEn { get; init; }

    [Range(0, 1000, ErrorMessage = "排序须在 {1} 到 {2} 之间。")]
    public int SortOrder { get; init; }

    public List<MaterialKind> RequiredMaterials { get; init; } = [];

    public List<ApplicantType> ApplicantTypes { get; init; } = [];
    public bool RequireJilinRegistration { get; init; }

    [Range(1, 50, ErrorMessage = "年限须在 {1} 到 {2} 之间。")]
    public int? FoundedWithinYears { get; init; }

    [Range(0, 50, ErrorMessage = "年限须在 {1} 到 {2} 之间。")]
    public int? FoundedAtLeastYears { get; init; }

    /// <summary>In 万元 (ten thousand yuan), the unit contest rules use.</summary>
    [Range(typeof(decimal), "0.0001", "100000000", ErrorMessage = "营业收入上限须在 {1} 到 {2} 万元之间。")]
    public decimal? RevenueCapWanYuan { get; init; }

    public bool BarPreviousWinners { get; init; }
    public bool LeaderMustBeFemale { get; init; }

    [Range(0, 20, ErrorMessage = "年限须在 {1} 到 {2} 之间。")]
    public int? LeaderStudentOrGraduatedWithinYears { get; init; }

    public bool RequireRuralAttestation { get; init; }

    public static TrackForm From(ContestTrack t) => new()
    {
        Code = t.Code, Name = t.Name, NameEn = t.NameEn, Description = t.Description, DescriptionEn = t.DescriptionEn,
        SortOrder = t.SortOrder,
        RequiredMaterials = [.. t.RequiredMaterials], ApplicantTypes = [.. t.Eligibility.ApplicantTypes],
        RequireJilinRegistration = t.Eligibility.RequireJilinRegistration,
        FoundedWithinYears = t.Eligibility.FoundedWithinYears, FoundedAtLeastYears = t.Eligibility.FoundedAtLeastYears,
        RevenueCapWanYuan = t.Eligibility.RevenueCapYuan / 10_000m, BarPreviousWinners = t.Eligibility.BarPreviousWinners,
        LeaderMustBeFemale = t.Eligibility.LeaderMustBeFemale,
        LeaderStudentOrGraduatedWithinYears = t.Eligibility.LeaderStudentOrGraduatedWithinYears,
        RequireRuralAttestation = t.Eligibility.RequireRuralAttestation,
    };
}

public sealed record RoundForm
{
    [Required(ErrorMessage = "请填写赛段名称。")]
    [StringLength(100, ErrorMessage = "赛段名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "请填写英文名称。")]
    [StringLength(200, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? NameEn { get; init; }

    public RoundKind Kind { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }

    [StringLength(2000, ErrorMessage = "说明不能超过 {1} 个字符。")]
    public string? Description { get; init; }

    [StringLength(2000, ErrorMessage = "英文说明不能超过 {1} 个字符。")]
    public string? DescriptionEn { get; init; }

    public AggregationMethod Aggregation { get; init; } = AggregationMethod.TrimmedMean;

    [Range(3, 15, ErrorMessage = "去掉最高分和最低分所需的最少评委数须在 {1} 到 {2} 之间。")]
    public int TrimMinJudges { get; init; } = 5;

    /// <summary>k: how many highest and how many lowest totals a trimmed mean drops.</summary>
    [Range(1, 7, ErrorMessage = "去掉的最高分和最低分个数须在 {1} 到 {2} 之间。")]
    public int TrimCount { get; init; } = 1;

    /// <summary>One line per earlier round of the contest; a blank or 0 weight leaves that round out.</summary>
    public List<EarlierWeightForm> EarlierWeights { get; init; } = [];

    public MissingEarlierScore MissingEarlierScore { get; init; } = MissingEarlierScore.Reweight;

    /// <summary>Tokens as <see cref="TieBreakerRule.Token"/> spells them, in order; blanks are skipped.</summary>
    public List<string?> TieBreakers { get; init; } = [];

    public TrimFallback TrimFallback { get; init; } = TrimFallback.Mean;

    /// <summary>The judge group lines, in order; a line left blank is no group.</summary>
    public List<JudgeGroupForm> JudgeGroups { get; init; } = [];

    /// <summary>One line per judge of the round: the judge and the number (1-based) of their line in <see cref="JudgeGroups"/>.</summary>
    public List<JudgeGroupMemberForm> JudgeGroupMembers { get; init; } = [];
    /// <summary>Why the ranking rules change after scoring opened; required then, and published with the change.</summary>
    [StringLength(1000, ErrorMessage = "变更原因不能超过 {1} 个字符。")]
    public string? RuleChangeReason { get; init; }
    /// <summary>Weight of the public jury score (人气分) in percent; blank or 0 = none (see <see cref="Round.PublicJuryWeightPercent"/>).</summary>
    [Range(0, 50, ErrorMessage = "大众评审（人气分）权重须在 {1} 到 {2} 之间。")]
    public int? PublicJuryWeightPercent { get; init; }

    /// <summary>In points with up to 2 decimals; blank = no minimum (see <see cref="Round.MinScoreHundredths"/>).</summary>
    [Range(typeof(decimal), "0.01", "1000", ErrorMessage = "最低晋级（获奖）分数须在 {1} 到 {2} 之间。")]
    public decimal? MinScore { get; init; }

    public bool RankByIndustry { get; init; }

    public static RoundForm From(Round r) => new()
    {
        Name = r.Name, NameEn = r.NameEn, Kind = r.Kind, Description = r.Description, DescriptionEn = r.DescriptionEn,
        Aggregation = r.Aggregation, TrimMinJudges = r.TrimMinJudges, TrimCount = r.TrimCount,
        StartsAt = ChinaTime.ToChina(r.StartsAt), EndsAt = ChinaTime.ToChina(r.EndsAt),
        EarlierWeights = [.. RankingRules.EarlierWeights(r).Select(w => new EarlierWeightForm { RoundId = w.RoundId, WeightPercent = w.WeightPercent })],
        MissingEarlierScore = r.MissingEarlierScore,
        TieBreakers = [.. RankingRules.TieBreakers(r).Select(b => (string?)b.Token)],
        TrimFallback = r.TrimFallback,
        JudgeGroups = [.. r.JudgeGroups.OrderBy(g => g.Sequence).Select(g => new JudgeGroupForm { Name = g.Name, NameEn = g.NameEn, WeightPercent = g.WeightPercent })],
        JudgeGroupMembers = [.. r.JudgeGroupMembers.Select(m => new JudgeGroupMemberForm
        {
            JudgeUserId = m.JudgeUserId,
            Group = r.JudgeGroups.OrderBy(g => g.Sequence).ToList().FindIndex(g => g.Id == m.JudgeGroupId) + 1,
        })],
        PublicJuryWeightPercent = r.PublicJuryWeightPercent == 0 ? null : r.PublicJuryWeightPercent,
        MinScore = r.MinScoreHundredths / 100m, RankByIndustry = r.RankByIndustry,
    };
}

public sealed record JudgeGroupForm
{
    [StringLength(50, ErrorMessage = "评委组名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [StringLength(100, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? NameEn { get; init; }

    [Range(1, 99, ErrorMessage = "评委组权重须在 {1} 到 {2} 之间。")]
    public int? WeightPercent { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NameEn) && WeightPercent is null;
}

public sealed record JudgeGroupMemberForm
{
    public string? JudgeUserId { get; init; }

    /// <summary>The judge's group line, 1-based; null or 0 = no group.</summary>
    public int? Group { get; init; }
}

public sealed record EarlierWeightForm
{
    public int RoundId { get; init; }

    [Range(0, 99, ErrorMessage = "权重须在 {1} 到 {2} 之间。")]
    public int? WeightPercent { get; init; }
}

/// <summary>One line of the rubric form; a line left entirely blank is ignored, ticking Remove drops it.</summary>
public sealed record CriterionForm
{
    [StringLength(100, ErrorMessage = "评分项名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [StringLength(200, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? NameEn { get; init; }

    [StringLength(1000, ErrorMessage = "评分说明不能超过 {1} 个字符。")]
    public string? Description { get; init; }

    [StringLength(1000, ErrorMessage = "英文评分说明不能超过 {1} 个字符。")]
    public string? DescriptionEn { get; init; }

    [Range(typeof(decimal), "-1000000", "1000000", ErrorMessage = "满分须在 0.01 到 1000 之间。")]
    public decimal? MaxPoints { get; init; }

    [Range(0, 100, ErrorMessage = "权重须在 {1} 到 {2} 之间。")]
    public int? WeightPercent { get; init; }

    /// <summary>Points go in steps of this many hundredths, one of <see cref="Rubric.Steps"/>; a select, so never blank.</summary>
    public int StepHundredths { get; init; } = 50;

    public bool Remove { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NameEn)
                           && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(DescriptionEn) && MaxPoints is null && WeightPercent is null;

    public static CriterionForm From(RubricCriterion c) => new()
    {
        Name = c.Name, NameEn = c.NameEn, Description = c.Description, DescriptionEn = c.DescriptionEn, MaxPoints = c.MaxPoints, WeightPercent = c.WeightPercent,
        StepHundredths = c.StepHundredths,
    };
}

/// <summary>One rubric of a round: the shared one (<see cref="TrackId"/> null) or a track's own lines.</summary>
public sealed record RubricForm
{
    public int? TrackId { get; init; }

    public List<CriterionForm> Criteria { get; init; } = [];

    /// <summary>The rubric's saved lines and one empty line at the end, which is how a line is added without any script.</summary>
    public static RubricForm From(IEnumerable<RubricCriterion> roundCriteria, int? trackId) => new()
    {
        TrackId = trackId,
        Criteria = [.. roundCriteria.Where(c => c.TrackId == trackId).OrderBy(c => c.Sequence).Select(CriterionForm.From), new CriterionForm()],
    };
}

public sealed record PreviousWinnerForm
{
    [Required(ErrorMessage = "请填写统一社会信用代码。")]
    [StringLength(18, MinimumLength = 18, ErrorMessage = "统一社会信用代码应为 18 位。")]
    public string? CreditCode { get; init; }

    [Required(ErrorMessage = "请填写企业名称。")]
    [StringLength(200, ErrorMessage = "企业名称不能超过 {1} 个字符。")]
    public string? CompanyName { get; init; }

    [Range(1990, 2100, ErrorMessage = "年份须在 {1} 到 {2} 之间。")]
    public int Year { get; init; }

    [StringLength(50, ErrorMessage = "奖项不能超过 {1} 个字符。")]
    public string? Award { get; init; }
}
