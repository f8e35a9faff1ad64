using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CompetitionHub.Web.Features.Publication;

public static class PublicationSetup
{
    public static WebApplicationBuilder AddPublication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<PublishResults>();
        services.AddScoped<Objections>();
        services.AddScoped<Infrastructure.IUploadOwner, EvidenceFiles>();
        services.AddScoped<ResultPages>();
        services.AddScoped<PublicResults>();
        services.AddScoped<PublicDraws>();
        services.AddScoped<ExportResults>();
        services.AddScoped<AuditTrail>();
        // Picked up by AddData, which adds every registered IInterceptor to the DbContext.
        services.AddSingleton<IInterceptor, PublishedResultsGuard>();
        return builder;
    }
}
