using System.Globalization;

namespace Portal.Web.Shared;

public static class FileSizes
{
    /// <summary>A size as people read it: 820 KB, 3.4 MB.</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{Math.Ceiling(bytes / 1024.0):0} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB"),
    };
}
