// The one way a page opens a SignalR connection, loaded right after signalr.min.js.
// WebSockets only, without the negotiate request: the connection is then a single request, so a round-robin load
// balancer in front of several instances cannot send its negotiation to one instance and the connection to another.
window.liveHub = (path) => new signalR.HubConnectionBuilder()
  .withUrl(path, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });
