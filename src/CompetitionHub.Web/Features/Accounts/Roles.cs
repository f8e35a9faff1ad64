namespace CompetitionHub.Web.Features.Accounts;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Organizer = "Organizer";
    public const string Judge = "Judge";
    public const string Contestant = "Contestant";
    public const string Investor = "Investor";

    /// <summary>For <c>[Authorize(Roles = ...)]</c> on pages that run contests.</summary>
    public const string Staff = Admin + "," + Organizer;

    public static readonly IReadOnlyList<string> All = [Admin, Organizer, Judge, Contestant, Investor];
}

/// <summary>Named authorization policies, for endpoints that no one role describes.</summary>
public static class Policies
{
    /// <summary>
    /// Any signed-in person, whatever their roles: for pages that show a person their own things (tickets, teams,
    /// meetings), where the rule that matters is checked against the resource inside the action.
    /// </summary>
    public const string SignedIn = "SignedIn";
}
