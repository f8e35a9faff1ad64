using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<NotificationOptions>()
            // Defaults go in after binding: the binder would append configured delays to a pre-filled list.
            .PostConfigure(o =>
            {
                if (o.RetryDelays.Count == 0)
                    o.RetryDelays.AddRange(NotificationOptions.DefaultRetryDelays);
            })
            .Validate(o => o.RetryDelays.TrueForAll(d => d > TimeSpan.Zero), "Notifications:RetryDelays must all be positive.")
            .Validate(o => o.RetryHorizon >= TimeSpan.FromSeconds(1), "Notifications:RetryHorizon must be at least a second (2 days by default).")
            .Validate(o => o.ClaimDuration >= TimeSpan.FromSeconds(3) && o.ClaimDuration <= TimeSpan.FromHours(1),
                "Notifications:ClaimDuration must be between 3 seconds and 1 hour (30 seconds by default).")
            .Validate(o => o.OverdueAfter > TimeSpan.Zero, "Notifications:OverdueAfter must be positive.");
        services.AddSettings<SmtpOptions>()
            .Validate(o => string.IsNullOrEmpty(o.Username) || o.Password is not null, "Smtp:Password is required when Smtp:Username is set.");

        services.AddScoped<Outbox>();
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.UsesServer
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        services.AddScoped<SendDueNotifications>();
        services.AddScoped<ListUndeliveredMail>();
        services.AddScoped<ResendNotifications>();

        services.AddSingleton<SenderDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SenderDispatcher>());
        // Picked up by AddData, which adds every registered IInterceptor to the DbContext.
        services.AddSingleton<DispatchNotificationsOnSave>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<DispatchNotificationsOnSave>());

        services.AddHostedService<NotificationsStartup>();
        return builder;
    }
}
