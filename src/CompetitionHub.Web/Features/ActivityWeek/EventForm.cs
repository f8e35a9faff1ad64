using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>The organizer's form for one event. Times are China wall-clock times as typed; tags are comma-separated.</summary>
public sealed record EventForm
{
    [Required(ErrorMessage = "请选择活动类型。")]
    public ActivityEventType? Type { get; init; }

    [Required(ErrorMessage = "请填写活动名称。")]
    [StringLength(200, ErrorMessage = "活动名称不能超过 {1} 个字符。")]
    public string? Title { get; init; }

    [StringLength(300, ErrorMessage = "英文名称不能超过 {1} 个字符。")]
    public string? TitleEn { get; init; }

    [StringLength(4000, ErrorMessage = "活动介绍不能超过 {1} 个字符。")]
    public string? Description { get; init; }

    [StringLength(4000, ErrorMessage = "英文介绍不能超过 {1} 个字符。")]
    public string? DescriptionEn { get; init; }

    public int? DepartmentId { get; init; }

    [Required(ErrorMessage = "请填写活动地点。")]
    [StringLength(200, ErrorMessage = "活动地点不能超过 {1} 个字符。")]
    public string? Venue { get; init; }

    [StringLength(200, ErrorMessage = "英文地点不能超过 {1} 个字符。")]
    public string? VenueEn { get; init; }

    [Required(ErrorMessage = "请填写开始时间。")]
    public DateTime? StartsAt { get; init; }

    [Required(ErrorMessage = "请填写结束时间。")]
    public DateTime? EndsAt { get; init; }

    [Range(1, 100000, ErrorMessage = "名额须在 {1} 到 {2} 之间；不限名额请留空。")]
    public int? Capacity { get; init; }

    [StringLength(500, ErrorMessage = "标签不能超过 {1} 个字符。")]
    public string? Tags { get; init; }

    /// <summary>The tags' English names in the same order; an empty item keeps the Chinese tag.</summary>
    [StringLength(500, ErrorMessage = "英文标签不能超过 {1} 个字符。")]
    public string? TagsEn { get; init; }

    public bool RequiresSignup { get; init; } = true;

    /// <summary>The event's version when the form was opened; a save over someone else's newer change is refused.</summary>
    public Guid Version { get; init; }

    private static readonly char[] TagSeparators = [',', '，', ';', '；'];

    /// <summary>The tags without repeats (at most 10) and their English names lined up by the position they were typed in.</summary>
    public (List<string> Chinese, List<string> English) TagLists() =>
        TranslatedNames.Align(TypedTags(), TypedTagsEn(), StringComparer.OrdinalIgnoreCase, max: 10);

    public string[] TypedTags() => (Tags ?? "").Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public List<string> TypedTagsEn() => TranslatedNames.SplitKeepingBlanks(TagsEn, TagSeparators);

    public static EventForm From(ActivityEvent e) => new()
    {
        Type = e.Type, Title = e.Title, TitleEn = e.TitleEn, Description = e.Description, DescriptionEn = e.DescriptionEn,
        DepartmentId = e.DepartmentId, Venue = e.Venue, VenueEn = e.VenueEn, StartsAt = ChinaTime.FromUtc(e.StartsAt), EndsAt = ChinaTime.FromUtc(e.EndsAt),
        Capacity = e.Capacity, Tags = string.Join(", ", e.Tags), TagsEn = string.Join(", ", e.TagsEn), RequiresSignup = e.RequiresSignup, Version = e.Version,
    };
}
