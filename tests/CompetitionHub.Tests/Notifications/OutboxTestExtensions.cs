using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.Tests.Notifications;

/// <summary>What a use case does (Outbox.Queue + its own SaveChanges) and what the tests look at afterwards.</summary>
internal static class OutboxTestExtensions
{
    public static async Task<Notification> QueueAsync(this AppFactory host, string to, string? toName, string template,
        string culture, object model, DateTime? dueAt = null, string? reference = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var notification = scope.ServiceProvider.GetRequiredService<Outbox>()
            .Queue(to, toName, template, culture, model, dueAt, reference);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return notification;
    }

    public static async Task<List<Notification>> QueueManyAsync(this AppFactory host, int count, string prefix)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var rows = Enumerable.Range(1, count)
            .Select(i => outbox.Queue($"{prefix}{i}@example.com", $"{prefix} {i}", "account-confirm", "en",
                new { displayName = $"{prefix} {i}", link = $"https://hub.example/confirm/{prefix}/{i}" }))
            .ToList();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return rows;
    }

    public static Task<Notification> FindRowAsync(this AppFactory host, long id) =>
        host.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    /// <summary>Polls the row until the background sender has brought it to the wanted state (30 s unless told).</summary>
    public static async Task<Notification> WaitForRowAsync(this AppFactory host, long id, Func<Notification, bool> condition,
        string description, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            var row = await host.FindRowAsync(id);
            if (condition(row))
                return row;
            try
            {
                await Task.Delay(50, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Notification {id} did not become '{description}' within {limit.TotalSeconds:0} s: " +
                    $"status {row.Status}, {row.Attempts} attempt(s), last error '{row.LastError}'.");
            }
        }
    }

    /// <summary>Runs the sender job once in its own scope, as a Hangfire worker would.</summary>
    public static async Task<int> RunSenderAsync(this AppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendDueNotifications>().RunAsync(CancellationToken.None);
    }
}
