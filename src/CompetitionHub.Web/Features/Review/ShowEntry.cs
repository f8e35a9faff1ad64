using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Review;

public sealed record MemberRow(string DisplayName, string Email, bool IsLeader);

public sealed record MaterialRow(int Id, MaterialKind Kind, string FileName, long SizeBytes, DateTime UploadedAt);

public sealed record RuleOutcome(string Rule, bool Passed, string Message, bool Pending = false);

/// <summary>
/// The credit code's check as the organizer sees it: its state and reason, the character GB 32100 expects when the
/// code's own disagrees, and the province the code was first registered in when that is not the one stated.
/// </summary>
public sealed record CreditCodeCheck(
    CreditCodeVerification State,
    string? Reason,
    DateTime? At,
    char? ExpectedCheckCharacter,
    string? FirstRegisteredProvince,
    bool HasLicence);

public sealed record HistoryRow(DateTime At, string? UserName, string Action, string? Reason);

public sealed record EntryDetails(
    int Id,
    int ContestId,
    string ContestName,
    string TrackName,
    string TeamName,
    string Title,
    string Summary,
    string Industry,
    ApplicantType ApplicantType,
    string? CompanyName,
    string? CreditCode,
    string? RegistrationProvince,
    string? RegistrationDistrict,
    CreditCodeCheck CreditCodeCheck,
    DateOnly? FoundedOn,
    long? AnnualRevenueYuan,
    Gender? LeaderGender,
    bool LeaderIsStudent,
    int? LeaderGraduationYear,
    bool RuralAttestation,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    EntryStatus Status,
    string? DecisionReason,
    DateTime? DecidedAt,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    bool? Eligible,
    IReadOnlyList<RuleOutcome> EligibilityReport,
    string? PlacementNote,
    Guid Version,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<MaterialRow> Materials,
    IReadOnlyList<HistoryRow> History);

/// <summary>Everything an organizer needs to decide on one entry, in one read.</summary>
public sealed class ShowEntry(AppDbContext db)
{
    public const string AuditEntityType = "Entry";

    /// <summary>The contest an entry belongs to, so access is checked before anything else is read.</summary>
    public Task<int?> ContestOfAsync(int entryId, CancellationToken ct) =>
        db.Entries.Where(e => e.Id == entryId).Select(e => (int?)e.ContestId).SingleOrDefaultAsync(ct);

    public async Task<EntryDetails?> HandleAsync(int id, CancellationToken ct)
    {
        var e = await db.Entries.AsNoTracking()
            .Include(x => x.Contest).Include(x => x.Track).Include(x => x.Team).Include(x => x.Materials)
            .AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;

        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == e.TeamId)
            .OrderByDescending(m => m.IsLeader).ThenBy(m => m.JoinedAt)
            .Select(m => new MemberRow(m.User.DisplayName, m.User.Email ?? "", m.IsLeader))
            .ToListAsync(ct);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == AuditEntityType && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new HistoryRow(a.At, a.UserName, a.Action, a.Reason))
            .ToListAsync(ct);
        var materials = e.Materials.OrderBy(m => m.Kind).ThenBy(m => m.Id)
            .Select(m => new MaterialRow(m.Id, m.Kind, m.FileName, m.SizeBytes, m.UploadedAt)).ToList();

        return new EntryDetails(e.Id, e.ContestId, e.Contest.LocalizedName, e.Track.LocalizedName, e.Team.Name, e.Title, e.Summary,
            e.Contest.IndustryNames().Show(e.Industry), e.ApplicantType, e.CompanyName, e.CreditCode, e.RegistrationProvince, e.RegistrationDistrict, CheckOf(e), e.FoundedOn, e.AnnualRevenueYuan, e.LeaderGender,
            e.LeaderIsStudent, e.LeaderGraduationYear, e.RuralAttestation, e.ContactName, e.ContactPhone, e.ContactEmail,
            e.Status, e.DecisionReason, e.DecidedAt, e.CreatedAt, e.SubmittedAt, e.Eligible, ParseReport(e.EligibilityReport),
            e.PlacementNote, e.Version, members, materials, history);
    }

    private static CreditCodeCheck CheckOf(Entry e) => new(
        e.CreditCodeVerification, e.CreditCodeVerificationReason, e.CreditCodeVerifiedAt,
        Eligibility.CreditCode.Check(e.CreditCode) == CreditCodeProblem.WrongCheckCharacter ? Eligibility.CreditCode.ExpectedCheckCharacter(e.CreditCode!) : null,
        e.ApplicantType == ApplicantType.Enterprise ? EligibilityEvaluator.RegionDisagreement(e.CreditCode, e.RegistrationProvince) : null,
        e.Materials.Any(m => m.Kind == MaterialKind.BusinessLicence));

    /// <summary>
    /// The eligibility engine writes its rule outcomes as JSON. Only the shape this page understands is shown (an array of
    /// objects with rule, passed and message); anything else shows nothing rather than a broken page.
    /// </summary>
    public static IReadOnlyList<RuleOutcome> ParseReport(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return [];
            var outcomes = new List<RuleOutcome>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) return [];
                if (Property(item, "rule") is not { ValueKind: JsonValueKind.String } rule
                    || Property(item, "passed") is not { ValueKind: JsonValueKind.True or JsonValueKind.False } passed)
                    return [];
                // Reports written before the English text was kept have the Chinese one only.
                var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
                    && Property(item, "messageEn") is { ValueKind: JsonValueKind.String } en ? en.GetString() : null;
                var message = english ?? (Property(item, "message") is { ValueKind: JsonValueKind.String } m ? m.GetString() ?? "" : "");
                var pending = Property(item, "pending") is { ValueKind: JsonValueKind.True };
                outcomes.Add(new RuleOutcome(rule.GetString() ?? "", passed.GetBoolean(), message, pending));
            }
            return outcomes;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Property names compared without case: the engine may write "Rule" or "rule".</summary>
    private static JsonElement? Property(JsonElement item, string name)
    {
        foreach (var p in item.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value;
        }
        return null;
    }
}
