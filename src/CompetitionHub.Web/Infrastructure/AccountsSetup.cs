using CompetitionHub.Web.Data;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Admin;
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
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
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
        });

        // Keys live in the database, so a restart (or a second instance) still reads every cookie and token issued before.
        services.AddDataProtection()
            .SetApplicationName("CompetitionHub")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddOptions<AdminBootstrapOptions>().BindConfiguration("Admin");

        services.AddScoped<AccountEmails>();
        services.AddScoped<SignUp>();
        services.AddScoped<SignIn>();
        services.AddScoped<RequestAccountEmail>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<FindUsers>();
        services.AddScoped<ManageUserAccess>();
        return builder;
    }
}
