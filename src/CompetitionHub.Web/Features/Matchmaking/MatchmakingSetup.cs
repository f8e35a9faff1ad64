using CompetitionHub.Web.Infrastructure;
namespace CompetitionHub.Web.Features.Matchmaking;

public static class MatchmakingSetup
{
    public static WebApplicationBuilder AddMatchmaking(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<MatchmakingOptions>();
        builder.Services.AddScoped<SaveInvestorProfile>();
        builder.Services.AddScoped<SetEntryVisibility>();
        builder.Services.AddScoped<BrowseProjects>();
        builder.Services.AddScoped<MeetingNotices>();
        builder.Services.AddScoped<RequestMeeting>();
        builder.Services.AddScoped<AnswerMeeting>();
        builder.Services.AddScoped<ManageMeetings>();
        builder.Services.AddScoped<MyMeetings>();
        return builder;
    }
}
