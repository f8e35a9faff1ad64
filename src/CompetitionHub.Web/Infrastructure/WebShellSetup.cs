using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
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
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureFolders()));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(LocalizeModelBindingMessages);

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
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        return app;
    }

    /// <summary>Model binding's own messages ("The value '' is invalid.") come from the same resource set as the rest.</summary>
    private static void LocalizeModelBindingMessages(MvcOptions o, IStringLocalizerFactory factory)
    {
        var t = factory.Create(typeof(SharedResource));
        var m = o.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => t["值“{0}”无效。", v]);
        m.SetValueMustBeANumberAccessor(f => t["{0} 必须是数字。", f]);
        m.SetMissingBindRequiredValueAccessor(f => t["缺少 {0}。", f]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => t["{1} 的值“{0}”无效。", v, f]);
        m.SetMissingKeyOrValueAccessor(() => t["必须填写一个值。"]);
        m.SetUnknownValueIsInvalidAccessor(f => t["{0} 的值无效。", f]);
        m.SetValueMustNotBeNullAccessor(v => t["此项必填。", v]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["值“{0}”无效。", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["输入的值无效。"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["必须是数字。"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["请求内容不能为空。"]);
    }
}
