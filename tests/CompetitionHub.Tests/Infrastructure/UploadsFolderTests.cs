using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>Storage:UploadsPath, the folder every instance keeps uploaded files in, is checked when the app starts.</summary>
public sealed class UploadsFolderTests
{
    [Fact]
    public async Task Start_StopsWithTheReason_WhenTheUploadsFolderCannotBeCreated()
    {
        await using var app = new AppFactory();
        // A file where the folder's parent should be: as with a share that is not mounted, nothing can be created there.
        var blocker = Path.Combine(app.DataPath, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        app.With("Storage:UploadsPath", Path.Combine(blocker, "uploads"));

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        var reasons = string.Join(" ", Reasons(refused));
        Assert.Contains("Storage:UploadsPath: cannot create files in " + Path.Combine(blocker, "uploads"), reasons);
    }

    private static IEnumerable<string> Reasons(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            yield return inner.Message;
    }
}
