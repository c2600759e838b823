using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Importing a year from a file. The 2027 year in these files is made up for the tests; it is not
/// the State Council's schedule.
/// </summary>
public class CalendarImportTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    public const string Json2027 = """
        {
          "year": 2027,
          "notice": "测试通知（非官方）",
          "offDays": [
            { "date": "2027-01-01", "name": "元旦" },
            { "date": "2027-02-06", "name": "春节" }, { "date": "2027-02-07", "name": "春节" },
            { "date": "2027-02-08", "name": "春节" }, { "date": "2027-02-09", "name": "春节" },
            { "date": "2027-02-10", "name": "春节" }, { "date": "2027-02-11", "name": "春节" },
            { "date": "2027-02-12", "name": "春节" },
            "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"
          ],
          "workDays": [
            { "date": "2027-02-20", "name": "春节" },
            "2027-09-26",
            "2027-10-09"
          ]
        }
        """;

    public const string Csv2027 = """
        date,kind,name
        # 测试数据，非官方安排
        2027-01-01,off,元旦
        2027-02-06,off,春节
        2027-02-07,off,春节
        2027-02-08,放假,春节
        2027-02-09,off,春节
        2027-02-10,off,春节
        2027-02-11,off,"春节"
        2027-02-12,off,春节
        2027-02-20,work,春节

        2027-10-01,off
        2027-10-04,off,
        2027-10-05,off,
        2027-10-06,off,
        2027-10-07,off,
        2027-09-26,上班,
        2027-10-09,work,
        """;

    private static readonly DateOnly[] DaysOff2027 =
    [
        new(2027, 1, 1), new(2027, 2, 6), new(2027, 2, 7), new(2027, 2, 8), new(2027, 2, 9), new(2027, 2, 10), new(2027, 2, 11),
        new(2027, 2, 12), new(2027, 10, 1), new(2027, 10, 4), new(2027, 10, 5), new(2027, 10, 6), new(2027, 10, 7),
    ];

    private static readonly DateOnly[] MakeUpWorkingDays2027 = [new(2027, 2, 20), new(2027, 9, 26), new(2027, 10, 9)];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, CalendarFileFormat.Json)]
    [InlineData(DatabaseProvider.Sqlite, CalendarFileFormat.Csv)]
    [InlineData(DatabaseProvider.Postgres, CalendarFileFormat.Json)]
    [InlineData(DatabaseProvider.Postgres, CalendarFileFormat.Csv)]
    public async Task Import_AWellFormedFile_AddsTheYearWhole(DatabaseProvider provider, CalendarFileFormat format)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);

        var result = await portal.CalendarAsync(service =>
            service.ImportAsync(format == CalendarFileFormat.Json ? Json2027 : Csv2027, format, "admin-1"));

        Assert.Equal(new CalendarImportResult(2027, 13, 3, false, result.Errors), result);
        Assert.Empty(result.Errors);
        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.Contains(2027, calendar.Years);
        Assert.Equal(DaysOff2027, calendar.DaysOff.Keys.Where(d => d.Year == 2027).Order());
        Assert.Equal(MakeUpWorkingDays2027, calendar.MakeUpWorkingDays.Where(d => d.Year == 2027).Order());
        var year = await portal.CalendarAsync(service => service.GetYearAsync(2027));
        Assert.Equal(format == CalendarFileFormat.Json ? "测试通知（非官方）" : null, year!.Notice);
        Assert.Equal("春节", year.Days.Single(d => d.Date == new DateOnly(2027, 2, 11)).Name);
        Assert.Equal("春节", year.Days.Single(d => d.Date == new DateOnly(2027, 2, 20)).Name);
        Assert.Null(year.Days.Single(d => d.Date == new DateOnly(2027, 10, 1)).Name);
        // 2 working hours from Friday 5 February 16:00 run over the holiday; 1 working day from Friday 19 February ends on the make-up Saturday.
        var acrossTheHoliday = calendar.AddWorkingHours(new DateTimeOffset(2027, 2, 5, 16, 0, 0, WorkCalendar.Offset), 2);
        Assert.Equal(new DateTimeOffset(2027, 2, 15, 9, 0, 0, WorkCalendar.Offset), acrossTheHoliday.At);
        Assert.False(acrossTheHoliday.Provisional);
        Assert.Equal(new DateTimeOffset(2027, 2, 20, 17, 30, 0, WorkCalendar.Offset),
            calendar.AddWorkingDays(new DateTimeOffset(2027, 2, 19, 10, 0, 0, WorkCalendar.Offset), 1).At);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_AYearTheCalendarHolds_ReplacesItsEntries(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        const string csv = "date,kind,name\n2026-01-01,off,元旦\n2026-02-14,work,春节\n";

        var result = await portal.CalendarAsync(service => service.ImportAsync(csv, CalendarFileFormat.Csv, "admin-1"));

        Assert.True(result.Succeeded);
        Assert.True(result.ReplacedExisting);
        var year = await portal.CalendarAsync(service => service.GetYearAsync(2026));
        Assert.Equal(
            [new CalendarDayEntry(new DateOnly(2026, 1, 1), CalendarEntryKind.DayOff, "元旦"), new CalendarDayEntry(new DateOnly(2026, 2, 14), CalendarEntryKind.MakeUpWorkingDay, "春节")],
            year!.Days);
        Assert.Null(year.Notice);
        Assert.True((await portal.CalendarAsync(service => service.GetCalendarAsync())).IsWorkingDay(new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public async Task Import_TheJsonTheYearEndpointAnswersWith_IsAccepted()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);
        const string json = """{"year":2027,"offDays":["2027-01-01"],"workDays":["2027-02-20"]}""";

        var result = await portal.CalendarAsync(service => service.ImportAsync(json, CalendarFileFormat.Json, "admin-1"));

        Assert.Equal((2027, 1, 1), (result.Year, result.DaysOff, result.MakeUpWorkingDays));
    }

    /// <summary>Each file is refused whole; the errors name every bad line (lines counted from 1).</summary>
    public static readonly Dictionary<string, (CalendarFileFormat Format, string Text, CalendarError[] Errors)> BadFiles = new()
    {
        ["json: malformed date"] = (CalendarFileFormat.Json, """
            {
              "year": 2027,
              "offDays": [
                "2027-01-01",
                "2027-13-01"
              ]
            }
            """, [new(5, CalendarProblem.MalformedDate, "2027-13-01")]),
        ["csv: malformed date"] = (CalendarFileFormat.Csv, "date,kind,name\n2027-01-01,off,元旦\n2027/02/06,off,春节\n",
            [new(3, CalendarProblem.MalformedDate, "2027/02/06")]),
        ["json: duplicate date"] = (CalendarFileFormat.Json, """
            {
              "year": 2027,
              "offDays": ["2027-01-01", "2027-02-06"],
              "workDays": [
                { "date": "2027-02-06", "name": "春节" }
              ]
            }
            """, [new(5, CalendarProblem.DuplicateDate, "2027-02-06", "3")]),
        ["csv: duplicate date"] = (CalendarFileFormat.Csv, "2027-01-01,off,元旦\n2027-02-06,off,春节\n\n2027-01-01,off,元旦\n",
            [new(4, CalendarProblem.DuplicateDate, "2027-01-01", "1")]),
        ["json: make-up working day on a weekday"] = (CalendarFileFormat.Json, """
            {
              "year": 2027,
              "offDays": ["2027-01-01"],
              "workDays": ["2027-02-20", "2027-03-03"]
            }
            """, [new(4, CalendarProblem.MakeUpDayNotOnWeekend, "2027-03-03")]),
        ["csv: make-up working day on a weekday"] = (CalendarFileFormat.Csv, "date,kind,name\n2027-03-03,work,春节\n",
            [new(2, CalendarProblem.MakeUpDayNotOnWeekend, "2027-03-03")]),
        ["json: year before 2000"] = (CalendarFileFormat.Json, """
            {
              "year": 1999,
              "offDays": ["1999-10-01"]
            }
            """, [new(2, CalendarProblem.YearOutOfRange, "1999")]),
        ["csv: year after 2100"] = (CalendarFileFormat.Csv, "date,kind\n2101-01-01,off\n2101-01-02,off\n",
            [new(2, CalendarProblem.YearOutOfRange, "2101")]),
        ["csv: a date of another year"] = (CalendarFileFormat.Csv, "2027-01-01,off\n2028-01-01,off\n1999-12-31,off\n",
            [new(2, CalendarProblem.DateOutsideYear, "2028-01-01", "2027"), new(3, CalendarProblem.YearOutOfRange, "1999")]),
        ["json: a date of another year"] = (CalendarFileFormat.Json, """{ "year": 2027, "offDays": ["2026-12-31"] }""",
            [new(1, CalendarProblem.DateOutsideYear, "2026-12-31", "2027")]),
        ["csv: every bad line at once"] = (CalendarFileFormat.Csv,
            "date,kind,name\n2027-01-01,off,元旦\n2027-01-32,off\n2027-01-01,off\n2027-03-03,work\n2027-05-01,holiday\n2027-05-02\n2027-05-03,off,\"五一\n",
            [
                new(3, CalendarProblem.MalformedDate, "2027-01-32"), new(4, CalendarProblem.DuplicateDate, "2027-01-01", "2"),
                new(5, CalendarProblem.MakeUpDayNotOnWeekend, "2027-03-03"), new(6, CalendarProblem.UnknownKind, "holiday"),
                new(7, CalendarProblem.MalformedEntry), new(8, CalendarProblem.MalformedEntry),
            ]),
        ["json: a missing comma"] = (CalendarFileFormat.Json, "{\n  \"year\": 2027\n  \"offDays\": []\n}\n",
            [new(3, CalendarProblem.MalformedJson)]),
        ["json: no year"] = (CalendarFileFormat.Json, """{ "offDays": ["2027-01-01"] }""", [new(null, CalendarProblem.MissingYear)]),
        ["json: a year as text, a misspelt field, an entry without a date"] = (CalendarFileFormat.Json, """
            {
              "year": "2027",
              "offdays": [{ "name": "元旦" }, 20270101],
              "makeUpDays": ["2027-02-20"]
            }
            """,
            [
                new(2, CalendarProblem.MalformedField, "year"), new(3, CalendarProblem.MalformedEntry),
                new(3, CalendarProblem.MalformedEntry), new(4, CalendarProblem.UnknownField, "makeUpDays"),
            ]),
        ["json: an overlong name and notice"] = (CalendarFileFormat.Json,
            $"{{\n\"year\": 2027,\n\"notice\": \"{new string('文', 65)}\",\n\"offDays\": [{{ \"date\": \"2027-01-01\", \"name\": \"{new string('节', 33)}\" }}]\n}}",
            [new(3, CalendarProblem.NoticeTooLong, "64"), new(4, CalendarProblem.NameTooLong, "32")]),
        ["csv: only a header"] = (CalendarFileFormat.Csv, "date,kind,name\n", [new(null, CalendarProblem.NoEntries)]),
    };

    public static TheoryData<DatabaseProvider, string> BadFileCases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in BadFiles.Keys)
            {
                data.Add(provider, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFileCases))]
    public async Task Import_ABadFile_IsRefusedWholeWithEachLine(DatabaseProvider provider, string file)
    {
        var portal = await portals.ForAsync(provider);
        var (format, text, expected) = BadFiles[file];
        var before = await SnapshotAsync(portal);

        var result = await portal.CalendarAsync(service => service.ImportAsync(text, format, "admin-1"));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Errors, ErrorComparer.Instance);
        Assert.Equal(before, await SnapshotAsync(portal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_ABadFileForAYearTheCalendarHolds_LeavesThatYearAsItWas(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var before = await portal.CalendarAsync(service => service.GetYearAsync(2026));

        var result = await portal.CalendarAsync(service =>
            service.ImportAsync("2026-01-01,off,元旦\n2026-01-05,work,\n", CalendarFileFormat.Csv, "admin-1"));

        Assert.Equal([new CalendarError(2, CalendarProblem.MakeUpDayNotOnWeekend, "2026-01-05")], result.Errors, ErrorComparer.Instance);
        Assert.Equal(before!.Days, (await portal.CalendarAsync(service => service.GetYearAsync(2026)))!.Days);
    }

    [Fact]
    public void Decode_ReadsUtf8WithOrWithoutAMarkAndFallsBackToGb18030()
    {
        var text = "2027-01-01,off,元旦";
        var gb18030 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

        Assert.Equal(text, CalendarFile.Decode(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, CalendarFile.Decode([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(text, CalendarFile.Decode(gb18030.GetBytes(text)));
    }

    [Theory]
    [InlineData("2027.json", CalendarFileFormat.Json)]
    [InlineData("节假日.CSV", CalendarFileFormat.Csv)]
    [InlineData("2027.xlsx", null)]
    public void FormatOf_TheFileName_GivesTheFormat(string name, CalendarFileFormat? format) =>
        Assert.Equal(format, CalendarFile.FormatOf(name));

    private static async Task<(long, string)> SnapshotAsync(SeededPortal portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var revision = await db.CalendarRevisions.Select(r => r.Number).SingleAsync();
        var entries = await db.CalendarYears.SelectMany(y => y.Entries).OrderBy(e => e.Date).Select(e => e.Date.ToString() + e.Kind + e.Name).ToListAsync();
        return (revision, string.Join("|", entries));
    }
}
