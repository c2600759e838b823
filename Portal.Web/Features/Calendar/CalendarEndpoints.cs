using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Web.Resources;

namespace Portal.Web.Features.Calendar;

/// <summary>
/// The work calendar as public information (no sign-in): a year's days off and make-up working
/// days, and the deadline a time limit gives from a start. Refusals are problem details whose
/// <c>detail</c> is in the user's language, Chinese unless they chose English.
/// </summary>
public static partial class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/v1/calendar").AllowAnonymous();
        calendar.MapGet("/{year:int}", GetYearAsync);
        calendar.MapGet("/deadline", GetDeadlineAsync);
        return app;
    }

    /// <param name="WorkDays">The weekend days worked to make up for a holiday (调休上班).</param>
    public sealed record CalendarYearResponse(int Year, IReadOnlyList<DateOnly> OffDays, IReadOnlyList<DateOnly> WorkDays);

    /// <param name="Deadline">ISO 8601 with the +08:00 offset, such as 2026-03-05T17:30:00+08:00.</param>
    /// <param name="Provisional">True when the count ran through a year the calendar holds no entries for.</param>
    public sealed record DeadlineResponse(string Deadline, bool Provisional);

    private static async Task<Results<Ok<CalendarYearResponse>, ProblemHttpResult>> GetYearAsync(
        int year, WorkCalendarService calendars, IStringLocalizer<CalendarResource> text, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        if (!calendar.Years.Contains(year))
        {
            return TypedResults.Problem(text["Api.YearNotFound", year], statusCode: StatusCodes.Status404NotFound, title: text["Api.NotFound.Title"]);
        }
        return TypedResults.Ok(new CalendarYearResponse(
            year,
            [.. calendar.DaysOff.Keys.Where(day => day.Year == year).Order()],
            [.. calendar.MakeUpWorkingDays.Where(day => day.Year == year).Order()]));
    }

    private static async Task<Results<Ok<DeadlineResponse>, ProblemHttpResult>> GetDeadlineAsync(
        string? start, string? amount, string? unit, WorkCalendarService calendars, IStringLocalizer<CalendarResource> text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(start))
        {
            return BadRequest(text, text["Api.MissingStart"]);
        }
        if (ParseInstant(start) is not { } from)
        {
            return BadRequest(text, text["Api.MalformedStart", start]);
        }
        if (!int.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is <= 0 or > TimeLimit.MaxAmount)
        {
            return BadRequest(text, text["Api.BadAmount", amount ?? "", TimeLimit.MaxAmount]);
        }
        if (ParseUnit(unit) is not { } limitUnit)
        {
            return BadRequest(text, text["Api.BadUnit", unit ?? ""]);
        }
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var startYear = from.ToOffset(WorkCalendar.Offset).Year;
        if (!calendar.Years.Contains(startYear))
        {
            return BadRequest(text, text["Api.StartOutsideCalendar", startYear, string.Join(", ", calendar.Years.Order())]);
        }

        var deadline = calendar.DeadlineFor(from, new TimeLimit(count, limitUnit));
        return TypedResults.Ok(new DeadlineResponse(
            deadline.At.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            deadline.Provisional));
    }

    /// <summary>
    /// An ISO 8601 instant with its offset (or Z). A "+" sent unencoded in a query string arrives as
    /// a space; it is read as the "+" it was meant to be.
    /// </summary>
    private static DateTimeOffset? ParseInstant(string text)
    {
        var candidate = UnencodedPlus().Replace(text.Trim(), "+$1");
        return IsoInstant().IsMatch(candidate)
            && DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : null;
    }

    private static TimeLimitUnit? ParseUnit(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "workinghours" => TimeLimitUnit.WorkingHours,
        "workingdays" => TimeLimitUnit.WorkingDays,
        "naturaldays" => TimeLimitUnit.NaturalDays,
        _ => null,
    };

    private static ProblemHttpResult BadRequest(IStringLocalizer<CalendarResource> text, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: text["Api.BadRequest.Title"]);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoInstant();

    [GeneratedRegex(@"(?<=\d) (\d{2}:\d{2})$")]
    private static partial Regex UnencodedPlus();
}
