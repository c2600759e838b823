using Portal.Domain.Calendar;

namespace Portal.Tests.Domain.Calendar;

/// <summary>
/// Laws every count must keep, checked over thousands of instants from 2024 to 2026. The seed is
/// fixed so a failure repeats; a third of the instants fall on the edges of the working periods,
/// where the mistakes are.
/// </summary>
public class WorkCalendarPropertyTests
{
    private const int Samples = 4000;
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();
    private static readonly TimeSpan[] Offsets =
        [WorkCalendar.Offset, TimeSpan.Zero, TimeSpan.FromHours(-5), new(5, 45, 0), TimeSpan.FromHours(14)];
    private static readonly TimeOnly[] Edges =
        [new(0, 0), new(8, 30), new(12, 0), new(13, 30), new(17, 30), new(23, 59, 59)];

    [Fact]
    public void AddWorkingTime_IsMonotonicInTheTimeAdded()
    {
        var random = new Random(1);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var (shorter, longer) = Sorted(RandomWorkingTime(random), RandomWorkingTime(random));

            Assert.True(
                Calendar.AddWorkingTime(start, shorter).At <= Calendar.AddWorkingTime(start, longer).At,
                $"from {Shanghai.Text(start)}, {shorter} ends after {longer}");
        }
    }

    [Fact]
    public void AddWorkingTime_IsMonotonicInTheStart()
    {
        var random = new Random(2);
        for (var i = 0; i < Samples; i++)
        {
            var (earlier, later) = Sorted(RandomInstant(random, 2024, 2026), RandomInstant(random, 2024, 2026));
            var workingTime = RandomWorkingTime(random);

            Assert.True(
                Calendar.AddWorkingTime(earlier, workingTime).At <= Calendar.AddWorkingTime(later, workingTime).At,
                $"{workingTime} from {Shanghai.Text(earlier)} ends after the same from {Shanghai.Text(later)}");
        }
    }

    [Fact]
    public void WorkingTimeBetween_TheStartAndTheDeadline_IsTheTimeAdded()
    {
        var random = new Random(3);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var workingTime = RandomWorkingTime(random);

            var deadline = Calendar.AddWorkingTime(start, workingTime);

            Assert.Equal(workingTime, Calendar.WorkingTimeBetween(start, deadline.At));
            Assert.Equal(WorkCalendar.Offset, deadline.At.Offset);
        }
    }

    [Fact]
    public void AddWorkingTime_EndsRightAfterWorkingTime()
    {
        var random = new Random(4);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var workingTime = RandomWorkingTime(random) + TimeSpan.FromTicks(1);

            var deadline = Calendar.AddWorkingTime(start, workingTime).At;

            Assert.True(Calendar.IsWorkingTime(deadline.AddTicks(-1)), $"{workingTime} from {Shanghai.Text(start)} ends at {Shanghai.Text(deadline)}");
        }
    }

    [Fact]
    public void AddWorkingDays_AlwaysEndsAtTheCloseOfAWorkingDay()
    {
        var random = new Random(5);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var days = random.Next(1, 31);

            var deadline = Calendar.AddWorkingDays(start, days).At;

            Assert.Equal(WorkCalendar.Offset, deadline.Offset);
            Assert.Equal(Calendar.ClosingTime, TimeOnly.FromDateTime(deadline.DateTime));
            Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(deadline.DateTime)), $"{days} days from {Shanghai.Text(start)} end on a rest day");
            // That many working days lie after the start's day, up to the deadline's day.
            Assert.Equal(days, Calendar.WorkingDaysLeftAtPause(deadline, start));
        }
    }

    [Fact]
    public void AddWorkingDays_IsMonotonicInTheStartAndTheDays()
    {
        var random = new Random(6);
        for (var i = 0; i < Samples; i++)
        {
            var (earlier, later) = Sorted(RandomInstant(random, 2024, 2026), RandomInstant(random, 2024, 2026));
            var days = random.Next(1, 31);

            Assert.True(Calendar.AddWorkingDays(earlier, days).At <= Calendar.AddWorkingDays(later, days).At);
            Assert.True(Calendar.AddWorkingDays(earlier, days).At < Calendar.AddWorkingDays(earlier, days + 1).At);
        }
    }

    [Fact]
    public void AddNaturalDays_EndsAtMidnightAfterAWorkingDayOrAtTheCloseOfOne()
    {
        var random = new Random(7);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var days = random.Next(1, 31);
            var lastDay = DateOnly.FromDateTime(start.ToOffset(WorkCalendar.Offset).DateTime).AddDays(days);

            var deadline = Calendar.AddNaturalDays(start, days).At;

            if (Calendar.IsWorkingDay(lastDay))
            {
                Assert.Equal(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), deadline.DateTime);
            }
            else
            {
                var day = DateOnly.FromDateTime(deadline.DateTime);
                Assert.Equal(Calendar.ClosingTime, TimeOnly.FromDateTime(deadline.DateTime));
                Assert.True(Calendar.IsWorkingDay(day));
                Assert.Equal(1, Calendar.WorkingDaysLeftAtPause(deadline, new DateTimeOffset(lastDay.ToDateTime(TimeOnly.MinValue), WorkCalendar.Offset)));
            }
            Assert.Equal(WorkCalendar.Offset, deadline.Offset);
        }
    }

    [Fact]
    public void WorkingTimeBetween_AddsUpOverConsecutiveSpans()
    {
        var random = new Random(8);
        for (var i = 0; i < Samples; i++)
        {
            var instants = new[] { RandomInstant(random, 2024, 2026), RandomInstant(random, 2024, 2026), RandomInstant(random, 2024, 2026) };
            Array.Sort(instants);
            var (a, b, c) = (instants[0], instants[1], instants[2]);

            Assert.Equal(Calendar.WorkingTimeBetween(a, c), Calendar.WorkingTimeBetween(a, b) + Calendar.WorkingTimeBetween(b, c));
            Assert.Equal(-Calendar.WorkingTimeBetween(a, c), Calendar.WorkingTimeBetween(c, a));
        }
    }

    [Fact]
    public void NextWorkingInstant_IsWorkingTimeWithNoneSkipped()
    {
        var random = new Random(9);
        for (var i = 0; i < Samples; i++)
        {
            var instant = RandomInstant(random, 2024, 2026);

            var next = Calendar.NextWorkingInstant(instant);

            Assert.True(next >= instant);
            Assert.True(Calendar.IsWorkingTime(next));
            Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(instant, next));
            Assert.Equal(WorkCalendar.Offset, next.Offset);
        }
    }

    [Fact]
    public void ResumingAtTheMomentOfThePause_GivesBackTheSameDeadline()
    {
        var random = new Random(10);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2024, 2026);
            var byDays = Calendar.AddWorkingDays(start, random.Next(1, 31)).At;
            var byHours = Calendar.AddWorkingTime(start, RandomWorkingTime(random) + TimeSpan.FromTicks(1)).At;
            var pausedInDays = RandomInstantBetween(random, start, byDays);
            var pausedInHours = RandomInstantBetween(random, start, byHours);

            Assert.Equal(byDays, Calendar.DeadlineAfterResume(Calendar.WorkingDaysLeftAtPause(byDays, pausedInDays), pausedInDays).At);
            Assert.Equal(byHours, Calendar.DeadlineAfterResume(Calendar.WorkingTimeLeftAtPause(byHours, pausedInHours), pausedInHours).At);
        }
    }

    [Fact]
    public void EveryCount_ThroughAYearWithoutEntries_IsProvisional()
    {
        var random = new Random(11);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2027, 2030);
            var limit = new TimeLimit(random.Next(1, 60), (TimeLimitUnit)random.Next(3));

            Assert.True(Calendar.DeadlineFor(start, limit).Provisional, $"{limit} from {Shanghai.Text(start)}");
        }
    }

    [Fact]
    public void WorkingCounts_AreProvisionalExactlyWhenTheyLeaveTheEnteredYears()
    {
        var random = new Random(12);
        for (var i = 0; i < Samples; i++)
        {
            var start = RandomInstant(random, 2023, 2027);
            var startYear = start.ToOffset(WorkCalendar.Offset).Year;

            var byHours = Calendar.AddWorkingTime(start, RandomWorkingTime(random));
            var byDays = Calendar.AddWorkingDays(start, random.Next(1, 31));

            Assert.Equal(startYear < 2024 || byHours.At.Year > 2026, byHours.Provisional);
            Assert.Equal(startYear < 2024 || byDays.At.Year > 2026, byDays.Provisional);
        }
    }

    [Fact]
    public void YearsWithoutEntries_RestOnWeekendsOnly()
    {
        foreach (var (first, last) in new[] { (new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31)), (new DateOnly(2027, 1, 1), new DateOnly(2030, 12, 31)) })
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                Assert.Equal(day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), Calendar.IsWorkingDay(day));
            }
        }
    }

    /// <summary>Any instant of the years <paramref name="firstYear"/> to <paramref name="lastYear"/> in Beijing, given in one of several offsets.</summary>
    /// <summary>
    /// The counted working time (the working time of each instant since day one, one from the other) is the walked one: the
    /// working periods of every day between, as far apart as years, across days off on weekdays and weekends, make-up
    /// working days and years outside the calendar, with the official hours and with hours of another shape.
    /// </summary>
    [Fact]
    public void WorkingTimeBetween_IsTheWorkingPeriodsWalkedDayByDay()
    {
        var odd = new WorkCalendar(
            [2025],
            new Dictionary<DateOnly, string?> { [new(2025, 3, 3)] = "一", [new(2025, 3, 8)] = "周六", [new(2025, 12, 31)] = null },
            [new DateOnly(2025, 3, 9), new DateOnly(2025, 6, 14)],
            [new(new TimeOnly(0, 0), new TimeOnly(0, 0, 1)), new(new TimeOnly(9, 15), new TimeOnly(11, 45, 30)), new(new TimeOnly(22, 0), TimeOnly.MaxValue)]);
        var random = new Random(9);
        foreach (var calendar in new[] { Calendar, odd })
        {
            for (var i = 0; i < Samples; i++)
            {
                var from = RandomInstant(random, 2023, 2027);
                var to = random.Next(4) == 0 ? from.AddTicks(random.NextInt64(TimeSpan.FromDays(3).Ticks)) : RandomInstant(random, 2023, 2027);

                Assert.True(Walked(calendar, from, to) == calendar.WorkingTimeBetween(from, to),
                    $"{Shanghai.Text(from)} → {Shanghai.Text(to)}: walked {Walked(calendar, from, to)}, counted {calendar.WorkingTimeBetween(from, to)}");
            }
        }
    }

    /// <summary>The working time walked period by period, day by day: slow and plain.</summary>
    private static TimeSpan Walked(WorkCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Walked(calendar, to, from);
        }
        var total = TimeSpan.Zero;
        for (var day = WorkCalendar.DayOf(from); day <= WorkCalendar.DayOf(to); day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }
            foreach (var period in calendar.WorkingPeriods)
            {
                var start = new DateTimeOffset(day.ToDateTime(period.Start), WorkCalendar.Offset);
                var end = new DateTimeOffset(day.ToDateTime(period.End), WorkCalendar.Offset);
                var (a, b) = (start > from ? start : from, end < to ? end : to);
                if (b > a)
                {
                    total += b - a;
                }
            }
        }
        return total;
    }

    private static DateTimeOffset RandomInstant(Random random, int firstYear, int lastYear)
    {
        var first = new DateTimeOffset(firstYear, 1, 1, 0, 0, 0, WorkCalendar.Offset);
        var end = new DateTimeOffset(lastYear + 1, 1, 1, 0, 0, 0, WorkCalendar.Offset);
        var instant = first.AddTicks(random.NextInt64(end.Ticks - first.Ticks));
        if (random.Next(3) == 0)
        {
            instant = new DateTimeOffset(instant.Date + Edges[random.Next(Edges.Length)].ToTimeSpan(), WorkCalendar.Offset);
        }
        return instant.ToOffset(Offsets[random.Next(Offsets.Length)]);
    }

    private static DateTimeOffset RandomInstantBetween(Random random, DateTimeOffset from, DateTimeOffset before) =>
        from.AddTicks(random.NextInt64((before - from).Ticks));

    /// <summary>Up to about eight working days, to the tick; sometimes whole hours, as the policies set them.</summary>
    private static TimeSpan RandomWorkingTime(Random random) =>
        random.Next(3) == 0 ? TimeSpan.FromHours(random.Next(0, 61)) : TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromHours(60).Ticks));

    private static (T Low, T High) Sorted<T>(T one, T other) where T : IComparable<T> =>
        one.CompareTo(other) <= 0 ? (one, other) : (other, one);
}
