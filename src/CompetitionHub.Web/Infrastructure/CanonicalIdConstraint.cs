using System.Globalization;
using Microsoft.AspNetCore.Routing.Matching;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Route ids are written one way, as the site writes them (1, 42): "00001", "+1" or " 1" parse to 1 as well, but they
/// are not the address of record 1, and a second spelling of a URL is a way around anything keyed on the URL. Installed
/// as the "int" route constraint, so every <c>{id:int}</c> of every controller means this.
/// </summary>
public sealed class CanonicalIdConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && IsCanonical(Convert.ToString(value, CultureInfo.InvariantCulture));

    public bool MatchesLiteral(string parameterName, string literal) => IsCanonical(literal);

    public static bool IsCanonical(string? text) =>
        text is { Length: > 0 } && text[0] is >= '1' and <= '9' && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
