using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CompetitionHub.TestSupport;

/// <summary>
/// A client reaching the app through a TLS-terminating reverse proxy, as an nginx in front of it does with
/// <c>proxy_set_header Host $host; X-Forwarded-For $proxy_add_x_forwarded_for; X-Forwarded-Proto $scheme</c>: the client
/// (and its cookie jar) sees the public https address; each request goes on to the app's real Kestrel port over plain
/// HTTP from 127.0.0.1, with the public Host, the client's address appended to X-Forwarded-For and the original scheme.
/// </summary>
public sealed class ForwardingProxy : DelegatingHandler
{
    private readonly Uri publicAddress;
    private readonly Uri app;
    private readonly string clientAddress;

    private ForwardingProxy(Uri publicAddress, Uri app, string clientAddress) : base(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        this.publicAddress = publicAddress;
        this.app = app;
        this.clientAddress = clientAddress;
    }

    /// <summary>
    /// A cookie-carrying client at <paramref name="clientAddress"/> that opens <paramref name="publicAddress"/> (say
    /// https://cy.jl.gov.cn/) and is served by the app at <paramref name="app"/> (its Kestrel address).
    /// </summary>
    public static HttpClient Client(Uri publicAddress, Uri app, string clientAddress, CookieContainer? cookies = null) =>
        new(new CookieContainerHandler(cookies ?? new CookieContainer()) { InnerHandler = new ForwardingProxy(publicAddress, app, clientAddress) })
        {
            BaseAddress = publicAddress,
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new Uri(app, original.PathAndQuery);
        request.Headers.Host = publicAddress.Authority;
        var claimed = request.Headers.TryGetValues("X-Forwarded-For", out var values) ? string.Join(", ", values) + ", " : "";
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Add("X-Forwarded-For", claimed + clientAddress);
        request.Headers.Remove("X-Forwarded-Proto");
        request.Headers.Add("X-Forwarded-Proto", original.Scheme);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            // The client's side (its cookie jar, the form reader) goes on seeing the address it asked for.
            request.RequestUri = original;
        }
    }
}
