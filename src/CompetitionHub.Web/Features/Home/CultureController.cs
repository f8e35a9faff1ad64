using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Web.Features.Home;

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
