using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Web.Resources;

namespace Portal.Web.Features.Calendar;

/// <summary>The calendar's refusals and days in the user's language.</summary>
public static class CalendarText
{
    /// <summary>"第 3 行：“2027/02/06”不是 yyyy-MM-dd 格式的日期", or the sentence alone when the problem is not on a line.</summary>
    public static string Describe(this IStringLocalizer<CalendarResource> text, CalendarError error)
    {
        object[] arguments = error.Problem == CalendarProblem.MakeUpDayNotOnWeekend
            ? [error.Arguments[0], Weekday(error.Arguments[0])]
            : [.. error.Arguments];
        var sentence = text["Problem." + error.Problem, arguments].Value;
        return error.Line is { } line ? text["Problem.Line", line, sentence] : sentence;
    }

    /// <summary>2026年3月2日 星期一 / Monday 2 March 2026.</summary>
    public static string LongDate(this IStringLocalizer<CalendarResource> text, DateOnly day) =>
        day.ToString(text["Format.DayLong"], CultureInfo.CurrentCulture);

    /// <summary>What the day is: 放假（春节）, 调休上班, 周末休息 or 工作日.</summary>
    public static string Status(this IStringLocalizer<CalendarResource> text, DateOnly day, CalendarDayEntry? entry) => entry switch
    {
        { Kind: CalendarEntryKind.DayOff, Name: { } name } => text["Status.DayOffNamed", name],
        { Kind: CalendarEntryKind.DayOff } => text["Status.DayOff"],
        { Kind: CalendarEntryKind.MakeUpWorkingDay, Name: { } name } => text["Status.MakeUpNamed", name],
        { Kind: CalendarEntryKind.MakeUpWorkingDay } => text["Status.MakeUp"],
        null when day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday => text["Status.Weekend"],
        null => text["Status.WorkingDay"],
    };

    private static string Weekday(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("dddd", CultureInfo.CurrentCulture)
            : "";
}
