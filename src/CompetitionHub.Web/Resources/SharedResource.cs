namespace CompetitionHub.Web;

/// <summary>
/// Marker for the one resource set of the UI. Keys are the Simplified Chinese text itself, so zh-CN (the default)
/// needs no file and a missing English entry still shows readable Chinese; <c>SharedResource.en.resx</c> translates.
/// </summary>
public sealed class SharedResource;
