using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// TempData travels in a cookie that every later request sends back: a long message would split it into many chunks
/// until the server refuses the browser's headers (431) for good. Messages are short sentences, so a longer value is a
/// bug (raw input echoed into a message); it is cut here, and logged so the echo can be found.
/// </summary>
public sealed class BoundedTempData(ITempDataProvider inner, ILogger<BoundedTempData> logger) : ITempDataProvider
{
    public const int MaxValueLength = 500;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        foreach (var (key, value) in values.ToList())
        {
            if (value is not string { Length: > MaxValueLength } text) continue;
            logger.LogWarning("TempData {Key} of {Length} characters on {Path} was cut", key, text.Length, context.Request.Path);
            values[key] = string.Concat(text.AsSpan(0, MaxValueLength), "…");
        }
        inner.SaveTempData(context, values);
    }
}
