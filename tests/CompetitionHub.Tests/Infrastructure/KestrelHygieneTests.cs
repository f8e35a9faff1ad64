using CompetitionHub.TestSupport;
using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Infrastructure;

/// <summary>What a response and the stored key ring give away, on the real server as it starts in production.</summary>
public sealed class KestrelHygieneTests(KestrelHygieneTests.Host host) : IClassFixture<KestrelHygieneTests.Host>
{
    public sealed class Host : AppFactory
    {
        public Host()
        {
            Kestrel = true;
            EnvironmentName = "Production";
        }
    }

    [Fact]
    public async Task Response_NamesNoServer_WhenServedByKestrel()
    {
        using var client = new HttpClient { BaseAddress = host.ServerAddress };

        var response = await client.GetAsync("/");

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
    }

    [Fact]
    public async Task KeyRing_IsStoredEncrypted_WithTheCertificateCreatedInTheDataFolder()
    {
        _ = host.ServerAddress;

        var keys = await host.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
        Assert.True(File.Exists(Path.Combine(host.DataPath, KeyProtection.DefaultFile)));
    }
}
