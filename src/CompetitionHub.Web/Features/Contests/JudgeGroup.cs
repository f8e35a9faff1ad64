using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// A group of a round's judges whose score counts with a weight (e.g. 专家评委 70 %, 媒体评委 30 %). A round has no
/// groups, or two or more whose weights add up to 100; see <c>RankingCalculator</c> in Rankings for how they are combined.
/// </summary>
public class JudgeGroup
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Sequence { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int WeightPercent { get; set; }

    public string LocalizedName => Localized.Pick(Name, NameEn);
}

/// <summary>A judge's group in one round; a judge is in at most one group per round.</summary>
public class JudgeGroupMember
{
    public int RoundId { get; set; }
    public required string JudgeUserId { get; set; }
    public int JudgeGroupId { get; set; }
    public JudgeGroup? Group { get; set; }
}

internal sealed class JudgeGroupConfiguration : IEntityTypeConfiguration<JudgeGroup>
{
    public void Configure(EntityTypeBuilder<JudgeGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(50);
        b.Property(g => g.NameEn).HasMaxLength(100);
        b.HasIndex(g => new { g.RoundId, g.Sequence }).IsUnique();
        b.HasOne<Round>().WithMany(r => r.JudgeGroups).HasForeignKey(g => g.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JudgeGroupMemberConfiguration : IEntityTypeConfiguration<JudgeGroupMember>
{
    public void Configure(EntityTypeBuilder<JudgeGroupMember> b)
    {
        b.HasKey(m => new { m.RoundId, m.JudgeUserId });
        b.Property(m => m.JudgeUserId).HasMaxLength(450);
        b.HasOne<Round>().WithMany(r => r.JudgeGroupMembers).HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
        // Members are rewritten with their groups in one save; a single cascade path (from the round) suits SQL Server too.
        b.HasOne(m => m.Group).WithMany().HasForeignKey(m => m.JudgeGroupId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(m => m.JudgeGroupId);
    }
}

/// <summary>A judge of a round, as the judge-group lines of the round settings list them.</summary>
public sealed record RoundJudge(string UserId, string Name);

/// <summary>
/// The judges of a round: assigned to review its entries (online review), on the panel of one of its sessions (roadshow),
/// with a sheet in it, or already put in one of its judge groups.
/// </summary>
public static class RoundJudges
{
    public static async Task<IReadOnlyList<RoundJudge>> ListAsync(Data.AppDbContext db, int roundId, CancellationToken ct)
    {
        var ids = await db.ReviewAssignments.Where(a => a.RoundId == roundId).Select(a => a.JudgeUserId)
            .Union(db.SessionJudges.Where(j => db.RoadshowSessions.Any(s => s.Id == j.SessionId && s.RoundId == roundId)).Select(j => j.JudgeUserId))
            .Union(db.ScoreSheets.Where(s => s.RoundId == roundId).Select(s => s.JudgeUserId))
            .Union(db.JudgeGroupMembers.Where(m => m.RoundId == roundId).Select(m => m.JudgeUserId))
            .ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. ids.Select(id => new RoundJudge(id, names.GetValueOrDefault(id) ?? id))
            .OrderBy(j => j.Name, StringComparer.Ordinal).ThenBy(j => j.UserId, StringComparer.Ordinal)];
    }
}

/// <summary>One judge group's weight in a round.</summary>
public sealed record JudgeGroupWeight(int GroupId, int WeightPercent);

/// <summary>A round's judge groups and which group each judge is in; <see cref="None"/> = no groups.</summary>
public sealed record JudgeGrouping(IReadOnlyList<JudgeGroupWeight> Groups, IReadOnlyDictionary<string, int> GroupOf)
{
    public static readonly JudgeGrouping None = new([], new Dictionary<string, int>());

    public bool Any => Groups.Count > 0;

    /// <summary>A group's place in the round's group order, 1-based (how the published rules name it); 0 for no group.</summary>
    public int NumberOf(int groupId)
    {
        for (var i = 0; i < Groups.Count; i++)
            if (Groups[i].GroupId == groupId) return i + 1;
        return 0;
    }
}
