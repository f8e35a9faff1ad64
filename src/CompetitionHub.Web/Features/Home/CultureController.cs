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
        if (WebShellSetup.Cultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
