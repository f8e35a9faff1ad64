using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>Storage:UploadsPath, the folder every instance keeps uploaded files in, is checked when the app starts.</summary>
public sealed class UploadsFolderTests
{
    [Fact]
    public async Task Start_StopsWithTheReason_WhenTheSharedUploadsFolderIsNotThere()
    {
        await using var app = new AppFactory();
        // The empty mount point a share leaves when it is not mounted: the folder inside it is missing.
        var mountPoint = Path.Combine(app.DataPath, "share");
        Directory.CreateDirectory(mountPoint);
        var shared = Path.Combine(mountPoint, "uploads");
        app.With("Storage:UploadsPath", shared);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains($"Storage:UploadsPath: {shared} does not exist.", Reasons(refused));
        // Not made on this machine's disk, where no other instance would read it.
        Assert.False(Directory.Exists(shared));
    }

    [Fact]
    public async Task Start_StopsWithTheReason_WhenTheUploadsFolderCannotBeCreated()
    {
        await using var app = new AppFactory();
        // A file where the folder's parent should be.
        await File.WriteAllTextAsync(Path.Combine(app.DataPath, "not-a-folder"), "");
        app.With("Storage:UploadsPath", Path.Combine("not-a-folder", "uploads"));

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains($"Storage:UploadsPath: cannot create files in {Path.Combine(app.DataPath, "not-a-folder", "uploads")}", Reasons(refused));
    }

    private static string Reasons(Exception e)
    {
        var reasons = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            reasons.Add(inner.Message);
        return string.Join(" ", reasons);
    }
}
