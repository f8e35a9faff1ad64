using Microsoft.Extensions.Caching.Memory;

namespace CompetitionHub.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins counted per address and client: after <see cref="MaxFailures"/> failures for one address from one
/// client, that client's further tries for that address are refused, unchecked, until <see cref="Window"/> after the first
/// failure. The owner on another client is not affected, so hammering an address cannot keep its owner out; a client
/// guessing across many addresses is held by the per-client rate limit on the sign-in post (RateLimitSetup.Auth).
/// Counts live in this instance's memory: behind several instances a guesser gets the allowance once per instance.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Bounded, so a flood of made-up addresses cannot grow it without end: when full, the least recently used counts go.
    private readonly MemoryCache failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public bool IsThrottled(string email, string client) =>
        failures.TryGetValue(Key(email, client), out Counter? counter) && counter!.Count >= MaxFailures;

    public void Failed(string email, string client)
    {
        var counter = failures.GetOrCreate(Key(email, client), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            entry.Size = 1;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Count);
    }

    public void Succeeded(string email, string client) => failures.Remove(Key(email, client));

    public void Dispose() => failures.Dispose();

    private static string Key(string email, string client) => email.ToUpperInvariant() + "\n" + client;

    private sealed class Counter
    {
        public int Count;
    }
}
