using CompetitionHub.Web.Features.ActivityWeek;
using CompetitionHub.Web.Features.Advancement;
using CompetitionHub.Web.Features.Awards;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Assignment;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Matchmaking;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Publication;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Features.Roadshow;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Features.Teams;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CompetitionHub.Web.Data;

/// <summary>
/// The one model. Each provider has a derived context only so that it can own a migrations folder
/// (see <see cref="SqliteAppDbContext"/> and <see cref="SqlServerAppDbContext"/>); code depends on this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<ContestTrack> ContestTracks => Set<ContestTrack>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<RubricCriterion> RubricCriteria => Set<RubricCriterion>();
    public DbSet<ContestOrganizer> ContestOrganizers => Set<ContestOrganizer>();
    public DbSet<PreviousWinner> PreviousWinners => Set<PreviousWinner>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamInvitation> TeamInvitations => Set<TeamInvitation>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<EntryMaterial> EntryMaterials => Set<EntryMaterial>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ContestJudge> ContestJudges => Set<ContestJudge>();
    public DbSet<JudgeProfile> JudgeProfiles => Set<JudgeProfile>();
    public DbSet<Conflict> Conflicts => Set<Conflict>();
    public DbSet<JudgeCompetitorException> JudgeCompetitorExceptions => Set<JudgeCompetitorException>();
    public DbSet<ReviewAssignment> ReviewAssignments => Set<ReviewAssignment>();
    public DbSet<AssignmentStamp> AssignmentStamps => Set<AssignmentStamp>();
    public DbSet<AssignmentBlock> AssignmentBlocks => Set<AssignmentBlock>();
    public DbSet<RoadshowSession> RoadshowSessions => Set<RoadshowSession>();
    public DbSet<SessionJudge> SessionJudges => Set<SessionJudge>();
    public DbSet<SessionSlot> SessionSlots => Set<SessionSlot>();
    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();
    public DbSet<ScoreCorrection> ScoreCorrections => Set<ScoreCorrection>();
    public DbSet<EntryScore> EntryScores => Set<EntryScore>();
    public DbSet<StageState> StageStates => Set<StageState>();
    public DbSet<PublicVote> PublicVotes => Set<PublicVote>();
    public DbSet<ActivityEvent> ActivityEvents => Set<ActivityEvent>();
    public DbSet<InvestorProfile> InvestorProfiles => Set<InvestorProfile>();
    public DbSet<EntryVisibility> EntryVisibilities => Set<EntryVisibility>();
    public DbSet<MeetingRequest> MeetingRequests => Set<MeetingRequest>();
    public DbSet<MeetingSlot> MeetingSlots => Set<MeetingSlot>();
    public DbSet<TrackAdvancement> TrackAdvancements => Set<TrackAdvancement>();
    public DbSet<AdvancementOutcome> AdvancementOutcomes => Set<AdvancementOutcome>();
    public DbSet<AwardPlan> AwardPlans => Set<AwardPlan>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<HonourTitle> HonourTitles => Set<HonourTitle>();
    public DbSet<TieDraw> TieDraws => Set<TieDraw>();
    public DbSet<PanelDecision> PanelDecisions => Set<PanelDecision>();
    public DbSet<RankingStamp> RankingStamps => Set<RankingStamp>();
    public DbSet<JudgeGroup> JudgeGroups => Set<JudgeGroup>();
    public DbSet<JudgeGroupMember> JudgeGroupMembers => Set<JudgeGroupMember>();
    public DbSet<EventSignup> EventSignups => Set<EventSignup>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<RankingVersion> RankingVersions => Set<RankingVersion>();
    public DbSet<PublishedRank> PublishedRanks => Set<PublishedRank>();
    public DbSet<PublishedSheet> PublishedSheets => Set<PublishedSheet>();
    public DbSet<RoundRuleChange> RoundRuleChanges => Set<RoundRuleChange>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>
    /// Entities whose <c>Version</c> is a concurrency token get a new one on every update, so a save based on a stale
    /// read fails with <see cref="DbUpdateConcurrencyException"/> instead of silently overwriting (both providers alike).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        var detecting = DetectOnce();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = DetectOnce();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Detects the save's changes once, renews versions, and turns detection off until the save ends (the returned value
    /// restores it). Each save interceptor reads the tracked entries, and each read would otherwise scan every tracked
    /// row again: eight scans of a panel's ~100 rows per group of live sheets. So whatever the interceptors change on a
    /// tracked row, they change through its entry (<c>Property(...).CurrentValue</c>), which marks it at once.
    /// </summary>
    private bool DetectOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting) ChangeTracker.DetectChanges();
        RenewVersions();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return detecting;
    }

    private void RenewVersions()
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Metadata.FindProperty("Version") is { IsConcurrencyToken: true } version && version.ClrType == typeof(Guid))
                entry.Property(version.Name).CurrentValue = Guid.NewGuid();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC on both providers; reading one back must say so, or a comparison with
        // TimeProvider.GetUtcNow() silently shifts by the server's offset.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Index filters are written once, with SQL Server's [brackets] (which SQLite also reads); PostgreSQL quotes with "".
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()))
        {
            if (index.GetFilter() is { } filter)
                index.SetFilter(System.Text.RegularExpressions.Regex.Replace(filter, @"\[(\w+)\]", "\"$1\""));
        }
    }
}
