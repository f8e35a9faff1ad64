// The one way a page keeps a live SignalR connection, loaded right after signalr.min.js and before the page's own script:
// live.connect(path, { on, ready, label, hideWhenConnected }) builds the connection, starts it, keeps it up and shows its
// state in the page's #liveIndicator.
// WebSockets only, without the negotiate request: the connection is then a single request, so a round-robin load
// balancer in front of several instances cannot send its negotiation to one instance and the connection to another.
(() => {
  if (!window.signalR) return;

  // Quick at first (a blip, an instance restarting), then no more often than every 30 s.
  const reconnectDelays = [0, 1000, 2000, 5000, 10000, 10000, 30000];
  // After the automatic reconnect gave up, or when a first start failed (server restarting, say).
  const restartDelay = 5000;
  const badges = { connected: "text-bg-success", reconnecting: "text-bg-warning", disconnected: "text-bg-danger" };

  const hub = (path) => new signalR.HubConnectionBuilder()
    .withUrl(path, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });

  // data-state for the page's styles; the text from the indicator's data-label-<state> unless the page words it itself;
  // a Bootstrap badge takes the state's colour. A page showing an audience (the big screen) shows only trouble.
  const indicatorFor = (label, hideWhenConnected) => (state) => {
    const indicator = document.getElementById("liveIndicator");
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = (label ? label(state) : indicator.getAttribute(`data-label-${state}`)) ?? state;
    if (indicator.classList.contains("badge")) {
      indicator.classList.remove(...[...indicator.classList].filter((c) => c.startsWith("text-bg-")));
      indicator.classList.add(badges[state] ?? "text-bg-secondary");
    }
    if (hideWhenConnected) indicator.hidden = state === "connected";
  };

  // on: { eventName: handler }. ready(connection) runs after every start and reconnect, before the page shows itself
  // connected: that is where a page joins its group or fetches what broadcasts it missed while away. If ready fails,
  // the connection is dropped and started again rather than left looking connected while hearing nothing.
  const connect = (path, { on = {}, ready = async () => {}, label = null, hideWhenConnected = false } = {}) => {
    const show = indicatorFor(label, hideWhenConnected);
    const connection = hub(path).withAutomaticReconnect(reconnectDelays).build();
    for (const [name, handler] of Object.entries(on)) connection.on(name, handler);

    let restartTimer = null;
    const restartLater = () => {
      if (restartTimer) return;
      restartTimer = setTimeout(() => { restartTimer = null; start(); }, restartDelay);
    };
    const up = async () => {
      try {
        await ready(connection);
        show("connected");
      } catch {
        show("reconnecting");
        connection.stop();
      }
    };
    const start = async () => {
      try {
        await connection.start();
      } catch {
        show("disconnected");
        restartLater();
        return;
      }
      await up();
    };

    connection.onreconnecting(() => show("reconnecting"));
    connection.onreconnected(up);
    connection.onclose(() => {
      show("disconnected");
      restartLater();
    });
    start();
    return connection;
  };

  window.live = { connect };
})();
