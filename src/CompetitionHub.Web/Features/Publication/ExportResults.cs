using System.Globalization;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using CompetitionHub.Web.Features.Rankings;
using CompetitionHub.Web.Features.Review;
using CompetitionHub.Web.Features.Scoring;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Publication;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// A round's ranking (a published version, or the draft as it stands) and its full score sheets as CSV or XLSX, for
/// organizers and auditors. Files are built by <see cref="ExportEntries"/>' writers, so encoding and formula
/// neutralising are the same everywhere. Scores are written as numbers with two decimals.
/// </summary>
public sealed class ExportResults(AppDbContext db, RoundRanking ranking, IStringLocalizer<SharedResource> t)
{
    /// <param name="number">A published version number, or null for the draft computed now.</param>
    /// <remarks>
    /// Each row states its judges (panel, dropped, counted) and why it stands where it does among equal scores; the
    /// method statement follows the table (CSV: after an empty line; XLSX: its own sheet "Rules").
    /// </remarks>
    public async Task<ExportFile?> RankingAsync(int contestId, int roundId, int? number, ExportFormat format, CancellationToken ct)
    {
        var head = await HeadAsync(contestId, roundId, ct);
        if (head is null) return null;
        List<string> header = [t["组别"], t["名次"], t["并列"], t["项目编号"], t["项目名称"], t["团队"], t["企业名称"], t["得分"],
            t["评审组评委数"], t["提交评分评委数"], t["去掉评分数"], t["计入评委数"], t["决胜规则"], t["名次说明"], t["加权构成（未舍入）"], t["评委组构成（未舍入）"],
            t["评委与人气分（未舍入）"]];
        List<object?[]> rows;
        RoundRules? rules;
        if (number is { } n)
        {
            var version = await db.RankingVersions.AsNoTracking().SingleOrDefaultAsync(v => v.RoundId == roundId && v.Number == n, ct);
            if (version is null) return null;
            rules = RoundRules.FromJson(version.Rules);
            var published = await db.PublishedRanks.AsNoTracking().Where(r => r.VersionId == version.Id)
                .OrderBy(r => r.TrackOrder).ThenBy(r => r.Rank).ThenBy(r => r.EntryId).ToListAsync(ct);
            // Ranked rows first, then each group's unranked ones (rank 0), as the public page lists them.
            rows = published.OrderBy(r => r.TrackOrder).ThenBy(r => r.Rank == 0).ThenBy(r => r.Rank).ThenBy(r => r.EntryId)
                .Select(r => r.Unranked is { } reason
                    ? Unranked(Localized.Pick(r.TrackName, r.TrackNameEn), r.EntryId, r.EntryTitle, r.TeamName, r.CompanyName, r.PanelSize, r.JudgeCount, reason)
                    : Row(Localized.Pick(r.TrackName, r.TrackNameEn), r.Rank, r.Tied, r.EntryId, r.EntryTitle, r.TeamName,
                        r.CompanyName, r.ScoreHundredths, r.PanelSize, r.DroppedCount, r.JudgeCount, r.ScoreTied, r.DecidedBy, r.PartsList(), r.GroupParts(), r.JuryPart(), rules))
                .ToList();
        }
        else
        {
            var computed = await ranking.ComputeAsync(roundId, ct);
            var groups = computed?.Groups ?? [];
            rules = computed is null ? null : RoundRules.From(computed.Round, computed.EarlierRounds.Select(e => e.Round));
            var panels = computed is null ? [] : await ranking.PanelSizesAsync(computed, ct);
            var ids = groups.SelectMany(g => g.Entries.Select(e => e.EntryId).Concat(g.Unranked.Select(u => u.EntryId))).ToList();
            var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Select(e => new { e.Id, e.Title, Team = e.Team.Name, e.CompanyName }).ToDictionaryAsync(e => e.Id, ct);
            rows = groups.SelectMany(g => g.Entries.Select(e => Row(g.LocalizedName, e.Rank, e.Tied, e.EntryId,
                entries[e.EntryId].Title, entries[e.EntryId].Team, entries[e.EntryId].CompanyName ?? "", e.ScoreHundredths,
                panels.GetValueOrDefault(e.EntryId), e.DroppedCount, e.JudgeCount, e.ScoreTied, e.DecidedBy?.Token ?? "",
                [.. e.Parts.Select(p => new PublishedPart(p.RoundId, p.WeightPercent, p.ScoreHundredths?.ToString(CultureInfo.InvariantCulture)))],
                [.. e.JudgeGroupParts.Select(p => new PublishedPart(roundId, p.WeightPercent, p.ScoreHundredths?.ToString(CultureInfo.InvariantCulture))
                    { Group = computed!.Context.JudgeGroups.NumberOf(p.GroupId), Counted = p.Counted, Dropped = p.Dropped })],
                e.PublicVotes is { } votes ? new PublishedPart(roundId, computed!.Round.PublicJuryWeightPercent,
                    e.PublicJuryHundredths?.ToString(CultureInfo.InvariantCulture))
                    { Votes = votes, Judges = e.JudgesHundredths.ToString(CultureInfo.InvariantCulture) } : null,
                rules)).Concat(g.Unranked.Select(u => Unranked(Localized.Pick(g.TrackName, g.TrackNameEn), u.EntryId, entries[u.EntryId].Title,
                    entries[u.EntryId].Team, entries[u.EntryId].CompanyName ?? "", panels.GetValueOrDefault(u.EntryId), u.SheetCount, u.Reason)))).ToList();
        }
        var statement = rules is null ? [] : RulesStatement.Lines(rules, t).Select(l => new object?[] { l.Label, l.Text })
            .Append([t["规则数据（JSON）"].Value, rules.ToJson()]).ToList();
        var name = $"{head.Value.FilePrefix}-ranking-{(number is { } v2 ? "v" + v2.ToString(CultureInfo.InvariantCulture) : "draft")}";
        if (format == ExportFormat.Csv)
        {
            // The table, an empty record, then the statement as (setting, words) records.
            var all = rows.Append([]).Append([t["计分规则说明"].Value]).Concat(statement);
            return new ExportFile(ExportEntries.Csv(header, all), ExportEntries.CsvContentType, name + ".csv");
        }
        return new ExportFile(await ExportEntries.XlsxAsync(
            [new("Ranking", header, rows), new("Rules", [t["计分规则说明"], t["说明"]], statement)], ct), ExportEntries.XlsxContentType, name + ".xlsx");
    }

