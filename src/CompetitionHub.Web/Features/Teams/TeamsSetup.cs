namespace CompetitionHub.Web.Features.Teams;

public static class TeamsSetup
{
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ManageTeam>();
        builder.Services.AddScoped<AnswerInvitation>();
        return builder;
    }
}
