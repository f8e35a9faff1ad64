using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace CompetitionHub.Web.Infrastructure;

public static class AccountsSetup
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // Lockout is an Admin's decision only (ManageUserAccess); failed sign-ins are throttled per address and
                // client instead (SignInThrottle), so nobody can lock a known person out by guessing wrong on purpose.
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "chub.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            // The handler would make these redirects absolute from the request's Host header, which the client chooses:
            // a forged Host would send the person to another site. A path keeps them on this one.
            o.Events.OnRedirectToLogin = c => RedirectWithinSite(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectWithinSite(c, StatusCodes.Status403Forbidden);
            // Every request, not Identity's default of every 30 minutes: a revoked session must end on its next request.
            o.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
        });

        // Keys live in the database, so a restart (or a second instance) still reads every cookie and token issued before;
        // they are encrypted there with a certificate kept outside it (KeyProtection).
        services.AddSettings<KeyProtectionOptions>();
        services.AddDataProtection()
            .SetApplicationName("CompetitionHub")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithCertificate(KeyProtection.LoadOrCreate(builder.Configuration, builder.Environment));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());

        services.AddSettings<AdminBootstrapOptions>();

        services.AddScoped<AccountEmails>();
        services.AddScoped<SignUp>();
        services.AddScoped<SignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<RequestAccountEmail>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<FindUsers>();
        services.AddScoped<ManageUserAccess>();
        services.AddScoped<EndSessions>();
        return builder;
    }

    /// <summary>
    /// Makes the key ring hold its key before the first request, at start under the start lock. Instances started at once
    /// on an empty key ring would each create a key of their own, and two minutes on (when a key ring stops reloading to
    /// look for a key it has not seen) refuse each other's cookies and antiforgery tokens until it is next reloaded, up to
    /// a day later. Under the lock the second instance finds the first one's key.
    /// </summary>
    public static void PrepareKeyRing(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("CompetitionHub.Start").Protect([]);

    private static Task RedirectWithinSite(RedirectContext<CookieAuthenticationOptions> context, int statusForScripts)
    {
        var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
        var local = target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri;
        // Scripts get the status with the address, as the handler's own default does, instead of a page they cannot use.
        if (context.Request.Headers.XRequestedWith == "XMLHttpRequest")
        {
            context.Response.Headers.Location = local;
            context.Response.StatusCode = statusForScripts;
        }
        else
        {
            context.Response.Redirect(local);
        }
        return Task.CompletedTask;
    }
}
