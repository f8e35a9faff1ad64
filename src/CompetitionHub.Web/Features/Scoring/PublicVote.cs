using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitionHub.Web.Features.Scoring;

/// <summary>
/// One spectator's public jury vote (人气分) for an entry of a roadshow round, cast on the live page while the entry was
/// being scored on stage. Votes are never changed or withdrawn; the count per entry is what the ranking reads.
/// </summary>
public class PublicVote
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int SessionId { get; set; }
    public int EntryId { get; set; }
    public required string UserId { get; set; }
    public DateTime CastAt { get; set; }
}

internal sealed class PublicVoteConfiguration : IEntityTypeConfiguration<PublicVote>
{
    public void Configure(EntityTypeBuilder<PublicVote> b)
    {
        b.Property(v => v.UserId).HasMaxLength(450);
        // One vote per account per entry: two taps or two phones racing each other meet here, whatever instance took them.
        b.HasIndex(v => new { v.RoundId, v.EntryId, v.UserId }).IsUnique();
    }
}
