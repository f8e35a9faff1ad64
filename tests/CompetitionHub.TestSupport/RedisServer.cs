using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CompetitionHub.TestSupport;

/// <summary>A throw-away redis-server on a free loopback port, with no persistence; killed on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (tests/run.sh installs it).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
