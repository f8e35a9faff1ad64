using Microsoft.AspNetCore.Authorization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Opens a page, endpoint or hub method to anyone, and says why, where a reader of the code meets it. It is the only way
/// an endpoint goes without a role or policy: the suite's authorization map refuses a bare <c>[AllowAnonymous]</c> and an
/// endpoint with neither (see tests/CompetitionHub.Tests/Infrastructure/AuthorizationMapTests.cs).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PublicAttribute(string reason) : Attribute, IAllowAnonymous
{
    public string Reason { get; } = reason;
}
