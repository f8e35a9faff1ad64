using System.Text.Json;
using System.Text.RegularExpressions;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitionHub.TestSupport;

/// <summary>Arranging accounts directly through the app's own UserManager, and reading the mail it queued.</summary>
public static class TestUsers
{
    public const string DemoPassword = "Demo2026!";
    public const string DemoAdmin = "admin@demo.competitionhub.cn";
    public const string DemoOrganizer = "organizer@demo.competitionhub.cn";
    public const string DemoJudge = "judge@demo.competitionhub.cn";
    public const string DemoContestant = "contestant@demo.competitionhub.cn";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static async Task<AppUser> CreateUserAsync(this AppFactory app, string email, string password,
        string? displayName = null, bool confirmed = true, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = confirmed,
            DisplayName = displayName ?? Shortened(email.Split('@')[0]), CreatedAt = DateTime.UtcNow,
        };
        Check(await users.CreateAsync(user, password));
        if (roles.Length > 0) Check(await users.AddToRolesAsync(user, roles));
        return user;
    }

    public static Task<AppUser?> FindUserAsync(this AppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    public static async Task<IList<string>> RolesOfAsync(this AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await users.GetRolesAsync(user);
    }

    public static Task<List<Notification>> NotificationsToAsync(this AppFactory app, string email, string template) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Recipient == email && n.Template == template).OrderBy(n => n.Id).ToListAsync());

    /// <summary>The path and query of the <c>link</c> in a queued email, ready to GET with a test client.</summary>
    public static string LinkIn(Notification notification, string property = "link")
    {
        using var payload = JsonDocument.Parse(notification.PayloadJson);
        return new Uri(payload.RootElement.GetProperty(property).GetString()!).PathAndQuery;
    }

    /// <summary>The first link in a delivered email's text that leads to <paramref name="path"/>, whole, as a person would follow it.</summary>
    public static string LinkIn(MimeKit.MimeMessage mail, string path) =>
        Regex.Match(mail.TextBody ?? "", @"http://\S+" + Regex.Escape(path) + @"\S*").Value is { Length: > 0 } link
            ? link : throw new InvalidOperationException($"no {path} link in '{mail.Subject}'");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>A display name holds at most 50 characters, as the sign-up form allows.</summary>
    private static string Shortened(string name) => name.Length <= 50 ? name : name[..50];
}
