using CompetitionHub.Web.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CompetitionHub.Tests.Data;

/// <summary>What one start logged, and the exception it ended with, if any.</summary>
internal sealed record DataStartResult(Exception? Error, IReadOnlyList<FakeLogRecord> Logs);

/// <summary>
/// The database part of the app's start exactly as Program runs it (AddData, then MigrateDatabaseAsync), without the web
/// host around it. <see cref="RunAsync"/> may be called again to start again on the same settings, without building the
/// model anew, so that a test can start many times over. A test's interceptor joins the way features add theirs.
/// </summary>
internal sealed class DataStart : IDisposable
{
    private readonly IHost host;

    private DataStart(IReadOnlyDictionary<string, string?> settings, IInterceptor? interceptor)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFakeLogging();
        builder.AddData();
        if (interceptor is not null)
            builder.Services.AddSingleton(interceptor);
        host = builder.Build();
    }

    public static DataStart Create(IReadOnlyDictionary<string, string?> settings, IInterceptor? interceptor = null) => new(settings, interceptor);

    public static DataStart Sqlite(string dataPath, IInterceptor? interceptor = null) => new(
        new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Storage:DataPath"] = dataPath }, interceptor);

    public async Task<DataStartResult> RunAsync()
    {
        var logs = host.Services.GetFakeLogCollector();
        logs.Clear();
        Exception? error = null;
        try
        {
            await host.Services.MigrateDatabaseAsync();
        }
        catch (Exception e)
        {
            error = e;
        }
        return new DataStartResult(error, logs.GetSnapshot());
    }

    public void Dispose() => host.Dispose();
}
