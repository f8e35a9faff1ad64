using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>A class of settings bound to one configuration section; appsettings.sample.json documents each of its keys.</summary>
public interface ISettings
{
    static abstract string Section { get; }
}

public static class SettingsSetup
{
    /// <summary>Binds the settings to their section, checked by their data annotations when the host starts: a bad value
    /// stops the start with the key's name instead of failing at the first request that reads it.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings =>
        services.AddOptions<T>().BindConfiguration(T.Section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>The same settings read while the app is being built (what to register depends on them); the host still
    /// validates them when it starts.</summary>
    public static T Settings<T>(this IConfiguration configuration) where T : class, ISettings, new() =>
        configuration.GetSection(T.Section).Get<T>() ?? new T();
}
