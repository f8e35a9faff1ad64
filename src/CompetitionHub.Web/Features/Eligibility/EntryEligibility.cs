using System.Text.Encodings.Web;
using System.Text.Json;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>One rule's outcome, its message in the reader's language.</summary>
public sealed record RuleOutcome(string Rule, bool Passed, string Message);

public sealed record EligibilityResult(bool Eligible, IReadOnlyList<RuleOutcome> Outcomes, string? PlacementNote)
{
    public IEnumerable<RuleOutcome> Failures => Outcomes.Where(o => !o.Passed);
}

/// <summary>
/// Checks an entry against its contest: first places it by founding date where the contest says so, then evaluates
/// the rules of its track. Writes the outcome onto the entry (eligible, the report in Chinese and English for organizers,
/// the placement note); the caller saves it with the rest of its change.
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
        var winners = track.Eligibility.BarPreviousWinners
            ? await db.PreviousWinners.Where(w => w.ContestSlug == contest.Slug).Select(w => w.CreditCode).ToHashSetAsync(ct)
            : [];
        var verdicts = EligibilityEvaluator.Evaluate(track.Eligibility, facts, asOf, winners);

        entry.Eligible = verdicts.All(v => v.Passed);
        // The report is the outcome as judged at this moment, so it is kept in both languages rather than judged again
        // when read; organizers read it in theirs.
        var english = InEnglish(() => verdicts.Select(v => v.Localize(t)).ToList());
        entry.EligibilityReport = JsonSerializer.Serialize(
            verdicts.Select((v, i) => new { rule = v.Rule, passed = v.Passed, message = v.ChineseText, messageEn = english[i] }), Json);
        return new EligibilityResult(entry.Eligible.Value,
            verdicts.Select(v => new RuleOutcome(v.Rule, v.Passed, v.Localize(t))).ToList(), note);
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
        entry.LeaderGender, entry.LeaderIsStudent, entry.LeaderGraduationYear, entry.RuralAttestation);
}
