using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Infrastructure;

public static class WebShellSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddWebShell(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddControllersWithViews(o =>
            {
                // Every unsafe request carries an antiforgery token; no form can forget it.
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new FormReading());
                o.Filters.Add(new PrivateDownloads());
            })
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new TextInputJsonConverter()))
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureFolders()));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(LocalizeModelBindingMessages);
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, f) => o.AddInputRules(f.Create(typeof(SharedResource))));
        services.AddSingleton<ITempDataProvider>(sp =>
            new BoundedTempData(ActivatorUtilities.CreateInstance<CookieTempDataProvider>(sp), sp.GetRequiredService<ILogger<BoundedTempData>>()));
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<CanonicalIdConstraint>("int"));

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The visitor's explicit choice (cookie) wins; browsers' Accept-Language is not asked, so the default stays Chinese.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // Razor would otherwise escape every Chinese character as &#x...; (valid, but unreadable and three times the bytes).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o => o.Cookie.Name = "chub.af");
        // Pages and scripts travel compressed (a round's lists are mostly repeated markup). Over HTTPS too: the one secret a
        // page repeats, the antiforgery token, is encrypted afresh for every response, which is what defeats BREACH.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        // The server's name and version help nobody but someone choosing an exploit.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseWebShell(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeaders>();
        app.UseResponseCompression();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// Model binding's own messages come from the same resource set as the rest, and never repeat the value that was
    /// posted: it is still in the field, and a message may travel on in a cookie.
    /// </summary>
    private static void LocalizeModelBindingMessages(MvcOptions o, IStringLocalizerFactory factory)
    {
        var t = factory.Create(typeof(SharedResource));
        var m = o.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(_ => t["输入的值无效。"]);
        m.SetValueMustBeANumberAccessor(f => t["{0} 必须是数字。", f]);
        m.SetMissingBindRequiredValueAccessor(f => t["缺少 {0}。", f]);
        m.SetAttemptedValueIsInvalidAccessor((_, _) => t["输入的值无效。"]);
        m.SetMissingKeyOrValueAccessor(() => t["必须填写一个值。"]);
        m.SetUnknownValueIsInvalidAccessor(f => t["{0} 的值无效。", f]);
        m.SetValueMustNotBeNullAccessor(_ => t["此项必填。"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => t["输入的值无效。"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["输入的值无效。"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["必须是数字。"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["请求内容不能为空。"]);
    }
}
