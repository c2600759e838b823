using Portal.Domain.Calendar;

namespace Portal.Infrastructure.Calendar;

/// <summary>
/// Why the calendar refused a change or an imported file. The Web layer turns each into a sentence
/// in the user's language (resource key <c>Problem.{name}</c>, formatted with <see cref="CalendarError.Arguments"/>).
/// </summary>
public enum CalendarProblem
{
    /// <summary>The file is neither .json nor .csv. No arguments.</summary>
    UnsupportedFormat,

    /// <summary>The file is larger than an import accepts. Argument: the limit in KB.</summary>
    FileTooLarge,

    /// <summary>The JSON cannot be read at all. No arguments; the line is where reading stopped.</summary>
    MalformedJson,

    /// <summary>A field of the JSON has the wrong kind of value. Argument: the field's name.</summary>
    MalformedField,

    /// <summary>A field of the JSON the format does not have. Argument: the field's name.</summary>
    UnknownField,

    /// <summary>The JSON has no <c>year</c>. No arguments.</summary>
    MissingYear,

    /// <summary>A year outside 2000–2100. Argument: the year.</summary>
    YearOutOfRange,

    /// <summary>An entry that is neither a date nor an object with a date; in CSV a line without 2 or 3 columns. No arguments.</summary>
    MalformedEntry,

    /// <summary>Not a date written yyyy-MM-dd. Argument: the text.</summary>
    MalformedDate,

    /// <summary>A date of another year than the file's. Arguments: the date, the file's year.</summary>
    DateOutsideYear,

    /// <summary>A date given twice. Arguments: the date, the line it first appeared on.</summary>
    DuplicateDate,

    /// <summary>A make-up working day on a weekday. Argument: the date (yyyy-MM-dd).</summary>
    MakeUpDayNotOnWeekend,

    /// <summary>A CSV kind other than off/work. Argument: the text.</summary>
    UnknownKind,

    /// <summary>A holiday name too long. Argument: the longest allowed.</summary>
    NameTooLong,

    /// <summary>A notice number too long. Argument: the longest allowed.</summary>
    NoticeTooLong,

    /// <summary>A file without a single date. No arguments.</summary>
    NoEntries,

    /// <summary>Someone else changed the calendar meanwhile; nothing was saved. No arguments.</summary>
    ChangedConcurrently,
}

/// <param name="Line">The line of the file (from 1), or null when the problem is not on a line.</param>
public sealed record CalendarError(int? Line, CalendarProblem Problem, IReadOnlyList<string> Arguments)
{
    public CalendarError(int? line, CalendarProblem problem, params string[] arguments)
        : this(line, problem, (IReadOnlyList<string>)arguments)
    {
    }

    public override string ToString() => $"{(Line is { } line ? $"line {line}: " : "")}{Problem}({string.Join(", ", Arguments)})";
}

/// <summary>The outcome of changing one day: nothing changed when there are errors.</summary>
public sealed record CalendarChangeResult(IReadOnlyList<CalendarError> Errors)
{
    public static CalendarChangeResult Success { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;
}

/// <summary>The outcome of importing a file: all of it when <see cref="Succeeded"/>, none of it otherwise.</summary>
/// <param name="Year">The year the file holds, when it could be read.</param>
/// <param name="ReplacedExisting">Whether the year had entries that the file replaced.</param>
public sealed record CalendarImportResult(int? Year, int DaysOff, int MakeUpWorkingDays, bool ReplacedExisting, IReadOnlyList<CalendarError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static CalendarImportResult Refused(IReadOnlyList<CalendarError> errors, int? year = null) => new(year, 0, 0, false, errors);
}

/// <summary>One year's entries as stored, for display and export.</summary>
public sealed record CalendarYearEntries(int Year, string? Notice, IReadOnlyList<CalendarDayEntry> Days)
{
    public IEnumerable<DateOnly> DaysOff => Days.Where(d => d.Kind == CalendarEntryKind.DayOff).Select(d => d.Date);
    public IEnumerable<DateOnly> MakeUpWorkingDays => Days.Where(d => d.Kind == CalendarEntryKind.MakeUpWorkingDay).Select(d => d.Date);
}

public sealed record CalendarDayEntry(DateOnly Date, CalendarEntryKind Kind, string? Name);
