using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>One meeting as a person sees it; <see cref="Contact"/> is the other side's, only once accepted.</summary>
public sealed record MyMeeting(int Id, bool AsInvestor, int EntryId, string EntryTitle, string InvestorName, string FundName,
    string EventTitle, string Venue, MeetingStatus Status, string Message, string? Note, DateTime RequestedAt,
    DateTime? SlotStartsAt, DateTime? SlotEndsAt, int? Table, string? Contact);

public sealed record MyMeetingsPage(IReadOnlyList<MyMeeting> AsInvestor, IReadOnlyList<MyMeeting> ForMyTeams);

/// <summary>A person's meetings on both sides: those they asked for as an investor, and those asked of their teams' entries.</summary>
public sealed class MyMeetings(AppDbContext db)
{
    public async Task<MyMeetingsPage> HandleAsync(string userId, CancellationToken ct)
    {
        var mine = await Query(db.MeetingRequests.Where(m => m.InvestorUserId == userId), asInvestor: true, ct);
        var teams = await Query(db.MeetingRequests.Where(m => db.TeamMembers.Any(tm => tm.TeamId == m.Entry.TeamId && tm.UserId == userId)),
            asInvestor: false, ct);
        return new MyMeetingsPage(mine, teams);
    }

    private async Task<List<MyMeeting>> Query(IQueryable<MeetingRequest> requests, bool asInvestor, CancellationToken ct)
    {
        var rows = await requests.AsNoTracking()
            .OrderBy(m => m.Slot == null).ThenBy(m => m.Slot!.StartsAt).ThenByDescending(m => m.Id)
            .Select(m => new
            {
                m.Id, m.EntryId, m.Entry.Title, Investor = m.Investor.DisplayName, InvestorEmail = m.Investor.Email,
                Fund = db.InvestorProfiles.Where(p => p.UserId == m.InvestorUserId).Select(p => p.FundName).FirstOrDefault(),
                Event = m.Event.Title, EventEn = m.Event.TitleEn, m.Event.Venue, VenueEn = m.Event.VenueEn, m.Status, m.Message, m.ResponseNote, m.RequestedAt,
                Start = m.Slot == null ? (DateTime?)null : m.Slot.StartsAt, End = m.Slot == null ? (DateTime?)null : m.Slot.EndsAt,
                Table = m.Slot == null ? (int?)null : m.Slot.TableNumber,
                m.Entry.ContactName, m.Entry.ContactPhone, m.Entry.ContactEmail,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new MyMeeting(r.Id, asInvestor, r.EntryId, r.Title, r.Investor, r.Fund ?? "",
            Localized.Pick(r.Event, r.EventEn), Localized.Pick(r.Venue, r.VenueEn), r.Status, r.Message, r.ResponseNote, r.RequestedAt, r.Start, r.End, r.Table,
            r.Status != MeetingStatus.Accepted ? null
                : asInvestor ? $"{r.ContactName} · {r.ContactPhone} · {r.ContactEmail}" : r.InvestorEmail))];
    }
}
