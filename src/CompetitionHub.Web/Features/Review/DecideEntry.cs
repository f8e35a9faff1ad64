using System.ComponentModel.DataAnnotations;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Audit;
using CompetitionHub.Web.Features.Notifications;
using CompetitionHub.Web.Features.Registration;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Review;

public enum Decision { Approve, Reject, RequestChanges }

/// <summary>The decision form on an entry's page; <see cref="Version"/> is the entry's version when the page was drawn.</summary>
public sealed record DecisionForm : IValidatableObject
{
    [Required(ErrorMessage = "请选择审核结果。")]
    public Decision? Decision { get; init; }

    [StringLength(DecideEntry.MaxReasonLength, ErrorMessage = "理由不能超过 {1} 个字符。")]
    public string? Reason { get; init; }

    public Guid? Version { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context) => DecideEntry.Check(Decision, Reason, context);
}

/// <summary>The same decision for several entries of one contest, chosen with the list's checkboxes.</summary>
public sealed record BulkDecisionForm : IValidatableObject
{
    [Required(ErrorMessage = "请选择审核结果。")]
    public Decision? Decision { get; init; }

    [StringLength(DecideEntry.MaxReasonLength, ErrorMessage = "理由不能超过 {1} 个字符。")]
    public string? Reason { get; init; }

    public List<int> Ids { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Ids.Count == 0)
            yield return new ValidationResult(context.GetRequiredService<IStringLocalizer<SharedResource>>()["请至少选择一个项目。"], [nameof(Ids)]);
        foreach (var result in DecideEntry.Check(Decision, Reason, context))
            yield return result;
    }
}

public sealed record BulkDecisionResult(int Done, int Skipped, string Message);

