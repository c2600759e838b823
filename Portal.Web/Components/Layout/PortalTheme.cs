using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>
/// The district's colours: a government blue with a Chinese red for emphasis. Every text colour
/// below keeps at least 4.5:1 contrast against its background (WCAG AA).
/// </summary>
public static class PortalTheme
{
    public const string Blue = "#0B4F8A";      // 8.6:1 against white
    public const string Red = "#B3261E";       // 6.5:1 against white
    public const string Ink = "#1F2933";       // 14.7:1 against white
    public const string MutedInk = "#52606D";  // 6.6:1 against white

    private static readonly string[] FontFamily =
        ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Blue,
            PrimaryContrastText = "#FFFFFF",
            Secondary = Red,
            SecondaryContrastText = "#FFFFFF",
            AppbarBackground = Blue,
            AppbarText = "#FFFFFF",
            Background = "#F5F7FA",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = Ink,
            DrawerIcon = Blue,
            TextPrimary = Ink,
            TextSecondary = MutedInk,
            Success = "#1B6E3A",
            Warning = "#8A5300",
            Error = Red,
            Info = Blue,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
        },
    };
}
