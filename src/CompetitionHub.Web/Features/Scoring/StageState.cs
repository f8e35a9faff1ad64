using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Scoring;

public enum StagePhase { Idle, Pitch, Qa, Scoring, Closed, Revealed, Finished }

/// <summary>
/// What is happening on a roadshow session's stage right now: the entry on stage, the phase and when it began.
/// <see cref="Version"/> rises with every change, so live clients can ignore anything older than what they hold.
/// </summary>
public class StageState
{
    public int SessionId { get; set; }
    public int? EntryId { get; set; }
    public StagePhase Phase { get; set; }
    public DateTime? PhaseStartedAt { get; set; }
    public long Version { get; set; }
}

internal sealed class StageStateConfiguration : IEntityTypeConfiguration<StageState>
{
    public void Configure(EntityTypeBuilder<StageState> b)
    {
        b.HasKey(s => s.SessionId);
        b.Property(s => s.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
