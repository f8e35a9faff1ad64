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

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Response_IsCompressed_WhenTheBrowserAcceptsIt(string encoding)
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
            { BaseAddress = host.ServerAddress };
        using var raw = new HttpClient { BaseAddress = host.ServerAddress };

        foreach (var path in new[] { "/", "/css/site.css" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var compressed = await raw.SendAsync(request);
            var plain = await client.GetStringAsync(path);

            Assert.True(compressed.IsSuccessStatusCode, path);
            Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
            var bytes = (await compressed.Content.ReadAsByteArrayAsync()).Length;
            Assert.True(bytes * 3 < System.Text.Encoding.UTF8.GetByteCount(plain) * 2, $"{path}: {bytes} bytes compressed of {plain.Length} characters");
        }
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
