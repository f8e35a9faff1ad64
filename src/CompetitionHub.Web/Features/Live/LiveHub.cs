using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CompetitionHub.Web.Features.Live;

/// <summary>
/// The one hub signed-in pages connect to. It only places a connection in the groups its user may hear;
/// what is said to a group is decided by <see cref="LiveEvents"/>.
/// </summary>
[Authorize]
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        if (Context.User is { } user && (user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Admin)))
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveEvents.StaffGroup);
        await base.OnConnectedAsync();
    }
}
