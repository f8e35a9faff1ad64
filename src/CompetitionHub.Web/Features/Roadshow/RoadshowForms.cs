using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Roadshow;

// The organizer's forms for roadshow sessions. Lengths match the columns; the start is a China wall-clock time as typed.

public sealed record SessionForm
{
    [Required(ErrorMessage = "请填写场次名称。")]
    [StringLength(100, ErrorMessage = "场次名称不能超过 {1} 个字符。")]
    public string? Name { get; init; }

    [StringLength(200, ErrorMessage = "地点不能超过 {1} 个字符。")]
    public string? Venue { get; init; }

    [StringLength(200, ErrorMessage = "英文地点不能超过 {1} 个字符。")]
    public string? VenueEn { get; init; }

    [Required(ErrorMessage = "请填写开始时间。")]
    public DateTime? StartsAt { get; init; }

    [Range(1, 60, ErrorMessage = "路演时长须在 {1} 到 {2} 分钟之间。")]
    public int PitchMinutes { get; init; } = 8;

    [Range(1, 60, ErrorMessage = "问答时长须在 {1} 到 {2} 分钟之间。")]
    public int QaMinutes { get; init; } = 7;

    public List<string> JudgeUserIds { get; init; } = [];

    public List<int> EntryIds { get; init; } = [];

    /// <summary>The session's version when the form was opened; a save over someone else's newer change is refused.</summary>
    public Guid Version { get; init; }

    public static SessionForm From(RoadshowSession s) => new()
    {
        Name = s.Name,
        Venue = s.Venue,
        VenueEn = s.VenueEn,
        StartsAt = Infrastructure.ChinaTime.FromUtc(s.StartsAt),
        PitchMinutes = s.PitchMinutes,
        QaMinutes = s.QaMinutes,
        JudgeUserIds = [.. s.Panel.Select(j => j.JudgeUserId)],
        EntryIds = [.. s.Slots.Select(x => x.EntryId)],
        Version = s.Version,
    };
}

/// <summary>A draw: the seed is optional (blank means a random one); a re-draw needs a reason.</summary>
public sealed record DrawForm
{
    public string? Seed { get; init; }

    [StringLength(1000, ErrorMessage = "原因不能超过 {1} 个字符。")]
    public string? Reason { get; init; }

    public Guid Version { get; init; }
}
