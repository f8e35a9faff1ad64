using CompetitionHub.Web.Infrastructure;
namespace CompetitionHub.Web.Features.Accounts;

/// <summary>
/// Outside Development no demo account exists; the first Admin comes from here
/// (appsettings, environment <c>Admin__Email</c>, or <c>--Admin:Email=... --Admin:Password=...</c> on the command line).
/// </summary>
public sealed class AdminBootstrapOptions : ISettings
{
    public static string Section => "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string DisplayName { get; set; } = "Administrator";
}
