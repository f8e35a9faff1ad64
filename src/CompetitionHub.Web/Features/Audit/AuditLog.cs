using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using CompetitionHub.Web.Data;

namespace CompetitionHub.Web.Features.Audit;

/// <summary>
/// Adds an <see cref="AuditEntry"/> to the caller's DbContext; the caller's SaveChanges stores it with the change,
/// so there is never a change without its record nor a record of a change that rolled back.
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Chinese names stay readable in the record instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="contestId">The contest whose audit page lists the record; null when it belongs to none.</param>
    public AuditEntry Record(int? contestId, string entityType, object entityId, string action, object? before = null, object? after = null,
        string? reason = null)
    {
        var entry = Create(contestId, entityType, entityId, action, before, after, reason);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The record <see cref="Record"/> adds, for a change written without SaveChanges
    /// (<see cref="RowInserts"/>): the caller writes it in the change's transaction.</summary>
    public AuditEntry Create(int? contestId, string entityType, object entityId, string action, object? before = null, object? after = null,
        string? reason = null)
    {
        var user = http.HttpContext?.User;
        return new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ContestId = contestId,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user?.Identity?.Name,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Action = action,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason,
        };
    }
}
