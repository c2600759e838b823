namespace Portal.Domain.Calendar;

/// <summary>Codes of the refusals of the work calendar and of time limits. Dates are passed as <see cref="DateOnly"/>.</summary>
public static class CalendarRefusals
{
    public const string EntryKindInvalid = "Calendar.EntryKindInvalid";

    /// <summary>{0}: the day.</summary>
    public const string MakeUpDayNotOnWeekend = "Calendar.MakeUpDayNotOnWeekend";

    /// <summary>{0}: the most characters.</summary>
    public const string NameTooLong = "Calendar.NameTooLong";

    /// <summary>{0}: the first year; {1}: the last.</summary>
    public const string YearOutOfRange = "Calendar.YearOutOfRange";

    /// <summary>{0}: the most characters.</summary>
    public const string NoticeTooLong = "Calendar.NoticeTooLong";

    /// <summary>{0}: the day; {1}: the year.</summary>
    public const string DayNotInYear = "Calendar.DayNotInYear";

    /// <summary>{0}: the day.</summary>
    public const string DayRepeated = "Calendar.DayRepeated";

    /// <summary>{0}: the day; {1}: its year.</summary>
    public const string YearNotLoaded = "Calendar.YearNotLoaded";

    /// <summary>{0}: the day.</summary>
    public const string DayOffAndMakeUpDay = "Calendar.DayOffAndMakeUpDay";

    public const string NoWorkingPeriods = "Calendar.NoWorkingPeriods";

    /// <summary>{0}, {1}: the two periods (text such as 08:30–12:00).</summary>
    public const string WorkingPeriodsOverlap = "Calendar.WorkingPeriodsOverlap";

    /// <summary>{0}: the start; {1}: the end (text such as 08:30).</summary>
    public const string WorkingPeriodEndsBeforeStart = "Calendar.WorkingPeriodEndsBeforeStart";

    public const string TimeLimitUnitInvalid = "TimeLimit.UnitInvalid";
    public const string TimeLimitNotPositive = "TimeLimit.NotPositive";

    /// <summary>{0}: the largest amount.</summary>
    public const string TimeLimitTooLarge = "TimeLimit.TooLarge";
}
