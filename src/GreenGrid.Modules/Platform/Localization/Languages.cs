using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace GreenGrid.Platform.Localization;

/// <summary>
/// GreenGrid speaks Chinese (zh-CN) and English (en). A browser that asks for Chinese gets
/// Chinese; everyone else gets English; the choice made on the page is kept in a cookie.
/// </summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];

    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    public static RequestLocalizationOptions RequestLocalization()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(English)
            .AddSupportedCultures(All)
            .AddSupportedUICultures(All);
        // Any Chinese variant the browser sends (zh, zh-TW, zh-Hans-CN) falls back to zh-CN.
        options.FallBackToParentUICultures = true;
        options.FallBackToParentCultures = true;
        options.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider());
        options.ApplyCurrentCultureToResponseHeaders = true;
        return options;
    }

    /// <summary>Normalises what a user or a link asks for to one of the supported cultures.</summary>
    public static string Normalise(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
}
