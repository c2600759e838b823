using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Requests;

public class AutoCloseJobTests
{
    private static async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AutoCloseJob>().RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AResolvedRequest_AfterItsEvaluationWindow_IsClosedUnrated_Once_AndTheEnterpriseAndCommissionerAreTold(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (number, _) = await staged.StageAsync(Stage.Resolved);
        var window = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .SelectMany(r => r.Deadlines).SingleAsync(d => d.Kind == DeadlineKind.Evaluation));

        staged.Time.SetUtcNow(window.DueAt);
        Assert.Equal(0, await RunAsync(staged.Portal.Services));
        staged.Time.SetUtcNow(window.DueAt.AddMinutes(1));
        Assert.Equal(1, await RunAsync(staged.Portal.Services));
        Assert.Equal(0, await RunAsync(staged.Portal.Services));

        var request = await staged.Portal.QueryAsync(db => db.ServiceRequests.SingleAsync(r => r.Number == number));
        Assert.Equal((RequestState.Closed, false), (request.State, request.RatingCounts));
        var told = await staged.Portal.QueryAsync(db => (
            from n in db.PortalNotifications
            join u in db.Users on n.UserId equals u.Id
            where n.RequestNumber == number && n.Action == RequestAction.AutoClose
            select u.Email!).ToListAsync());
        Assert.Equal(["commissioner@yqby.test", "enterprise@yqby.test"], told.Order());
    }

    [Fact]
    public async Task TwoRunsAtOnce_CloseEachRequestOnce_AndNeitherFails()
    {
        // A minute's run over a large backlog outlasts the minute, so the next starts beside it on the same requests.
        var staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Postgres);
        await using var _ = staged.Portal;
        var numbers = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.Resolved)).Item1!);
        }
        var lastWindow = await staged.Portal.QueryAsync(db => db.ServiceRequests.SelectMany(r => r.Deadlines)
            .Where(d => d.Kind == DeadlineKind.Evaluation).MaxAsync(d => d.DueAt));
        staged.Time.SetUtcNow(lastWindow.AddMinutes(1));

        var closed = await Task.WhenAll(Task.Run(() => RunAsync(staged.Portal.Services)), Task.Run(() => RunAsync(staged.Portal.Services)));

        Assert.Equal(numbers.Count, closed.Sum());
        var closes = await staged.Portal.QueryAsync(db => db.ServiceRequests.SelectMany(r => r.Timeline).CountAsync(e => e.Action == RequestAction.AutoClose));
        Assert.Equal(numbers.Count, closes);
    }
}
