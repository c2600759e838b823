using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// The workspace's rows of the authorisation matrix, beside <see cref="RequestAuthorisationMatrixTests"/> and with its
/// cast and stages: a list shows the fresh request (O) or does not (N); a picker of an action's dialog offers choices (O)
/// or none (N); logging on behalf and a file for a staff message are done (O), refused with a reason (R) or find no such
/// enterprise or request (N).
/// </summary>
public class WorkspaceAuthorisationMatrixTests(RequestAuthorisationMatrixTests.Portals portals)
    : IClassFixture<RequestAuthorisationMatrixTests.Portals>
{
    private static readonly string[] Cast =
    [
        "enterprise@yqby.test", "enterprise2@yqby.test", "commissioner@yqby.test", "commissioner2@yqby.test",
        "zrzy.handler@yqby.test", "zrzy.head@yqby.test", "fgj.handler@yqby.test", "swj.handler@yqby.test",
        "cadre@yqby.test", "cadre2@yqby.test", "supervisor@yqby.test", "admin@yqby.test",
    ];

    private static readonly Row[] Matrix =
    [
        //                                                                                          ent ent2 com com2 lead head co  oth cad cad2 sup adm
        new("Queue", Stage.Dispatched, null, async c => Shows(c, (await c.Use<WorkQueue>().ListAsync(c.User, new QueueQuery(QueueTab.Dispatched, Search: c.Number))).Rows.Select(r => r.Number)),
                                                                                                   "N   N    O   N    O    O    O   N   O   N    O   O"),
        new("QueueNeedsMe", Stage.Dispatched, null, async c => Shows(c, (await c.Use<WorkQueue>().ListAsync(c.User, new QueueQuery(QueueTab.Dispatched, Search: c.Number, NeedsMe: true))).Rows.Select(r => r.Number)),
                                                                                                   "N   N    N   N    O    O    O   N   N   N    N   N"),
        new("DispatchQueue", Stage.Submitted, ReturnedToTheSupervisorAsync, async c => Shows(c, (await c.Use<SupervisorDesk>().DispatchQueueAsync(c.User)).Rows.Select(r => r.Number)),
                                                                                                   "N   N    N   N    N    N    N   N   N   N    O   N"),
        new("PendingExtensions", Stage.ExtensionRequested, null, async c => Shows(c, (await c.Use<SupervisorDesk>().PendingExtensionsAsync(c.User)).Rows.Select(r => r.Number)),
                                                                                                   "N   N    N   N    N    N    N   N   N   N    O   N"),
        new("EnterpriseCard", Stage.Dispatched, null, async c => _ = await c.Use<EnterpriseCards>().ForRequestAsync(c.User, c.Number) ?? throw new RequestNotFoundException(c.Number),
                                                                                                   "N   N    O   N    O    O    O   N   O   N    O   O"),
        new("LogOnBehalf", Stage.None, null, c => c.Requests.SubmitAsync(c.User, new SubmitRequestInput(
                c.Ids.Enterprise, c.Ids.Category, Urgency.Normal, RequestChannel.Phone, "电话反映：用电增容", "企业来电反映用电增容需求。")),
                                                                                                   "R   N    O   N    R    R    R   R   R   R    R   R"),
        new("AttachToMessage", Stage.Dispatched, null, async c => _ = await c.Use<AttachmentService>().AddToMessageAsync(c.User, c.Number, "现场照片.pdf", new MemoryStream(SampleFiles.Pdf()))
                ?? throw new RequestNotFoundException(c.Number),
                                                                                                   "R   R    O   N    O    O    O   N   O   N    O   R"),
        new("DepartmentChoices", Stage.None, null, async c => Offers(c, await c.Use<ActionChoices>().DepartmentsAsync(c.User)),
                                                                                                   "N   N    O   O    O    O    O   O   N   N    O   N"),
        new("HandlerChoices", Stage.None, null, async c => Offers(c, await c.Use<ActionChoices>().HandlersAsync(c.User)),
                                                                                                   "N   N    N   N    N    O    N   N   N   N    N   N"),
        new("CommissionerChoices", Stage.None, null, async c => Offers(c, await c.Use<ActionChoices>().CommissionersAsync(c.User)),
                                                                                                   "N   N    N   N    N    N    N   N   N   N    O   N"),
    ];

    public static TheoryData<DatabaseProvider, string, string> Cells() => AuthorisationMatrix.Cells(Matrix.Select(r => r.Action), Cast);

    [Fact]
    public void EveryRow_HasACellForEachMemberOfTheCast() =>
        Assert.All(Matrix, row => Assert.Equal(Cast.Length, AuthorisationMatrix.Letters(row.Expected).Length));

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task List_OrLogOnBehalf_ByEachMemberOfTheCast_IsAsTheMatrixSays(DatabaseProvider provider, string action, string who)
    {
        var staged = await portals.ForAsync(provider);
        var row = Matrix.Single(r => r.Action == action);
        var expected = AuthorisationMatrix.Letters(row.Expected)[Array.IndexOf(Cast, who)];
        var (number, version) = await staged.StageAsync(row.Stage);
        if (row.Prepare is { } prepare)
        {
            version = await prepare(staged, number!, version);
        }
        var user = await staged.Portal.UserAsync(who);
        var requestsBefore = await staged.Portal.QueryAsync(db => db.ServiceRequests.CountAsync());

        staged.Time.Advance(TimeSpan.FromMinutes(1));
        await using var scope = staged.Portal.Services.CreateAsyncScope();
        var failure = await Record.ExceptionAsync(() => row.Call(new Cell(scope.ServiceProvider, user, number ?? "", staged.Ids)));

        var outcome = AuthorisationMatrix.OutcomeOf(failure);
        Assert.True(expected == outcome, $"{action} by {who}: expected {expected}, got {outcome} {failure?.Message}");
        if (action == "LogOnBehalf")
        {
            Assert.Equal(requestsBefore + (outcome == "O" ? 1 : 0), await staged.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
        }
    }

    /// <summary>The supervisor dispatched it and the lead department returned it: back with the supervisors to dispatch.</summary>
    private static async Task<int> ReturnedToTheSupervisorAsync(StagedPortal staged, string number, int version)
    {
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");
        var handler = await staged.Portal.UserAsync("zrzy.handler@yqby.test");
        await staged.Portal.RequestsAsync(s => s.DispatchAsync(supervisor, number, version, staged.Ids.Lead));
        await staged.Portal.RequestsAsync(s => s.ReturnAsync(handler, number, version + 1, ReturnReason.NotOurResponsibility, "不属本部门职责"));
        return version + 2;
    }

    /// <summary>A list "finds" the request when it holds it, and otherwise answers as a request out of scope would.</summary>
    private static void Shows(Cell cell, IEnumerable<string> numbers)
    {
        if (!numbers.Contains(cell.Number))
        {
            throw new RequestNotFoundException(cell.Number);
        }
    }

    /// <summary>A picker "finds" when it offers the user anything; a role that does not take the action is offered nothing.</summary>
    private static void Offers<T>(Cell cell, IReadOnlyCollection<T> choices)
    {
        if (choices.Count == 0)
        {
            throw new RequestNotFoundException(cell.Number);
        }
    }

    public sealed record Cell(IServiceProvider Services, PortalUser User, string Number, Ids Ids)
    {
        public T Use<T>() where T : notnull => Services.GetRequiredService<T>();

        public RequestService Requests => Use<RequestService>();
    }

    public sealed record Row(string Action, Stage Stage, Func<StagedPortal, string, int, Task<int>>? Prepare, Func<Cell, Task> Call, string Expected);
}
