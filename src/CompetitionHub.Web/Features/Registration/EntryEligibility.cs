using System.Text.Encodings.Web;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Eligibility;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>One rule's outcome, its message in the reader's language; pending ones wait for the organizer's check.</summary>
public sealed record RuleOutcome(string Rule, bool Passed, string Message, bool Pending = false);

public sealed record EligibilityResult(bool Eligible, IReadOnlyList<RuleOutcome> Outcomes, string? PlacementNote)
{
    /// <summary>Rules not met and not waiting for the organizer: these stop a submission.</summary>
    public IEnumerable<RuleOutcome> Failures => Outcomes.Where(o => !o.Passed && !o.Pending);

    /// <summary>Rules waiting for the organizer's check of the credit code: not met yet, but no reason to refuse.</summary>
    public IEnumerable<RuleOutcome> Awaiting => Outcomes.Where(o => o.Pending);
}

/// <summary>
/// Checks an entry against its contest: first places it by founding date where the contest says so, then evaluates
/// the rules of its track. Writes the outcome onto the entry (eligible, the report in Chinese and English for organizers,
/// the placement note, whether its credit code waits for the organizer's check); the caller saves it with the rest of
/// its change.
/// </summary>
public sealed class EntryEligibility(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<EligibilityResult> ApplyAsync(Entry entry, CancellationToken ct)
    {
        var contest = await db.Contests.Include(c => c.Tracks).AsSplitQuery().SingleAsync(c => c.Id == entry.ContestId, ct);
        // Rules such as "founded within 3 years" are judged at the registration deadline, the same day for everyone.
        var asOf = contest.RegistrationClosesAt is { } closes ? ChinaTime.DateOf(closes) : ChinaTime.Today(clock);
        var facts = FactsOf(entry);

        string? note = null;
        if (contest.Placement is { } placement && Placement.Decide(placement, facts, asOf) is { } decision
            && contest.Tracks.FirstOrDefault(x => x.Code == decision.TrackCode) is { } placed)
        {
            entry.TrackId = placed.Id;
            entry.PlacementNote = string.Format(System.Globalization.CultureInfo.InvariantCulture, decision.Message, decision.Args[0], decision.Args[1], placed.Name);
            note = t[decision.Message, decision.Args[0], decision.Args[1], placed.LocalizedName];
        }
        else
        {
            entry.PlacementNote = null;
        }

        var track = contest.Tracks.Single(x => x.Id == entry.TrackId);
        // The placement above may have moved the entry to a track with other rules, so the need is decided here.
        if (!EligibilityEvaluator.NeedsVerification(track.Eligibility, facts))
            ClearVerification(entry, CreditCodeVerification.NotNeeded);
        else if (entry.CreditCodeVerification == CreditCodeVerification.NotNeeded)
            entry.CreditCodeVerification = CreditCodeVerification.Pending;
        facts = FactsOf(entry);
        var winners = track.Eligibility.BarPreviousWinners
            ? await db.PreviousWinners.Where(w => w.ContestSlug == contest.Slug).Select(w => w.CreditCode).ToHashSetAsync(ct)
            : [];
        var verdicts = EligibilityEvaluator.Evaluate(track.Eligibility, facts, asOf, winners);

        entry.Eligible = verdicts.All(v => v.Passed);
        // The report is the outcome as judged at this moment, so it is kept in both languages rather than judged again
        // when read; organizers read it in theirs.
        var english = InEnglish(() => verdicts.Select(v => v.Localize(t)).ToList());
        entry.EligibilityReport = JsonSerializer.Serialize(
            verdicts.Select((v, i) => new { rule = v.Rule, passed = v.Passed, pending = v.Pending, message = v.ChineseText, messageEn = english[i] }), Json);
        return new EligibilityResult(entry.Eligible.Value,
            verdicts.Select(v => new RuleOutcome(v.Rule, v.Passed, v.Localize(t), v.Pending)).ToList(), note);
    }

    /// <summary>An organizer's decision holds only for the code and place it was made on; a change asks again.</summary>
    public static void ClearVerification(Entry entry, CreditCodeVerification state)
    {
        entry.CreditCodeVerification = state;
        entry.CreditCodeVerificationReason = null;
        entry.CreditCodeVerifiedAt = null;
    }

    private static T InEnglish<T>(Func<T> read)
    {
        var reader = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        try { return read(); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = reader; }
    }

    public static EligibilityFacts FactsOf(Entry entry) => new(
        entry.ApplicantType, entry.CreditCode, entry.FoundedOn, entry.AnnualRevenueYuan,
        entry.LeaderGender, entry.LeaderIsStudent, entry.LeaderGraduationYear, entry.RuralAttestation,
        entry.RegistrationProvince, entry.RegistrationDistrict, entry.CreditCodeVerification, entry.CreditCodeVerificationReason);
}
