using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;

namespace CompetitionHub.Tests.Accounts;

/// <summary>
/// Sign-in over real Kestrel tells nobody whether an address has an account, and cannot be used to keep an account's
/// owner out: clients are told apart by their own loopback address (127.0.0.1 and 127.0.0.2), as the server sees them.
/// </summary>
public sealed class SignInDisclosureTests(SignInDisclosureTests.Host host) : IClassFixture<SignInDisclosureTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host() => Kestrel = true;
    }

    /// <summary>A client whose connections come from <paramref name="source"/>, another machine as far as the server can tell.</summary>
    private HttpClient ClientFrom(string source) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = host.ServerAddress };

    /// <summary>Times only the sign-in post, with the form's own fields, not the page load before it.</summary>
    private static async Task<double> TimeSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.FillFormAsync("/account/login", [new("Email", email), new("Password", password)]);
        var clock = Stopwatch.StartNew();
        var response = await form.SubmitAsync();
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AccountController.SignInRefused, await response.Content.ReadAsStringAsync());
        return clock.Elapsed.TotalMilliseconds;
    }

    [Fact]
    public async Task Login_TakesOverlappingTimes_ForAKnownAddressWithAWrongPasswordAndAnUnknownAddress()
    {
        const int tries = 20;
        var known = new List<string>();
        for (var i = 0; i < tries; i++)
        {
            var email = TestUsers.NewEmail("timed");
            await host.CreateUserAsync(email, "Secret123");
            known.Add(email);
        }
        using var client = ClientFrom("127.0.0.1");
        await TimeSignInAsync(client, TestUsers.NewEmail("warm-up"), "Wrong0pass");

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < tries; i++)
        {
            knownTimes.Add(await TimeSignInAsync(client, known[i], "Wrong0pass"));
            unknownTimes.Add(await TimeSignInAsync(client, TestUsers.NewEmail("nobody"), "Wrong0pass"));
        }

        // A property, not a speed limit: the two ranges overlap, so a time says nothing about which kind an address is.
        var summary = $"known {knownTimes.Min():F1}–{knownTimes.Max():F1} ms (median {Median(knownTimes):F1}), " +
                      $"unknown {unknownTimes.Min():F1}–{unknownTimes.Max():F1} ms (median {Median(unknownTimes):F1})";
        Console.WriteLine("Sign-in timings: " + summary);
        Assert.True(knownTimes.Min() <= unknownTimes.Max() && unknownTimes.Min() <= knownTimes.Max(), summary);
    }

    [Fact]
    public async Task Login_LetsTheOwnerSignInFromAnotherClient_WhenAnAttackerHammersTheAddress()
    {
        var email = TestUsers.NewEmail("hammered");
        await host.CreateUserAsync(email, "Secret123");
        using var attacker = ClientFrom("127.0.0.2");
        using var owner = ClientFrom("127.0.0.1");

        for (var i = 0; i < 3 * SignInThrottle.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync(email, $"Wrong{i}pass")).StatusCode);
        // The attacker's client is now refused even the right password, with the answer a wrong one gets.
        var attackerRight = await attacker.SignInAsync(email, "Secret123");
        Assert.Equal(HttpStatusCode.OK, attackerRight.StatusCode);
        Assert.Contains(AccountController.SignInRefused, await attackerRight.Content.ReadAsStringAsync());

        var signedIn = await owner.SignInAsync(email, "Secret123");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(email, await owner.GetStringAsync("/"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[sorted.Count / 2] + sorted[(sorted.Count - 1) / 2]) / 2;
    }
}
