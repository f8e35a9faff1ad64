using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>Why a round's rules give an entry with sheets no score and no rank.</summary>
public enum UnrankedReason
{
    /// <summary>TrimmedMean with <see cref="TrimFallback.Refuse"/> and fewer judges than trimming needs (评委人数不足).</summary>
    TooFewJudges,
    /// <summary>The round has judge groups and none of the entry's judges is in one.</summary>
    NoGroupedJudge,
}

public static class UnrankedReasons
{
    /// <summary>Why an entry with sheets has no rank, in words.</summary>
    public static string Note(UnrankedReason reason, IStringLocalizer t) => reason == UnrankedReason.TooFewJudges
        ? t["评委人数不足，未排名"] : t["没有分组评委评分，未排名"];
}
