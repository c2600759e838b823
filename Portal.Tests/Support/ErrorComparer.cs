using Portal.Infrastructure.Calendar;

namespace Portal.Tests.Support;

/// <summary>Compares calendar errors by line, problem and arguments (a record compares its argument list by reference).</summary>
public sealed class ErrorComparer : IEqualityComparer<CalendarError>
{
    public static ErrorComparer Instance { get; } = new();

    public bool Equals(CalendarError? x, CalendarError? y) =>
        x is not null && y is not null && x.Line == y.Line && x.Problem == y.Problem && x.Arguments.SequenceEqual(y.Arguments);

    public int GetHashCode(CalendarError error) => HashCode.Combine(error.Line, error.Problem);
}
