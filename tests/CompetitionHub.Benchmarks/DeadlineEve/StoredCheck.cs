using System.Security.Cryptography;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// What the database and the uploads folder hold after the evening, against what the app acknowledged. Lost: a save
/// acknowledged whose summary is not the entry's; an upload acknowledged without its material row (by the file's SHA-256)
/// or whose file is missing from the uploads folder or differs from what was sent; a submission acknowledged whose entry is
/// not Submitted or has no confirmation mail queued for its leader. Stored without acknowledgement (a request that timed
/// out but went through) and uploads stored twice are counted too, but are not losses.
/// </summary>
public sealed record StoredCheck(int SavesLost, int UploadsLost, int SubmissionsLost, int StoredUnacknowledged, int UploadsDuplicated,
    IReadOnlyList<string> Problems)
{
    public int Lost => SavesLost + UploadsLost + SubmissionsLost;

    public static async Task<StoredCheck> RunAsync(AppFactory arranger, string uploadsPath, IReadOnlyList<VisitOutcome> visits)
    {
        var ids = visits.Select(v => v.Contestant.EntryId).ToList();
        var emails = visits.Select(v => v.Contestant.Email).ToList();
        var entries = await arranger.WithDbAsync(db => db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Summary, e.Status, e.SubmittedAt }).ToDictionaryAsync(e => e.Id));
        var materials = (await arranger.WithDbAsync(db => db.EntryMaterials.AsNoTracking().Where(m => ids.Contains(m.EntryId))
            .Select(m => new { m.EntryId, m.Sha256, m.StoredName, m.SizeBytes }).ToListAsync())).ToLookup(m => m.EntryId);
        var mailed = (await arranger.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Template == SubmitEntry.Template && emails.Contains(n.Recipient)).Select(n => n.Recipient).ToListAsync())).ToHashSet();

        int savesLost = 0, uploadsLost = 0, submissionsLost = 0, unacknowledged = 0, duplicated = 0;
        var problems = new List<string>();
        foreach (var visit in visits)
        {
            var who = $"contestant {visit.Contestant.Number} (entry {visit.Contestant.EntryId})";
            var entry = entries.GetValueOrDefault(visit.Contestant.EntryId);
            var summaryStored = entry?.Summary == visit.Summary;
            if (visit.Saved && !summaryStored)
            {
                savesLost++;
                problems.Add($"{who}: the save was acknowledged, but the entry's summary is not the one sent.");
            }

            var files = materials[visit.Contestant.EntryId].Where(m => m.Sha256 == visit.UploadSha256).ToList();
            if (files.Count > 1) duplicated++;
            if (visit.Uploaded)
            {
                if (files.Count == 0)
                {
                    uploadsLost++;
                    problems.Add($"{who}: the upload was acknowledged, but no material of the entry has its SHA-256.");
                }
                else if (files.FirstOrDefault(f => StoredFileSha256(uploadsPath, f.StoredName) == visit.UploadSha256) is null)
                {
                    uploadsLost++;
                    problems.Add($"{who}: the upload was acknowledged and recorded, but its file ({files[0].StoredName}) is missing or differs.");
                }
            }

            var submissionStored = entry is { Status: EntryStatus.Submitted, SubmittedAt: not null } && mailed.Contains(visit.Contestant.Email);
            if (visit.Submitted && !submissionStored)
            {
                submissionsLost++;
                problems.Add($"{who}: the submission was acknowledged, but the entry is {entry?.Status.ToString() ?? "gone"}" +
                    $"{(mailed.Contains(visit.Contestant.Email) ? "" : " and no confirmation mail is queued")}.");
            }

            unacknowledged += (summaryStored && !visit.Saved ? 1 : 0) + (files.Count > 0 && !visit.Uploaded ? 1 : 0)
                + (entry?.Status == EntryStatus.Submitted && !visit.Submitted ? 1 : 0);
        }
        return new StoredCheck(savesLost, uploadsLost, submissionsLost, unacknowledged, duplicated, problems);
    }

    private static string? StoredFileSha256(string uploadsPath, string storedName)
    {
        var path = Path.Combine(uploadsPath, storedName);
        if (!File.Exists(path)) return null;
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
