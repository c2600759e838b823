using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Domain.Calendar;

namespace Portal.Tests.Domain.Calendar;

/// <summary>Instants written as text, as a reader of the notices and of DESIGN.md would write them.</summary>
internal static partial class Shanghai
{
    /// <summary>"2026-02-13 16:00" is China Standard Time; an explicit offset or Z is kept as written.</summary>
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(HasOffset().IsMatch(text) ? text : text + " +08:00", CultureInfo.InvariantCulture);

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Shows the offset, so that a result in the right instant but the wrong offset still fails.</summary>
    public static string Text(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", CultureInfo.InvariantCulture);

    public static void AssertDeadline(string expected, Deadline actual, bool provisional = false)
    {
        Assert.Equal(Text(At(expected)), Text(actual.At));
        Assert.Equal(provisional, actual.Provisional);
    }

    public static void AssertInstant(string expected, DateTimeOffset actual) => Assert.Equal(Text(At(expected)), Text(actual));

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex HasOffset();
}
