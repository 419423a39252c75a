using MudBlazor;

namespace GreenGrid.Components.Shared;

/// <summary>The look of GreenGrid: public-health green instead of MudBlazor's default purple.</summary>
internal static class GreenGridTheme
{
    // No web fonts can be fetched (offline machines, city intranets): system fonts only, with the
    // CJK families named so that Chinese never falls back to a font without those glyphs.
    private static readonly string[] FontFamily =
    [
        "system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial",
        "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
        "sans-serif",
    ];

    public static MudTheme Theme { get; } = Create();

    private static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = "#2e7d32",
                PrimaryDarken = "#1b5e20",
                PrimaryLighten = "#4caf50",
                Secondary = "#00796b",
                Tertiary = "#f9a825",
                Info = "#0277bd",
                Success = "#2e7d32",
                Warning = "#ef6c00",
                Error = "#c62828",
                AppbarBackground = "#1b5e20",
                AppbarText = "#ffffff",
                Background = "#f3f6f3",
                Surface = "#ffffff",
                DrawerBackground = "#ffffff",
                DrawerText = "rgba(0,0,0,0.80)",
                DrawerIcon = "#2e7d32",
                TableHover = "rgba(46,125,50,0.06)",
            },
            LayoutProperties = new LayoutProperties
            {
                DrawerWidthLeft = "240px",
                DefaultBorderRadius = "6px",
            },
        };
        var typography = theme.Typography;
        BaseTypography[] all =
        [
            typography.Default, typography.H1, typography.H2, typography.H3, typography.H4, typography.H5, typography.H6,
            typography.Subtitle1, typography.Subtitle2, typography.Body1, typography.Body2, typography.Button,
            typography.Caption, typography.Overline,
        ];
        foreach (var typo in all)
        {
            typo.FontFamily = FontFamily;
        }
        // Buttons in capitals look shouty and do nothing for Chinese.
        typography.Button.TextTransform = "none";
        return theme;
    }
}
