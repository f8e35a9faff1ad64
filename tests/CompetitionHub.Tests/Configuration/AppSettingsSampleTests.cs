using Microsoft.Extensions.Configuration;

namespace CompetitionHub.Tests.Configuration;

/// <summary>appsettings.sample.json is the settings reference an operator reads; a setting missing there is undocumented.</summary>
public sealed class AppSettingsSampleTests
{
    public static TheoryData<string> DocumentedKeys =>
    [
        "Database:Provider", "Database:StartupTimeout",
        "ConnectionStrings:Sqlite", "ConnectionStrings:SqlServer", "ConnectionStrings:PostgreSql", "ConnectionStrings:Hangfire",
        "Storage:DataPath", "Storage:UploadsPath",
        "Site:PublicBaseUrl", "Proxy:KnownProxies:0", "Proxy:KnownNetworks:0", "Proxy:ForwardLimit", "AllowedHosts",
        "Smtp:Host", "Smtp:Port", "Smtp:Security", "Smtp:Username", "Smtp:Password", "Smtp:FromAddress", "Smtp:FromName",
        "Notifications:RetryDelays:0", "Notifications:RetryHorizon", "Notifications:ClaimDuration", "Notifications:OverdueAfter",
        "Notifications:BatchSize", "Notifications:SweepCron",
        "Hangfire:Server", "Hangfire:WorkerCount",
        "SignalR:Redis", "SignalR:AllowedOrigins:0",
        "DataProtection:CertificatePath", "DataProtection:CertificatePassword",
        "Admin:Email", "Admin:Password", "Admin:DisplayName",
        "RateLimits:Auth:PermitLimit", "RateLimits:Auth:WindowSeconds",
        "Logging:LogLevel:Default",
    ];

    [Theory]
    [MemberData(nameof(DocumentedKeys))]
    public void Sample_HasAnExampleValue_ForEverySetting(string key)
    {
        var sample = new ConfigurationBuilder().AddJsonFile(SamplePath(), optional: false).Build();

        Assert.False(string.IsNullOrWhiteSpace(sample[key]), $"appsettings.sample.json has no example for {key}");
    }

    [Fact]
    public void Sample_ChoosesTheEmbeddedDefault_SoCopyingItNeedsNoServer()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(SamplePath(), optional: false).Build();

        Assert.Equal("Sqlite", sample["Database:Provider"]);
    }

    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CompetitionHub.sln")))
                return Path.Combine(dir.FullName, "appsettings.sample.json");
        }
        throw new InvalidOperationException("CompetitionHub.sln not found above the test binaries");
    }
}
