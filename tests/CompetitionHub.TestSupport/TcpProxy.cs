using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A loopback TCP relay in front of the app, so a test can pull the network cable: <see cref="Cut"/> drops every live
/// connection and turns new ones away until <see cref="Restore"/>. Bytes are relayed untouched (HTTP, WebSockets alike).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient> live = new();
    private readonly Task accepting;
    private volatile bool cut;

    public TcpProxy(Uri target)
    {
        this.target = new IPEndPoint(IPAddress.Loopback, target.Port);
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>Where clients should connect instead of the app.</summary>
    public Uri Address { get; }

    /// <summary>Closes every relayed connection and refuses new ones (accepted, then closed at once).</summary>
    public void Cut()
    {
        cut = true;
        foreach (var (client, upstream) in live)
            Close(client, upstream);
    }

    public void Restore() => cut = false;

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (cut)
            {
                // A reset rather than a graceful close: the browser sees a refused network, not an empty answer.
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(target, stopping.Token);
            live[client] = upstream;
            if (cut) return; // cut while connecting
            var a = client.GetStream();
            var b = upstream.GetStream();
            // Either direction ending ends both: a half-open relay would keep a dead WebSocket looking alive.
            await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ended, by either side or by Cut: nothing to relay any more.
        }
        finally
        {
            Close(client, upstream);
        }
    }

    private void Close(TcpClient client, TcpClient upstream)
    {
        live.TryRemove(client, out _);
        foreach (var c in new[] { client, upstream })
        {
            try
            {
                if (c.Connected) c.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
            c.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        foreach (var (client, upstream) in live)
            Close(client, upstream);
        stopping.Dispose();
    }
}
