using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Web.Components.Layout;

namespace Portal.Tests.Web;

/// <summary>WCAG 2.1 AA: normal text needs a contrast ratio of at least 4.5:1 against its background.</summary>
public class PortalThemeTests
{
    public static TheoryData<string, string, string> TextOnBackground
    {
        get
        {
            var palette = PortalTheme.Theme.PaletteLight;
            return new()
            {
                { "app bar", palette.AppbarText.Value, palette.AppbarBackground.Value },
                { "primary button", palette.PrimaryContrastText.Value, palette.Primary.Value },
                { "secondary button", palette.SecondaryContrastText.Value, palette.Secondary.Value },
                { "body text", palette.TextPrimary.Value, palette.Background.Value },
                { "secondary text", palette.TextSecondary.Value, palette.Background.Value },
                { "drawer text", palette.DrawerText.Value, palette.DrawerBackground.Value },
                { "links and primary text on white", palette.Primary.Value, palette.Surface.Value },
                { "errors on white", palette.Error.Value, palette.Surface.Value },
                { "warnings on white", palette.Warning.Value, palette.Surface.Value },
                { "success on white", palette.Success.Value, palette.Surface.Value },
            };
        }
    }

    [Theory]
    [MemberData(nameof(TextOnBackground))]
    public void Palette_TextAgainstItsBackground_MeetsAA(string where, string text, string background)
    {
        var ratio = ContrastRatio(text, background);

        Assert.True(ratio >= 4.5, $"{where}: {text} on {background} is {ratio:0.00}:1");
    }

    public static TheoryData<string> DeadlineMarkers => new() { "level-on-time", "level-warning", "level-overdue", "level-severe" };

    /// <summary>The green, yellow, red and black markers of how late a deadline is, as the request page's stylesheet colours them.</summary>
    [Theory]
    [MemberData(nameof(DeadlineMarkers))]
    public void DeadlineMarker_TextAgainstItsBackground_MeetsAA(string marker)
    {
        var css = File.ReadAllText(Path.Combine(RepositoryRoot(), "Portal.Web", "Features", "Requests", "LevelMarker.razor.css"));
        var rule = Regex.Match(css, $@"\.{marker}\s*\{{(?<body>[^}}]*)\}}").Groups["body"].Value;
        var text = Regex.Match(rule, @"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})").Groups[1].Value;
        var background = Regex.Match(rule, @"background:\s*(#[0-9a-fA-F]{6})").Groups[1].Value;
        Assert.False(text.Length == 0 || background.Length == 0, $".{marker} sets no colour or no background");

        var ratio = ContrastRatio(text, background);

        Assert.True(ratio >= 4.5, $".{marker}: {text} on {background} is {ratio:0.00}:1");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }

    private static double ContrastRatio(string a, string b)
    {
        var (lighter, darker) = (Luminance(a), Luminance(b)) is var (x, y) && x > y ? (x, y) : (y, x);
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance(string colour)
    {
        var hex = colour.TrimStart('#')[..6];
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(0) + 0.7152 * Channel(2) + 0.0722 * Channel(4);
    }
}
