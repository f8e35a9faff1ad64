using System.Security.Claims;
using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>The signed-in person's Activity Week tickets and waitlist places, each ticket with its QR code.</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("my/tickets")]
public sealed class TicketsController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = await db.Set<EventSignup>().AsNoTracking().Include(s => s.Event)
            .Where(s => s.UserId == userId && s.Status != SignupStatus.Cancelled)
            .OrderBy(s => s.Event.StartsAt).ToListAsync(ct);
        return View(mine);
    }

    /// <summary>Only the ticket's owner gets its QR code; the token inside it is what admits them.</summary>
    [HttpGet("{signupId:int}/qr.png")]
    public async Task<IActionResult> Qr(int signupId, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var token = await db.Set<EventSignup>().AsNoTracking()
            .Where(s => s.Id == signupId && s.UserId == userId && s.Status == SignupStatus.Confirmed)
            .Select(s => s.TicketToken).SingleOrDefaultAsync(ct);
        if (token is null) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return File(Tickets.QrPng(token), "image/png");
    }
}
