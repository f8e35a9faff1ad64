namespace CompetitionHub.Web.Features.Matchmaking;

/// <summary>A booking already made, as far as finding a free slot needs to know.</summary>
public sealed record Booking(int MeetingId, int EventId, DateTime StartsAt, DateTime EndsAt, int TableNumber, string InvestorUserId, int EntryId);

/// <summary>A free place: a slot start in the event and a table.</summary>
public sealed record FreeSlot(DateTime StartsAt, DateTime EndsAt, int TableNumber);

/// <summary>
/// The slot grid of a matchmaking event and the search for a free place in it. Pure: the caller loads the bookings; the
/// database's unique indexes are what finally decide when two searches pick the same place at once.
/// </summary>
public static class MeetingSchedule
{
    /// <summary>Back-to-back slots from the event's start; a slot that would run past the end is not offered.</summary>
    public static IReadOnlyList<DateTime> Starts(DateTime eventStart, DateTime eventEnd, int slotMinutes)
    {
        var length = TimeSpan.FromMinutes(slotMinutes);
        var starts = new List<DateTime>();
        for (var s = eventStart; s + length <= eventEnd; s += length)
            starts.Add(s);
        return starts;
    }

    /// <summary>
    /// The earliest slot, not before <paramref name="notBefore"/>, where neither the investor nor the entry has a meeting
    /// (in this event or overlapping in another) and a table is free; the lowest free table. Null when there is none.
    /// </summary>
    /// <param name="bookings">Bookings of this event, and those of the investor and the entry in other events.</param>
    /// <param name="ignoreMeetingId">The meeting being moved, whose own booking does not count.</param>
    public static FreeSlot? FindFree(int eventId, IReadOnlyList<DateTime> starts, int slotMinutes, int tables,
        IReadOnlyCollection<Booking> bookings, string investorUserId, int entryId, DateTime notBefore, int? ignoreMeetingId = null)
    {
        var length = TimeSpan.FromMinutes(slotMinutes);
        var others = bookings.Where(b => b.MeetingId != ignoreMeetingId).ToList();
        foreach (var start in starts.Where(s => s >= notBefore))
        {
            var end = start + length;
            if (IsBusy(others, investorUserId, entryId, start, end)) continue;
            if (FreeTable(eventId, others, start, tables) is { } table)
                return new FreeSlot(start, end, table);
        }
        return null;
    }

    /// <summary>Whether investor or entry already meets someone at a time overlapping [start, end).</summary>
    public static bool IsBusy(IEnumerable<Booking> bookings, string investorUserId, int entryId, DateTime start, DateTime end) =>
        bookings.Any(b => (b.InvestorUserId == investorUserId || b.EntryId == entryId) && b.StartsAt < end && start < b.EndsAt);

    public static int? FreeTable(int eventId, IEnumerable<Booking> bookings, DateTime start, int tables)
    {
        var taken = bookings.Where(b => b.EventId == eventId && b.StartsAt == start).Select(b => b.TableNumber).ToHashSet();
        for (var t = 1; t <= tables; t++)
            if (!taken.Contains(t)) return t;
        return null;
    }
}
