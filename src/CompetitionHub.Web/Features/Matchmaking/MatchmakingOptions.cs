using CompetitionHub.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>How matchmaking events are cut into meetings (config section "Matchmaking").</summary>
public sealed class MatchmakingOptions : ISettings
{
    public static string Section => "Matchmaking";

    /// <summary>Length of one meeting; an event is cut into back-to-back slots of this length from its start.</summary>
    [Range(5, 240)]
    public int SlotMinutes { get; set; } = 20;

    /// <summary>Meetings that can run at the same time in one event (numbered tables 1..n).</summary>
    [Range(1, 500)]
    public int TablesPerEvent { get; set; } = 10;
}
