using CompetitionHub.TestSupport;
using CompetitionHub.Web.Data;
using Npgsql;

namespace CompetitionHub.Benchmarks;

/// <summary>
/// The databases the app-hosting benchmarks run on, side by side in one run: SQLite always (the embedded default), and
/// PostgreSQL as well when a server is named, by <c>--postgres "Host=…;Port=…;Username=…"</c> or the environment variable
/// <see cref="EnvironmentVariable"/>. Without one the PostgreSQL rows are left out and the run says so.
/// </summary>
public static class BenchmarkDatabases
{
    public const string EnvironmentVariable = "CHUB_BENCH_POSTGRES";
    private const string Argument = "--postgres";

    /// <summary>The PostgreSQL server's connection string; its Database, if any, names the throw-away databases.</summary>
    public static string? PostgreSqlServer { get; private set; } = Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static IReadOnlyList<DatabaseProvider> Providers =>
        PostgreSqlServer is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    /// <summary>Takes <c>--postgres …</c> out of the command line (BenchmarkDotNet would refuse it) and returns the rest.</summary>
    public static string[] TakeArguments(string[] args)
    {
        var i = Array.IndexOf(args, Argument);
        if (i < 0 || i + 1 >= args.Length)
            return args;
        PostgreSqlServer = args[i + 1];
        return [.. args[..i], .. args[(i + 2)..]];
    }

    public static void SayWhichDatabases()
    {
        if (PostgreSqlServer is null)
            Console.WriteLine($"// SQLite only: name a PostgreSQL server with {Argument} \"Host=…;Port=…;Username=…\" or {EnvironmentVariable} to measure it too.");
        else
            Console.WriteLine($"// SQLite and PostgreSQL ({new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Password = null }.ConnectionString}).");
    }
}

/// <summary>
/// The real app, as <see cref="AppFactory"/> starts it, on the database a benchmark asks for. On PostgreSQL it gets a
/// throw-away database of its own on <see cref="BenchmarkDatabases.PostgreSqlServer"/>: created empty (the app migrates
/// it at start, as a first install does), named after the connection string's Database (default <c>chub_bench</c>)
/// with a random suffix, and dropped when the app is disposed.
/// </summary>
public class BenchmarkApp : AppFactory
{
    private readonly string? database;
    private readonly string? server;

    /// <param name="dataPath">A data folder to start on (e.g. holding a seeded copy); it then belongs to the caller.</param>
    public BenchmarkApp(DatabaseProvider provider, string? dataPath = null) : base(dataPath)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            // The suite's switch (CHUB_TEST_DATABASE) must not turn a SQLite row into a second PostgreSQL one.
            With("Database:Provider", nameof(DatabaseProvider.Sqlite));
            return;
        }
        if (provider != DatabaseProvider.PostgreSql)
            throw new ArgumentOutOfRangeException(nameof(provider), provider, "Benchmarks run on SQLite or PostgreSQL.");
        server = BenchmarkDatabases.PostgreSqlServer
            ?? throw new InvalidOperationException($"No PostgreSQL server: pass --postgres or set {BenchmarkDatabases.EnvironmentVariable}.");
        var named = new NpgsqlConnectionStringBuilder(server);
        database = $"{(string.IsNullOrEmpty(named.Database) ? "chub_bench" : named.Database)}_{Guid.NewGuid().ToString("N")[..12]}";
        Admin($"CREATE DATABASE \"{database}\"");
        With("Database:Provider", nameof(DatabaseProvider.PostgreSql));
        With("ConnectionStrings:PostgreSql", new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    }

    public DatabaseProvider Provider { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
            Admin($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        GC.SuppressFinalize(this);
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
