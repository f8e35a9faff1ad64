using CompetitionHub.TestSupport;

namespace CompetitionHub.Tests.Notifications;

/// <summary>The mail settings are checked at start: a value that cannot work stops the app, naming the setting.</summary>
public sealed class NotificationOptionsTests
{
    [Theory]
    [InlineData("Notifications:RetryHorizon", "00:00:00")]
    [InlineData("Notifications:ClaimDuration", "00:00:01")]
    [InlineData("Notifications:ClaimDuration", "02:00:00")]
    [InlineData("Notifications:OverdueAfter", "-00:01:00")]
    [InlineData("Notifications:RetryDelays:0", "00:00:00")]
    public async Task Start_FailsNamingTheSetting_WhenAMailSettingCannotWork(string key, string value)
    {
        await using var app = new AppFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(string.Join(':', key.Split(':').Take(2)), error.ToString());
    }
}
