using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Tests.Advancement;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Awards;

/// <summary>The organizer's steps on the awards page of a <see cref="ScoredContest"/>, through its forms.</summary>
internal static class AwardsArrange
{
    public static KeyValuePair<string, string> F(string name, object value) => new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    public static async Task SavePlanAsync(this AppFactory host, ScoredContest c, int first, int second, int third, int excellence)
    {
        var response = await c.Organizer.PostFormAsync(c.AwardsUrl + "/plan",
            [F("TrackId", c.TrackId), F("FirstPrizes", first), F("SecondPrizes", second), F("ThirdPrizes", third), F("ExcellencePrizes", excellence)],
            c.AwardsUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> ConfirmAsync(this AppFactory host, ScoredContest c, IDictionary<int, string> grades, string? reason = null)
    {
        var version = await host.WithDbAsync(db => db.AwardPlans.Where(p => p.TrackId == c.TrackId).Select(p => p.Version).SingleAsync());
        List<KeyValuePair<string, string>> fields = [F("TrackId", c.TrackId), F("Version", version)];
        fields.AddRange(grades.Select(g => F($"Grades[{g.Key}]", g.Value)));
        if (reason is not null) fields.Add(F("Reason", reason));
        return await c.Organizer.PostFormAsync(c.AwardsUrl + "/confirm", fields, c.AwardsUrl);
    }
}
