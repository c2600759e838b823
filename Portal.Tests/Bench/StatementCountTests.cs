using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Attachments;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Bench;

/// <summary>
/// No N+1 queries: the SQL statements a signed-in commissioner's prerendered queue page and request page send do
/// not grow with the rows they show (3 vs 30 requests in the queue, 2 vs 20 timeline entries, each note with a file, on the request).
/// Counted by an EF Core interceptor in the real portal, per HTTP request.
/// </summary>
public class StatementCountTests
{
    private const string Commissioner = "commissioner@yqby.test";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheQueuePage_SendsAsManyStatementsForThirtyRequestsAsForThree(DatabaseProvider provider)
    {
        var (portal, counter) = await StatementCounter.StartAsync(provider);
        await using var _ = portal;
        using var client = await FormLogin.SignedInClientAsync(portal, Commissioner);
        var numbers = new List<string>();
        numbers.AddRange(await SubmitAsync(portal, 3));
        await GetAsync(client, "/workspace", "warm-up");

        var few = await GetAsync(client, "/workspace", "queue-3");
        numbers.AddRange(await SubmitAsync(portal, 27));
        var many = await GetAsync(client, "/workspace", "queue-30");

        Assert.All(numbers[..3], n => Assert.Contains($"data-number=\"{n}\"", few, StringComparison.Ordinal));
        Assert.All(numbers, n => Assert.Contains($"data-number=\"{n}\"", many, StringComparison.Ordinal));
        AssertSameCount(counter.For("queue-3"), counter.For("queue-30"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheRequestPage_SendsAsManyStatementsForTwentyTimelineEntriesAsForTwo(DatabaseProvider provider)
    {
        var (portal, counter) = await StatementCounter.StartAsync(provider);
        await using var _ = portal;
        using var client = await FormLogin.SignedInClientAsync(portal, Commissioner);
        var number = (await SubmitAsync(portal, 1))[0];
        await NoteAsync(portal, number, 1);
        await GetAsync(client, $"/requests/{number}", "warm-up");

        var few = await GetAsync(client, $"/requests/{number}", "request-2");
        await NoteAsync(portal, number, 18);
        var many = await GetAsync(client, $"/requests/{number}", "request-20");

        Assert.Contains("笔记 1 ", few, StringComparison.Ordinal);
        Assert.DoesNotContain("笔记 2 ", few, StringComparison.Ordinal);
        Assert.Contains("笔记 19 ", many, StringComparison.Ordinal);
        Assert.Contains("note-1.pdf", few, StringComparison.Ordinal);
        Assert.Contains("note-19.pdf", many, StringComparison.Ordinal);
        AssertSameCount(counter.For("request-2"), counter.For("request-20"));
    }

    /// <summary>
    /// The interactive run after prerendering reads what prerendering handed over ([PersistentState]): the circuit
    /// sends no statement about requests while opening the queue or a request page.
    /// </summary>
    [Fact]
    public async Task TheInteractiveRun_DoesNotQueryTheRequestsThatPrerenderingLoaded()
    {
        var (portal, counter) = await StatementCounter.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        await using var _ = portal;
        var number = (await SubmitAsync(portal, 3))[0];
        await Chromium.RunAsync(nameof(TheInteractiveRun_DoesNotQueryTheRequestsThatPrerenderingLoaded), async page =>
        {
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, Commissioner);
            foreach (var path in new[] { "/workspace", $"/requests/{number}" })
            {
                counter.Clear();
                await page.GotoAsync(new Uri(portal.ServerAddress, path).ToString());
                await BrowserLogin.InteractiveAsync(page);
                await page.Locator($"text={number}").First.WaitForAsync();
                await Task.Delay(1000);

                Assert.Contains(counter.All, s => s.Contains("ServiceRequests", StringComparison.Ordinal));
                var again = counter.ForPath("/_blazor").Where(s => s.Contains("ServiceRequests", StringComparison.Ordinal)).ToList();
                Assert.True(again.Count == 0, $"{path}: the interactive run queried requests again:\n{string.Join("\n;\n", again)}");
            }
        });
    }

    private static void AssertSameCount(IReadOnlyList<string> few, IReadOnlyList<string> many)
    {
        Assert.NotEmpty(few);
        Assert.True(few.Count == many.Count,
            $"{few.Count} statements with few rows, {many.Count} with many:\n--- few\n{string.Join("\n;\n", few)}\n--- many\n{string.Join("\n;\n", many)}");
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string trace)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(StatementCounter.TraceHeader, trace);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<IReadOnlyList<string>> SubmitAsync(PortalFactory portal, int count)
    {
        var user = await portal.Services.UserAsync("enterprise@yqby.test");
        var land = await portal.Services.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await portal.Services.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
                user.EnterpriseId!.Value, land, Urgency.Normal, RequestChannel.Portal, "用地指标协调 " + i, "请协调建设用地指标。"))));
        }
        return numbers;
    }

    /// <summary>Adds <paramref name="count"/> internal notes by the commissioner, each a timeline entry with a file.</summary>
    private static async Task NoteAsync(PortalFactory portal, string number, int count)
    {
        var user = await portal.Services.UserAsync(Commissioner);
        for (var i = 0; i < count; i++)
        {
            var details = await portal.Services.RequestAsync(Commissioner, number);
            var n = details.Timeline.Count(e => e.Action == RequestAction.InternalNote) + 1;
            await using var scope = portal.Services.CreateAsyncScope();
            var file = await scope.ServiceProvider.GetRequiredService<AttachmentService>()
                .AddToMessageAsync(user, number, $"note-{n}.pdf", new MemoryStream(SampleFiles.Pdf()));
            await scope.ServiceProvider.GetRequiredService<RequestService>()
                .InternalNoteAsync(user, number, details.Version, $"笔记 {n} 已电话联系企业。", [file!.Id]);
        }
    }
}
