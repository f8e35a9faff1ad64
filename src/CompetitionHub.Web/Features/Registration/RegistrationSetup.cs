namespace CompetitionHub.Web.Features.Registration;

public static class RegistrationSetup
{
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegistrationWindow>();
        builder.Services.AddScoped<DeadlineReminders>();
        builder.Services.AddScoped<EntryEligibility>();
        builder.Services.AddScoped<SaveEntry>();
        builder.Services.AddScoped<SubmitEntry>();
        builder.Services.AddScoped<WithdrawEntry>();
        builder.Services.AddScoped<UploadMaterial>();
        builder.Services.AddScoped<RemoveMaterial>();
        builder.Services.AddScoped<Infrastructure.IUploadOwner, MaterialFiles>();
        builder.Services.AddScoped<MaterialAccess>();
        builder.Services.AddScoped<TeamMail>();
        return builder;
    }
}
