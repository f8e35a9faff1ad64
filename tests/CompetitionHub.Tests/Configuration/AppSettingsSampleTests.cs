using System.Reflection;
using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CompetitionHub.Tests.Configuration;

/// <summary>appsettings.sample.json is the settings reference an operator reads; a setting missing there is undocumented.</summary>
public sealed class AppSettingsSampleTests
{
    /// <summary>Keys the framework reads, which no settings class of the app declares.</summary>
    private static readonly string[] FrameworkKeys =
    [
        "ConnectionStrings:Sqlite", "ConnectionStrings:SqlServer", "ConnectionStrings:PostgreSql", "ConnectionStrings:Hangfire",
        "AllowedHosts", "Logging:LogLevel:Default",
    ];

    /// <summary>Every key of every settings class (ISettings), found by reflection, so a new setting cannot go undocumented.</summary>
    public static TheoryData<string> DocumentedKeys => [.. FrameworkKeys.Concat(typeof(ISettings).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(ISettings).IsAssignableFrom(t))
        .SelectMany(t => Keys((string)t.GetProperty(nameof(ISettings.Section))!.GetValue(null)!, t)))];

    private static IEnumerable<string> Keys(string prefix, Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType == typeof(string) || p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null
                ? [$"{prefix}:{p.Name}"]
                : p.PropertyType.IsArray || p.PropertyType.IsGenericType ? [$"{prefix}:{p.Name}:0"]
                : Keys($"{prefix}:{p.Name}", p.PropertyType));

    [Fact]
    public void DocumentedKeys_IncludeEverySettingsClass()
    {
        var keys = DocumentedKeys.Cast<object[]>().Select(row => (string)row[0]).ToList();

        Assert.Contains("RateLimits:Uploads:WindowSeconds", keys);
        Assert.Contains("Hangfire:WorkerCount", keys);
        Assert.Contains("SignalR:AllowedOrigins:0", keys);
        Assert.Contains("DataProtection:CertificatePassword", keys);
    }

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
