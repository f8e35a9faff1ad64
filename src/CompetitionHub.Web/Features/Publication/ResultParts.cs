using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Publication;

/// <summary>A published score's parts in words, the same on the public page and in the ranking exports.</summary>
public static class ResultParts
{
    /// <summary>Unrounded hundredths (exact text) as points with up to four decimals; "无成绩" for none.</summary>
    public static string Unrounded(string? hundredths, IStringLocalizer t) => hundredths is { } h
        ? (decimal.Parse(h, CultureInfo.InvariantCulture) / 100m).ToString("0.####", CultureInfo.InvariantCulture) : t["无成绩"];

    /// <summary>The judges' and the public jury's part of the own score, e.g. "评委 80 × 90%；人气 100（2 票）× 10%".</summary>
    public static string Jury(PublishedPart part, IStringLocalizer t) => part.ScoreHundredths is null
        ? t["评委 {0}；人气 {1} 票（本赛段无人投票，不计人气分）", Unrounded(part.Judges, t), part.Votes ?? 0]
        : t["评委 {0} × {1}%；人气 {2}（{3} 票）× {4}%", Unrounded(part.Judges, t), 100 - part.WeightPercent, Unrounded(part.ScoreHundredths, t),
            part.Votes ?? 0, part.WeightPercent];
}