    /// <summary>Every sheet of the round: judge, entry, points per criterion, total, effective total, corrections, submitted time.</summary>
    public async Task<ExportFile?> SheetsAsync(int contestId, int roundId, ExportFormat format, CancellationToken ct)
    {
        var head = await HeadAsync(contestId, roundId, ct);
        if (head is null) return null;
        var criteria = Rubric.Groups(await db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct)).SelectMany(g => g).ToList();
        var trackNames = await db.ContestTracks.AsNoTracking().Where(x => x.ContestId == contestId).ToDictionaryAsync(x => x.Id, x => x.LocalizedName, ct);
        var sheets = await (from s in db.ScoreSheets.AsNoTracking()
                            join e in db.Entries on s.EntryId equals e.Id
                            join u in db.Users on s.JudgeUserId equals u.Id
                            where s.RoundId == roundId
                            orderby e.Id, u.Email
                            select new { s.Id, s.EntryId, e.Title, e.Track.Name, e.Track.NameEn, Judge = u.DisplayName, u.Email, s.Lines, s.TotalHundredths,
                                s.EffectiveTotalHundredths, s.Status, s.SubmittedAt, s.Comment }).ToListAsync(ct);
        var sheetIds = sheets.Select(s => s.Id).ToList();
        var corrections = (await db.ScoreCorrections.AsNoTracking().Where(c => sheetIds.Contains(c.SheetId)).OrderBy(c => c.RequestedAt).ToListAsync(ct))
            .ToLookup(c => c.SheetId);

