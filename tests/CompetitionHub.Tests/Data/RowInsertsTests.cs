using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Data;

/// <summary>
/// Rows written with one multi-row INSERT must be the rows SaveChanges would have written: found by the same queries
/// (Guid, enum and date columns compared in SQL, not only read back), each given the key the database chose.
/// </summary>
public sealed class RowInsertsTests(RowInsertsTests.Host host) : IClassFixture<RowInsertsTests.Host>
{
    public sealed class Host : AppFactory;

    private static readonly DateTime At = new(2026, 11, 25, 2, 30, 15, 250, DateTimeKind.Utc);

    // More rows than one statement holds (2,000 parameters over a sheet's 13 columns), so the rows go in three statements.
    private const int Rows = 320;

    private static List<ScoreSheet> Sheets(int roundId) => [.. Enumerable.Range(0, Rows).Select(i => new ScoreSheet
    {
        RoundId = roundId,
        EntryId = i,
        JudgeUserId = $"judge-{i}",
        SubmissionId = Guid.NewGuid(),
        Status = i % 2 == 0 ? SheetStatus.Submitted : SheetStatus.Draft,
        Lines = [new ScoreLine { CriterionId = 7, PointsHundredths = i * 50 }, new ScoreLine { CriterionId = 8, PointsHundredths = 1000 }],
        TotalHundredths = i * 50 + 1000,
        EffectiveTotalHundredths = i * 50 + 1000,
        Comment = i % 3 == 0 ? "" : $"评语 “{i}” it's",
        CreatedAt = At.AddSeconds(i),
        UpdatedAt = At.AddSeconds(i + 1),
        SubmittedAt = i % 2 == 0 ? At.AddMinutes(i) : null,
    })];

    [Fact]
    public async Task InsertAsync_WritesWhatSaveChangesWrites_AndAnswersEachRowsKey_WhenTheRowsNeedSeveralStatements()
    {
        var (inserted, saved) = (Random.Shared.Next(1_000_000, int.MaxValue), Random.Shared.Next(1_000_000, int.MaxValue));
        var rows = Sheets(inserted);
        var twins = Sheets(saved);

        var keys = await host.WithDbAsync(db => db.SaveAtomicallyAsync(ct => db.InsertAsync(rows, s => s.Id, s => s.SubmissionId, ct), CancellationToken.None));
        await host.WithDbAsync(async db =>
        {
            db.ScoreSheets.AddRange(twins);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(Rows, keys.Count);
        var read = await host.WithDbAsync(db => db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == inserted).ToDictionaryAsync(s => s.SubmissionId));
        var readTwins = await host.WithDbAsync(db => db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == saved).ToDictionaryAsync(s => s.EntryId));
        for (var i = 0; i < Rows; i++)
        {
            var (row, twin) = (read[rows[i].SubmissionId], readTwins[i]);
            Assert.Equal(keys[rows[i].SubmissionId], row.Id);
            Assert.Equal(
                (twin.EntryId, twin.JudgeUserId, twin.Status, twin.TotalHundredths, twin.EffectiveTotalHundredths, twin.Comment, twin.CreatedAt, twin.UpdatedAt, twin.SubmittedAt, twin.Version),
                (row.EntryId, row.JudgeUserId, row.Status, row.TotalHundredths, row.EffectiveTotalHundredths, row.Comment, row.CreatedAt, row.UpdatedAt, row.SubmittedAt, rows[i].Version == row.Version ? twins[i].Version : Guid.Empty));
            Assert.Equal(twin.Lines.Select(l => (l.CriterionId, l.PointsHundredths)), row.Lines.Select(l => (l.CriterionId, l.PointsHundredths)));
        }

        // Compared in SQL, as the app's own queries compare them: a value stored in another format would not be found.
        var probe = rows[Rows / 2];
        Assert.Equal(keys[probe.SubmissionId],
            await host.WithDbAsync(db => db.ScoreSheets.Where(s => s.SubmissionId == probe.SubmissionId).Select(s => s.Id).SingleAsync()));
        foreach (var round in new[] { inserted, saved })
        {
            Assert.Equal(Rows / 2, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == round && s.Status == SheetStatus.Submitted)));
            Assert.Equal(Rows / 2 - 10, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == round && s.SubmittedAt > At.AddMinutes(18))));
            Assert.Equal(40, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == round && s.CreatedAt >= At && s.CreatedAt < At.AddSeconds(40))));
        }
    }

    [Fact]
    public async Task InsertAsync_WritesNothing_WhenOneRowBreaksAUniqueIndex()
    {
        var roundId = Random.Shared.Next(1_000_000, int.MaxValue);
        var rows = Sheets(roundId);
        rows[Rows - 1].SubmissionId = rows[0].SubmissionId;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.WithDbAsync(db =>
            db.SaveAtomicallyAsync(ct => db.InsertAsync(rows, s => s.Id, s => s.SubmissionId, ct), CancellationToken.None)));

        Assert.Equal(DatabaseError.UniqueViolation, error.Classify());
        Assert.Equal(0, await host.WithDbAsync(db => db.ScoreSheets.CountAsync(s => s.RoundId == roundId)));
    }
}
