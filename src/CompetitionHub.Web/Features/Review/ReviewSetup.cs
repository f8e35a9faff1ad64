namespace CompetitionHub.Web.Features.Review;

public static class ReviewSetup
{
    public static WebApplicationBuilder AddReview(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListEntries>();
        builder.Services.AddScoped<ShowEntry>();
        builder.Services.AddScoped<DecideEntry>();
        builder.Services.AddScoped<VerifyCreditCode>();
        builder.Services.AddScoped<ExportEntries>();
        return builder;
    }
}