        var header = new List<string> { t["评委"], t["评委邮箱"], t["项目编号"], t["项目名称"], t["组别"] };
        // A line of a track's own rubric names its track; a weighted line its weight, since the total applies it.
        header.AddRange(criteria.Select(c => (c.TrackId is { } track ? $"{trackNames.GetValueOrDefault(track)} · " : "") + c.LocalizedName
            + (c.WeightPercent is { } w ? $" ({w}%)" : "")));
        header.AddRange([t["总分"], t["有效总分"], t["更正记录"], t["状态"], t["提交时间（北京时间）"], t["评语"]]);
        var rows = sheets.Select(s =>
        {
            var points = s.Lines.ToDictionary(l => l.CriterionId, l => l.PointsHundredths);
            var row = new List<object?> { string.IsNullOrEmpty(s.Judge) ? s.Email : s.Judge, s.Email ?? "", s.EntryId, s.Title, Localized.Pick(s.Name, s.NameEn) };
            row.AddRange(criteria.Select(c => points.TryGetValue(c.Id, out var p) ? (object?)Points(p) : null));
            row.AddRange([Points(s.TotalHundredths), Points(s.EffectiveTotalHundredths),
                string.Join("; ", corrections[s.Id].Select(Describe)),
                s.Status == SheetStatus.Submitted ? t["已提交"].Value : t["草稿"].Value,
                s.SubmittedAt is null ? "" : ChinaTime.Format(s.SubmittedAt, "yyyy-MM-dd HH:mm:ss"), s.Comment]);
            return row.ToArray();
        }).ToList();
        return await FileAsync($"{head.Value.FilePrefix}-score-sheets", "Sheets", header, rows, format, ct);
    }

    private string Describe(ScoreCorrection c)
    {
        var status = c.Status switch
        {
            CorrectionStatus.Approved => t["已批准"].Value,
            CorrectionStatus.Refused => t["已驳回"].Value,
            _ => t["待审核"].Value,
        };
        return t["{0} 申请改为 {1}（{2}）：{3}", ChinaTime.Format(c.RequestedAt), Points(c.TotalHundredths).ToString("0.00", CultureInfo.InvariantCulture),
            status, c.Reason];
    }

    private object?[] Row(string track, int rank, bool tied, int entryId, string title, string team, string company, int score, int panel,
        int dropped, int counted, bool scoreTied, string decidedBy, IReadOnlyList<PublishedPart> parts, IReadOnlyList<PublishedPart> groupParts,
        PublishedPart? juryPart, RoundRules? rules) =>
        [track, rank, tied ? t["是"].Value : "", entryId, title, team, company, Points(score), panel > 0 ? panel : null, counted + dropped, dropped,
            counted, decidedBy.Length > 0 && rules is not null ? RulesStatement.Breaker(decidedBy, rules, t) : "",
            RulesStatement.RankNote(scoreTied, tied, decidedBy, rules, t),
            string.Join("; ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.RoundId}: {Unrounded(p.ScoreHundredths)} × {p.WeightPercent}%"))),
            string.Join("; ", groupParts.Select(p => t["第 {0} 组“{1}”：{2} × {3}%（计入 {4}，去掉 {5}）", p.Group!.Value,
                rules?.JudgeGroups.FirstOrDefault(g => g.Number == p.Group) is { } g ? Localized.Pick(g.Name, g.NameEn) : "",
                Unrounded(p.ScoreHundredths), p.WeightPercent, p.Counted ?? 0, p.Dropped ?? 0].Value)),
            juryPart is null ? "" : ResultParts.Jury(juryPart, t)];

    /// <summary>An entry with sheets but no rank: no rank, score or breaker; the note says why.</summary>
    private object?[] Unranked(string track, int entryId, string title, string team, string company, int panel, int scored, UnrankedReason reason) =>
        [track, null, "", entryId, title, team, company, null, panel > 0 ? panel : null, scored, null, null, "", RulesStatement.UnrankedNote(reason, t), "", "", ""];

    private string Unrounded(string? hundredths) => hundredths is null ? "—" : ResultParts.Unrounded(hundredths, t);

    private static decimal Points(int hundredths) => hundredths / 100m;

    private async Task<(string FilePrefix, string ContestName)?> HeadAsync(int contestId, int roundId, CancellationToken ct)
    {
        var head = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId && r.ContestId == contestId)
            .Select(r => new { r.Sequence, Contest = db.Contests.Where(c => c.Id == r.ContestId).Select(c => new { c.Slug, c.EditionYear, c.Name }).Single() })
            .SingleOrDefaultAsync(ct);
        return head is null ? null : ($"{head.Contest.Slug}-{head.Contest.EditionYear}-round{head.Sequence}", head.Contest.Name);
    }

    private static async Task<ExportFile> FileAsync(string name, string sheet, IReadOnlyList<string> header, List<object?[]> rows, ExportFormat format,
        CancellationToken ct) =>
        format == ExportFormat.Csv
            ? new ExportFile(ExportEntries.Csv(header, rows), ExportEntries.CsvContentType, name + ".csv")
            : new ExportFile(await ExportEntries.XlsxAsync(sheet, header, rows, ct), ExportEntries.XlsxContentType, name + ".xlsx");
}
