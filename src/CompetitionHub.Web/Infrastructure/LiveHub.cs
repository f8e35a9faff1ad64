using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// The one hub signed-in pages connect to. It only places a connection in the groups its user may hear;
/// what is said to a group is decided by <see cref="LiveEvents"/>.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LiveHub(AppDbContext db) : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        if (Context.User is { } user && (user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Admin)))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveEvents.StaffGroup);
            // Admins hear every contest through their own group, and only there, so nothing reaches them twice.
            if (user.IsInRole(Roles.Admin))
                await Groups.AddToGroupAsync(Context.ConnectionId, LiveEvents.AdminGroup);
            else if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            {
                // Read once at connect: an Organizer assigned later hears the contest from their next page load.
                var contests = await db.ContestOrganizers.AsNoTracking().Where(o => o.UserId == userId).Select(o => o.ContestId)
                    .ToListAsync(Context.ConnectionAborted);
                foreach (var contestId in contests)
                    await Groups.AddToGroupAsync(Context.ConnectionId, LiveEvents.ContestStaffGroup(contestId));
            }
        }
        await base.OnConnectedAsync();
    }
}
