using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// Views live beside their controller: a controller in <c>Features/Accounts</c> finds its views in
/// <c>Features/Accounts/Views</c>, so a feature is one folder to read.
/// </summary>
public sealed class FeatureFolders : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action &&
            action.ControllerTypeInfo.Namespace is { } ns && ns.Contains(".Features."))
        {
            context.Values[Key] = ns[(ns.IndexOf(".Features.", StringComparison.Ordinal) + ".Features.".Length)..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(Key, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/Views/{{1}}/{{0}}.cshtml";
            yield return $"/Features/{feature}/Views/{{0}}.cshtml";
        }
        foreach (var location in viewLocations)
            yield return location;
    }
}
