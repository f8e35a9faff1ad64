using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every message it accepts, parsed with MimeKit.
/// It can be stopped and started again on the same port, to play a mail server that goes away and comes back, and
/// made to answer as real relays do when something is wrong: a recipient refused (550 5.1.1, or any reply), the
/// sender refused on MAIL FROM for a while (554 quota exceeded), messages refused after DATA, or one message held
/// after DATA with no answer, as a server that stalls while the sender's process dies.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<MimeMessage> messages = [];
    private readonly ConcurrentDictionary<string, SmtpResponse> refusedRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<SmtpResponse> refusedMessages = new();
    private SmtpResponse? senderRefusal;
    private DateTimeOffset senderRefusedUntil;
    private int senderRefusals;
    private int messagesToStallAfter = -1;
    private Stall? stall;
    private TaskCompletionSource arrived = NewSignal();
    private CancellationTokenSource? stopping;
    private Task? running;

    private SmtpListener(int port) => Port = port;

    public string Host => "127.0.0.1";
    public int Port { get; }
    public bool IsListening => running is not null;

    /// <summary>From now on the server refuses this address at RCPT TO with 550 5.1.1, as a mailbox that does not exist.</summary>
    public void Reject(string address) =>
        RefuseRecipient(address, SmtpReplyCode.MailboxUnavailable, $"5.1.1 <{address}>: Recipient address rejected: User unknown");

    /// <summary>From now on the server answers RCPT TO for this address with <paramref name="code"/> and <paramref name="text"/>.</summary>
    public void RefuseRecipient(string address, SmtpReplyCode code, string text) => refusedRecipients[address] = new SmtpResponse(code, text);

    /// <summary>The mailbox exists again (or its trouble passed): RCPT TO for it is accepted.</summary>
    public void Accept(string address) => refusedRecipients.TryRemove(address, out _);

    /// <summary>
    /// For the next <paramref name="period"/> every MAIL FROM gets <paramref name="code"/> (554 unless told), as a relay
    /// whose sending quota is used up answers, e.g. "554 5.7.1 sending quota exceeded".
    /// </summary>
    public void RefuseSender(TimeSpan period, SmtpReplyCode code = SmtpReplyCode.TransactionFailed, string text = "5.7.1 Sending quota exceeded, try again later")
    {
        lock (gate)
        {
            senderRefusal = new SmtpResponse(code, text);
            senderRefusedUntil = DateTimeOffset.UtcNow + period;
        }
    }

    /// <summary>How many MAIL FROM commands were refused so far.</summary>
    public int SenderRefusals => Volatile.Read(ref senderRefusals);

    /// <summary>The next <paramref name="count"/> messages are refused after DATA with <paramref name="code"/> and <paramref name="text"/>.</summary>
    public void RefuseMessages(int count, SmtpReplyCode code, string text)
    {
        lock (gate)
            for (var i = 0; i < count; i++)
                refusedMessages.Enqueue(new SmtpResponse(code, text));
    }

    /// <summary>
    /// After <paramref name="accepted"/> more messages are accepted, the next one is held after its DATA with no reply until
    /// <see cref="Stall.Release"/>: a server that is slow to answer, or a sender that dies waiting for the answer.
    /// </summary>
    public Stall StallAfter(int accepted)
    {
        lock (gate)
        {
            messagesToStallAfter = accepted;
            return stall = new Stall(this);
        }
    }

    /// <summary>One message held after DATA.</summary>
    public sealed class Stall(SmtpListener owner)
    {
        private readonly TaskCompletionSource<MimeMessage> reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with the held message once its DATA has arrived.</summary>
        public Task<MimeMessage> Reached => reached.Task;

        /// <summary>
        /// Ends the hold: the message is kept (the server accepted it, even if the sender is gone by now and never
        /// hears so) or refused with 451.
        /// </summary>
        public void Release(bool accept)
        {
            if (released.TrySetResult(accept) && accept && reached.Task.IsCompletedSuccessfully)
                owner.Add(reached.Task.Result);
        }

        internal async Task<bool> HoldAsync(MimeMessage message, CancellationToken ct)
        {
            reached.TrySetResult(message);
            return await released.Task.WaitAsync(ct);
        }
    }

    /// <summary>Every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get { lock (gate) return [.. messages]; }
    }

    /// <summary>Starts a listener on a free loopback port.</summary>
    public static async Task<SmtpListener> StartNewAsync()
    {
        var listener = new SmtpListener(FreePort());
        await listener.StartAsync();
        return listener;
    }

    /// <summary>Listens on <see cref="Port"/>; returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        if (running is not null)
            throw new InvalidOperationException("The SMTP listener is already running.");
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new NoDelayListenerFactory(listening));

        stopping = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        running = Task.Run(() => server.StartAsync(stopping.Token));
        // Either the socket is bound, or starting failed and that task carries the reason.
        var first = await Task.WhenAny(listening.Task, running);
        if (first == running)
        {
            running = null;
            await first;
            throw new InvalidOperationException($"The SMTP listener on port {Port} stopped while starting.");
        }
    }

    /// <summary>Stops accepting connections and drops open sessions; the port is free for <see cref="StartAsync"/> again.</summary>
    public async Task StopAsync()
    {
        if (running is null || stopping is null)
            return;
        await stopping.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
        stopping = null;
        running = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (30 s unless told), then returns them all.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(_ => true, count, timeout);

    /// <summary>Waits until at least <paramref name="count"/> arrived messages match, then returns the matching ones.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                var found = messages.Where(match).ToList();
                if (found.Count >= count)
                    return found;
                signal = arrived.Task;
            }
            try
            {
                await signal.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                var received = Messages;
                var matching = received.Count(match);
                throw new TimeoutException(
                    $"Expected {count} matching message(s) at smtp://{Host}:{Port} within {limit.TotalSeconds:0} s, but {matching} of " +
                    $"{received.Count} arrived message(s) matched" +
                    (received.Count == 0 ? "." : ": " + string.Join(", ", received.Select(m => $"<{m.MessageId}> \"{m.Subject}\""))));
            }
        }
    }

    public void Clear()
    {
        lock (gate)
            messages.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Add(MimeMessage message)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            messages.Add(message);
            signal = arrived;
            arrived = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private sealed class Store(SmtpListener owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Stall? held = null;
            lock (owner.gate)
            {
                if (owner.refusedMessages.TryDequeue(out var refusal))
                    return refusal;
                if (owner.stall is not null && owner.messagesToStallAfter-- == 0)
                    (held, owner.stall) = (owner.stall, null);
            }
            if (held is not null)
            {
                return await held.HoldAsync(message, cancellationToken)
                    ? SmtpResponse.Ok
                    : new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 Try again later");
            }
            owner.Add(message);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpListener owner) : MailboxFilter
    {
        public override Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            SmtpResponse? refusal;
            lock (owner.gate)
                refusal = DateTimeOffset.UtcNow < owner.senderRefusedUntil ? owner.senderRefusal : null;
            if (refusal is not null)
            {
                Interlocked.Increment(ref owner.senderRefusals);
                throw new SmtpResponseException(refusal);
            }
            return Task.FromResult(true);
        }

        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            owner.refusedRecipients.TryGetValue($"{to.User}@{to.Host}", out var refusal)
                ? throw new SmtpResponseException(refusal)
                : Task.FromResult(true);
    }

    /// <summary>
    /// Accepts connections with Nagle off: MailKit pipelines its commands, and with Nagle each reply would sit
    /// waiting for the client's delayed ACK (~40 ms per message).
    /// </summary>
    private sealed class NoDelayListenerFactory(TaskCompletionSource listening) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var tcp = new TcpListener(endpointDefinition.Endpoint);
            // Restarting on the same port must not wait for the previous sockets' TIME_WAIT.
            tcp.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            tcp.Start();
            listening.TrySetResult();
            return new NoDelayListener(tcp);
        }
    }

    private sealed class NoDelayListener(TcpListener tcp) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await tcp.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = tcp.LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            return new PlainPipe(client);
        }

        public void Dispose() => tcp.Stop();
    }

    /// <summary>The connection as pipes. No certificate is configured, so STARTTLS is never offered nor upgraded to.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The test SMTP listener does not offer TLS.");

        public void Dispose()
        {
            Input.Complete();
            Output.Complete();
            client.Dispose();
        }
    }
}
