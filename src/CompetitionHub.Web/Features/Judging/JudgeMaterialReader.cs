using System.Security.Claims;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Registration;

namespace CompetitionHub.Web.Features.Judging;

/// <summary>A judge reads an entry's materials while <see cref="JudgeAccess"/> bars them from it in no way.</summary>
public sealed class JudgeMaterialReader(JudgeAccess judges) : IMaterialReader
{
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, string userId, int entryId, int contestId, CancellationToken ct) =>
        user.IsInRole(Roles.Judge) && await judges.BarAsync(userId, contestId, entryId, ct) == JudgeBar.None;
}
