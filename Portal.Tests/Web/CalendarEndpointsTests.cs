using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>The public calendar endpoints, anonymous, on the seeded official calendar.</summary>
public class CalendarEndpointsTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Year_2026_AnswersTheNoticesDaysOffAndMakeUpWorkingDaysExactly()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync("/api/v1/calendar/2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"year":2026,"offDays":["2026-01-01","2026-01-02","2026-01-03","2026-02-15","2026-02-16","2026-02-17","2026-02-18","2026-02-19","2026-02-20","2026-02-21","2026-02-22","2026-02-23","2026-04-04","2026-04-05","2026-04-06","2026-05-01","2026-05-02","2026-05-03","2026-05-04","2026-05-05","2026-06-19","2026-06-20","2026-06-21","2026-09-25","2026-09-26","2026-09-27","2026-10-01","2026-10-02","2026-10-03","2026-10-04","2026-10-05","2026-10-06","2026-10-07"],"workDays":["2026-01-04","2026-02-14","2026-02-28","2026-05-09","2026-09-20","2026-10-10"]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(2024, 28, new[] { "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12" })]
    [InlineData(2025, 28, new[] { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11" })]
    public async Task Year_EveryShippedYear_AnswersItsDays(int year, int daysOff, string[] workDays)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/calendar/{year}"));

        Assert.Equal(["year", "offDays", "workDays"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(year, json.RootElement.GetProperty("year").GetInt32());
        Assert.Equal(daysOff, json.RootElement.GetProperty("offDays").GetArrayLength());
        Assert.Equal(workDays, json.RootElement.GetProperty("workDays").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2030)]
    public async Task Year_WithoutEntries_IsNotFoundAsProblemDetailsInChinese(int year)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync($"/api/v1/calendar/{year}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal($"工作日历中没有 {year} 年的条目", problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>DESIGN.md §4's worked examples, through the endpoint.</summary>
    [Theory]
    [InlineData("2026-03-06T16:30:00+08:00", 2, "workingHours", "2026-03-09T09:30:00+08:00")]
    [InlineData("2026-03-04T09:00:00+08:00", 1, "workingDays", "2026-03-05T17:30:00+08:00")]
    [InlineData("2026-03-07T11:00:00+08:00", 1, "workingDays", "2026-03-09T17:30:00+08:00")]
    [InlineData("2026-03-02T10:00:00+08:00", 10, "workingDays", "2026-03-16T17:30:00+08:00")]
    [InlineData("2026-03-10T10:00:00+08:00", 8, "workingDays", "2026-03-20T17:30:00+08:00")]
    [InlineData("2026-02-13T10:00:00+08:00", 10, "workingDays", "2026-03-05T17:30:00+08:00")]
    [InlineData("2026-02-13T16:00:00+08:00", 2, "workingHours", "2026-02-14T09:00:00+08:00")]
    public async Task Deadline_DesignsWorkedExamples_AnswerAsDesignSays(string start, int amount, string unit, string deadline)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync(DeadlineUrl(start, amount.ToString(), unit));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"deadline":"{{deadline}}","provisional":false}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    // The same instant as 2026-02-13 16:00 in Beijing, given in UTC: the answer is still in +08:00.
    [InlineData("2026-02-13T08:00:00Z", 2, "workingHours", "2026-02-14T09:00:00+08:00", false)]
    // Across National Day 2026 (10-01 … 10-07 off, Saturday 10-10 worked).
    [InlineData("2026-09-30T10:00:00+08:00", 1, "workingDays", "2026-10-08T17:30:00+08:00", false)]
    // 7 natural days from Wednesday 2026-09-23: the 30th is worked, so 24:00 that day.
    [InlineData("2026-09-23T15:00:00+08:00", 7, "naturalDays", "2026-10-01T00:00:00+08:00", false)]
    // 7 natural days from 2026-09-25 end on 10-02, a holiday: moved to the close of the next working day.
    [InlineData("2026-09-25T15:00:00+08:00", 7, "naturalDays", "2026-10-08T17:30:00+08:00", false)]
    // Into 2027, which has no entries: counted with weekends only and flagged.
    [InlineData("2026-12-30T10:00:00+08:00", 10, "workingDays", "2027-01-13T17:30:00+08:00", true)]
    // Seconds are kept; the unit is read whatever its case.
    [InlineData("2026-03-02T10:15:30+08:00", 1, "WorkingHours", "2026-03-02T11:15:30+08:00", false)]
    public async Task Deadline_ForAnyOffsetAndUnit_AnswersInChinaStandardTime(string start, int amount, string unit, string deadline, bool provisional)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var json = JsonDocument.Parse(await client.GetStringAsync(DeadlineUrl(start, amount.ToString(), unit)));

        Assert.Equal(deadline, json.RootElement.GetProperty("deadline").GetString());
        Assert.Equal(provisional, json.RootElement.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task Deadline_WithThePlusOfTheOffsetLeftUnencoded_ReadsItAsPlus()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var json = JsonDocument.Parse(await client.GetStringAsync(
            "/api/v1/calendar/deadline?start=2026-03-04T09:00:00+08:00&amount=1&unit=workingDays"));

        Assert.Equal("2026-03-05T17:30:00+08:00", json.RootElement.GetProperty("deadline").GetString());
    }

    [Theory]
    [InlineData("2026-03-04T09:00:00+08:00", "1", "workingWeeks", "unit“workingWeeks”无效：应为 workingHours、workingDays 或 naturalDays")]
    [InlineData("2026-03-04T09:00:00+08:00", "1", null, "unit“”无效：应为 workingHours、workingDays 或 naturalDays")]
    [InlineData("2026-03-04T09:00:00+08:00", "0", "workingDays", "amount“0”无效：应为 1 至 999 的整数")]
    [InlineData("2026-03-04T09:00:00+08:00", "-2", "workingDays", "amount“-2”无效：应为 1 至 999 的整数")]
    [InlineData("2026-03-04T09:00:00+08:00", "1.5", "workingDays", "amount“1.5”无效：应为 1 至 999 的整数")]
    [InlineData("2026-03-04T09:00:00+08:00", "1000", "workingDays", "amount“1000”无效：应为 1 至 999 的整数")]
    [InlineData("2026-03-04T09:00:00+08:00", null, "workingDays", "amount“”无效：应为 1 至 999 的整数")]
    [InlineData("2026-03-04 09:00", "1", "workingDays", "start“2026-03-04 09:00”不是带时区偏移的 ISO 8601 时间，例如 2026-02-13T10:00:00+08:00")]
    [InlineData("yesterday", "1", "workingDays", "start“yesterday”不是带时区偏移的 ISO 8601 时间，例如 2026-02-13T10:00:00+08:00")]
    [InlineData("2026-02-30T09:00:00+08:00", "1", "workingDays", "start“2026-02-30T09:00:00+08:00”不是带时区偏移的 ISO 8601 时间，例如 2026-02-13T10:00:00+08:00")]
    [InlineData(null, "1", "workingDays", "缺少 start 参数：应为带时区偏移的 ISO 8601 时间，例如 2026-02-13T10:00:00+08:00")]
    [InlineData("2023-12-29T09:00:00+08:00", "1", "workingDays", "start 所在的 2023 年不在工作日历已录入的年份（2024, 2025, 2026）中")]
    [InlineData("2027-01-04T09:00:00+08:00", "1", "workingDays", "start 所在的 2027 年不在工作日历已录入的年份（2024, 2025, 2026）中")]
    // 16:30 UTC on 31 December 2026 is already 1 January 2027 in Beijing.
    [InlineData("2026-12-31T16:30:00Z", "1", "workingDays", "start 所在的 2027 年不在工作日历已录入的年份（2024, 2025, 2026）中")]
    public async Task Deadline_WithABadParameter_IsABadRequestSayingWhyInChinese(string? start, string? amount, string? unit, string detail)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync(DeadlineUrl(start, amount, unit));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("请求参数无效", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Deadline_WithABadParameter_SaysWhyInEnglishWhenTheUserChoseEnglish()
    {
        using var client = FormLogin.NewClient(host.Factory);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        using var response = await client.GetAsync(DeadlineUrl("2026-03-04T09:00:00+08:00", "0", "workingDays"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("amount \"0\" is invalid: give a whole number from 1 to 999", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Year_NotANumber_IsNotFound()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync("/api/v1/calendar/next");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string DeadlineUrl(string? start, string? amount, string? unit)
    {
        var query = new List<string>();
        if (start is not null)
        {
            query.Add("start=" + Uri.EscapeDataString(start));
        }
        if (amount is not null)
        {
            query.Add("amount=" + Uri.EscapeDataString(amount));
        }
        if (unit is not null)
        {
            query.Add("unit=" + Uri.EscapeDataString(unit));
        }
        return "/api/v1/calendar/deadline?" + string.Join("&", query);
    }
}
