using CompetitionHub.Web.Features.Accounts;

namespace CompetitionHub.Web.Data.Seeding;

public static class SeedSetup
{
    /// <summary>Loads seeds/ and, in Development, prints where the app listens and who can sign in.</summary>
    public static async Task SeedAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var loader = ActivatorUtilities.CreateInstance<SeedLoader>(scope.ServiceProvider);
        await loader.LoadAsync(SeedFiles.Default, ct);
        if (loader.DemoUsers.Count == 0) return;

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var lines = loader.DemoUsers.Select(u => $"  {string.Join(",", u.Roles),-11} {u.Email,-36} {u.Password}");
            Console.WriteLine($"""

                CompetitionHub is running: {string.Join(" ", app.Urls)}
                Demo sign-ins (Development only):
                {string.Join(Environment.NewLine, lines)}

                """);
        });
    }
}
