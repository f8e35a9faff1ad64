using System.Net;
using AngleSharp.Html.Parser;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Tests.Contests;

/// <summary>
/// Contest setup forms posted as no browser posts them: whatever is refused, the form shown again says so, even when the
/// refused field is hidden, unknown to the page or sent without the form's prefix.
/// </summary>
public sealed class SetupFormRefusalTests(SetupFormRefusalTests.Host host) : IClassFixture<SetupFormRefusalTests.Host>
{
    public sealed class Host : AppFactory;

    private static readonly string Huge = new('长', 34_000);

    [Theory]
    [InlineData("abc")]
    [InlineData(null)]
    public async Task SaveRubric_ShowsTheRefusal_WhenRemoveIsNotYesOrNo(string? remove)
    {
        var (organizer, userId) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync(organizerUserId: userId);
        var roundId = await host.AddRoundAsync(id, criteria: 2);
        var page = $"/manage/contests/{id}/rounds/{roundId}";

        var response = await organizer.PostTamperedAsync($"{page}/rubric", page,
            ("Criteria[0].Name", "创新"), ("Criteria[0].NameEn", "Innovation"), ("Criteria[0].MaxPoints", "50"), ("Criteria[0].Remove", remove ?? Huge),
            ("Criteria[1].Name", "市场"), ("Criteria[1].NameEn", "Market"), ("Criteria[1].MaxPoints", "50"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
    }

    [Fact]
    public async Task AddWinner_ShowsEachMessageUnderItsField_WhenPostedWithNothingButItsToken()
    {
        var (organizer, userId) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync(organizerUserId: userId);
        var page = $"/manage/contests/{id}/winners";

        var response = await organizer.PostTamperedAsync(page, page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(html.QuerySelector("[data-valmsg-for='Form.CreditCode']")?.TextContent));
        var slug = await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync());
        Assert.False(await host.WithDbAsync(db => db.PreviousWinners.AnyAsync(w => w.ContestSlug == slug)));
    }

    [Fact]
    public async Task Update_ShowsTheRefusal_WhenTheHiddenVersionIsHuge()
    {
        var (organizer, userId) = await host.NewOrganizerAsync();
        var id = await host.AddContestAsync(organizerUserId: userId);
        var page = $"/manage/contests/{id}";
        var before = await host.WithDbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == id));

        var form = await organizer.FillFormAsync(page, [new("Form.Name", "改名后的赛事")]);
        var response = await form.Replacing("Form.Version", Huge).SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.ErrorsAsync());
        Assert.Equal(before.Name, await host.WithDbAsync(db => db.Contests.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }
}