/// <summary>
/// An organizer approves, rejects or sends back an entry. Only a submitted entry can be decided; sending it back lets
/// the team change it and submit again, which brings it back here. The new status, the audit record and the email to
/// the team are stored by one SaveChanges, so none of them exists without the others.
/// </summary>
public sealed class DecideEntry(AppDbContext db, AuditLog audit, Outbox outbox, TimeProvider clock,
    IStringLocalizer<SharedResource> t, ILogger<DecideEntry> logger)
{
    public const int MaxReasonLength = 2000;
    // AuditEntry.Reason is shorter than a decision reason; the full text stays in the record's "after" state.
    private const int MaxAuditReasonLength = 1000;

    public const string ApprovedTemplate = "entry-approved";
    public const string RejectedTemplate = "entry-rejected";
    public const string ChangesRequestedTemplate = "entry-changes-requested";

    public static bool NeedsReason(Decision? decision) => decision is Decision.Reject or Decision.RequestChanges;

    /// <summary>The rules both decision forms share. A number posted by hand binds to an undefined enum value; it is refused here.</summary>
    internal static IEnumerable<ValidationResult> Check(Decision? decision, string? reason, ValidationContext context)
    {
        var t = context.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (decision is { } d && !Enum.IsDefined(d))
            yield return new ValidationResult(t["请选择审核结果。"], [nameof(DecisionForm.Decision)]);
        else if (NeedsReason(decision) && string.IsNullOrWhiteSpace(reason))
            yield return new ValidationResult(t["不通过或退回修改时必须填写理由。"], [nameof(DecisionForm.Reason)]);
    }

    /// <param name="expectedVersion">The version the organizer saw; another decision since then is a conflict, not an overwrite.</param>
    /// <param name="entryLink">The contestant's page of an entry, as an absolute link for the email.</param>
    public async Task<SetupResult> HandleAsync(int entryId, Decision decision, string? reason, Guid? expectedVersion,
        Func<int, string> entryLink, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null) return SetupResult.Missing(t["未找到该项目。"]);
        if (expectedVersion is { } seen && seen != entry.Version) return Conflict();
        if (entry.Status != EntryStatus.Submitted)
            return SetupResult.Fail(t["只有待审核的项目可以审核，该项目当前状态为“{0}”。", t[EntryStatusLabels.Name(entry.Status)]]);

        // Approving would pass a credit code nobody has checked against the licence.
        if (decision == Decision.Approve && entry.CreditCodeVerification == Eligibility.CreditCodeVerification.Pending)
            return SetupResult.Fail(t["“{0}”的统一社会信用代码待核验：请先对照营业执照确认或驳回，再审核通过。", entry.Title]);

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > MaxReasonLength) reason = reason[..MaxReasonLength];
        var before = entry.Status;
        var (status, action, template) = decision switch
        {
            Decision.Approve => (EntryStatus.Approved, "approve", ApprovedTemplate),
            Decision.Reject => (EntryStatus.Rejected, "reject", RejectedTemplate),
            Decision.RequestChanges => (EntryStatus.ChangesRequested, "request-changes", ChangesRequestedTemplate),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Not a decision."),
        };
        entry.Status = status;
        entry.DecisionReason = reason;
        entry.DecidedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(entry.ContestId, ShowEntry.AuditEntityType, entry.Id, action,
            new { status = before.ToString() }, new { status = status.ToString(), reason },
            reason is { Length: > MaxAuditReasonLength } ? reason[..MaxAuditReasonLength] : reason);
        await QueueEmailsAsync(entry, template, reason, entryLink(entry.Id), ct);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.Classify() == DatabaseError.VersionConflict)
        {
            // Someone else saved the entry between our read and our write: nothing of ours was stored.
            db.ChangeTracker.Clear();
            return Conflict();
        }
        logger.LogInformation("Entry {EntryId} decided {Decision} (was {Before})", entry.Id, decision, before);
        return SetupResult.Done(entry.Id, t["已将“{0}”标记为“{1}”。", entry.Title, t[EntryStatusLabels.Name(status)]]);
    }

    /// <summary>
    /// Each entry is decided on its own as above; those no longer waiting (decided meanwhile, withdrawn, drafts) are
    /// skipped and counted. Only entries of <paramref name="contestId"/> are touched, whatever ids were posted.
    /// </summary>
    public async Task<BulkDecisionResult> HandleManyAsync(int contestId, IReadOnlyCollection<int> entryIds, Decision decision,
        string? reason, Func<int, string> entryLink, CancellationToken ct)
    {
        var wanted = entryIds.Distinct().Take(1000).ToList();
        var inContest = await db.Entries.Where(e => e.ContestId == contestId && wanted.Contains(e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        var done = 0;
        foreach (var id in inContest)
        {
            var result = await HandleAsync(id, decision, reason, expectedVersion: null, entryLink, ct);
            if (result.Succeeded) done++;
            // Each entry is its own unit: what one left tracked must not ride along with the next one's save.
            db.ChangeTracker.Clear();
        }
        var skipped = wanted.Count - done;
        return new(done, skipped, t["已处理 {0} 个项目，跳过 {1} 个（不在待审核状态、不属于本赛事或信用代码待核验）。", done, skipped]);
    }

    private SetupResult Conflict() =>
        SetupResult.Stale(t["该项目刚被其他组织者处理过，请查看最新状态后再决定。"]);

    /// <summary>The team leader, and the entry's contact person when that is another address, each in their own language.</summary>
    private async Task QueueEmailsAsync(Entry entry, string template, string? reason, string link, CancellationToken ct)
    {
        var leader = await db.TeamMembers.Where(m => m.TeamId == entry.TeamId && m.IsLeader)
            .Select(m => m.User).FirstOrDefaultAsync(ct);
        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (leader?.Email is { Length: > 0 } leaderEmail)
        {
            Queue(leaderEmail, leader.DisplayName, leader.PreferredCulture);
            sent.Add(leaderEmail);
        }

        var contact = entry.ContactEmail.Trim();
        if (contact.Length > 0 && !sent.Contains(contact))
        {
            var normalized = contact.ToUpperInvariant();
            var account = await db.Users.Where(u => u.NormalizedEmail == normalized)
                .Select(u => new { u.DisplayName, u.PreferredCulture }).FirstOrDefaultAsync(ct);
            Queue(contact, entry.ContactName.Length > 0 ? entry.ContactName : account?.DisplayName ?? contact,
                account?.PreferredCulture ?? leader?.PreferredCulture ?? EmailTemplates.DefaultCulture);
        }

        void Queue(string to, string name, string culture)
        {
            var english = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var contestName = english && entry.Contest.NameEn.Length > 0 ? entry.Contest.NameEn : entry.Contest.Name;
            outbox.Queue(to, name, template, culture, new
            {
                displayName = name,
                contestName,
                entryTitle = entry.Title,
                reason = reason ?? "",
                link,
            });
        }
    }
}
