using System.Text.Json;
using System.Text.Json.Serialization;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Judging;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Web.Data.Seeding;

// The shapes of the JSON files in seeds/. Keys are natural (department code, contest slug + year, email),
// so loading twice finds what is there and adds nothing.

public sealed record DepartmentSeed(string Code, string Name, string NameEn);

public sealed record CriterionSeed(string Name, string NameEn, decimal MaxPoints, string? Description, string? DescriptionEn = null);

public sealed record RubricTemplateSeed(string Code, string Name, string NameEn, List<CriterionSeed> Criteria);

public sealed record TrackSeed(string Code, string Name, string NameEn, string? Description,
    List<MaterialKind>? RequiredMaterials, EligibilityRules? Eligibility);

public sealed record RoundSeed(string Name, string NameEn, RoundKind Kind, string Rubric, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    string? Description = null, string? DescriptionEn = null);

public sealed record ContestSeed(
    string Slug, string Name, string NameEn, ContestKind Kind, int EditionYear,
    string LeadDepartment, List<string> CoOrganizers, string Description, string DescriptionEn,
    string? RulesText, string? RulesTextEn,
    List<string> IndustryFields, DateTimeOffset? RegistrationOpens, DateTimeOffset? RegistrationCloses,
    int MinTeamSize, int MaxTeamSize, AutoPlacement? Placement, List<TrackSeed> Tracks, List<RoundSeed> Rounds,
    List<string>? IndustryFieldsEn = null);

public sealed record PreviousWinnerSeed(string ContestSlug, string CreditCode, string CompanyName, int Year, string? Award);

public sealed record HoldingSeed(string CompanyName, string CreditCode, HoldingKind Kind);

public sealed record JudgeProfileSeed(List<string> Expertise, string Affiliation, string? AffiliationCreditCode, string Title,
    List<HoldingSeed>? Holdings);

/// <param name="Organizes">Slugs of the contests a demo organizer is assigned to.</param>
/// <param name="Judges">Slugs of the contests whose judge pool a demo judge is in (accepted).</param>
/// <param name="Profile">A demo judge's profile.</param>
public sealed record DemoUserSeed(string Email, string Password, string DisplayName, List<string> Roles, List<string>? Organizes = null,
    List<string>? Judges = null, JudgeProfileSeed? Profile = null);

/// <summary>A demo event of an Activity Week programme; its natural key is the contest plus the title.</summary>
public sealed record ActivityEventSeed(string ContestSlug, int EditionYear, Features.ActivityWeek.ActivityEventType Type, string Title,
    string TitleEn, string Description, string DescriptionEn, string? Department, string Venue, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, int? Capacity, List<string> Tags, bool RequiresSignup, List<string>? TagsEn = null, string? VenueEn = null);

public sealed class SeedFiles(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>seeds/ is copied beside the binaries at build time.</summary>
    public static SeedFiles Default => new(Path.Combine(AppContext.BaseDirectory, "seeds"));

    public string Folder => folder;

    public Task<List<DepartmentSeed>> DepartmentsAsync(CancellationToken ct) => ReadAsync<DepartmentSeed>("departments.json", ct);
    public Task<List<RubricTemplateSeed>> RubricTemplatesAsync(CancellationToken ct) => ReadAsync<RubricTemplateSeed>("rubric-templates.json", ct);
    public Task<List<ContestSeed>> ContestsAsync(CancellationToken ct) => ReadAsync<ContestSeed>("contests.json", ct);
    public Task<List<PreviousWinnerSeed>> PreviousWinnersAsync(CancellationToken ct) => ReadAsync<PreviousWinnerSeed>("previous-winners.json", ct);
    public Task<List<ActivityEventSeed>> ActivityEventsAsync(CancellationToken ct) =>
        File.Exists(Path.Combine(folder, "activity-events.json")) ? ReadAsync<ActivityEventSeed>("activity-events.json", ct) : Task.FromResult(new List<ActivityEventSeed>());
    public Task<List<DemoUserSeed>> DemoUsersAsync(CancellationToken ct) => ReadAsync<DemoUserSeed>("demo-users.json", ct);

    private async Task<List<T>> ReadAsync<T>(string name, CancellationToken ct)
    {
        await using var stream = File.OpenRead(Path.Combine(folder, name));
        return await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, ct)
               ?? throw new InvalidDataException($"{name} is empty");
    }
}
