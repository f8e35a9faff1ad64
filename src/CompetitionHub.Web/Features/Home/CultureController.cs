using CompetitionHub.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitionHub.Web.Features.Home;

[Public("the language switch is offered on every page, before and after signing in")]
public sealed class CultureController : Controller
{
    /// <summary>Remembers the chosen language for a year and goes back to the page it was chosen on.</summary>
    [HttpPost("/culture")]
    public IActionResult Set(string? culture, string? returnUrl)
    {
        // The switcher offers only these; anything else is refused rather than quietly read as the default.
        if (WebShellSetup.Cultures.All(c => c.Name != culture)) return BadRequest();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
