using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// Every service action and query, by each role and by an outsider of the same role, on a fresh
/// request in the stage where the action makes sense: done (O), refused with a reason (R), or not
/// found because the request lies outside the user's scope (N). Later issues add their rows.
/// </summary>
public class RequestAuthorisationMatrixTests(RequestAuthorisationMatrixTests.Portals portals)
    : IClassFixture<RequestAuthorisationMatrixTests.Portals>
{
    /// <summary>The cast, in the order of the columns below. The insiders belong to 创普斯, dispatched to 自然资源局 with 发改局 co-handling.</summary>
    private static readonly (string Name, string Email)[] Cast =
    [
        ("enterprise", "enterprise@yqby.test"),
        ("other enterprise", "enterprise2@yqby.test"),
        ("commissioner", "commissioner@yqby.test"),
        ("other commissioner", "commissioner2@yqby.test"),
        ("lead handler", "zrzy.handler@yqby.test"),
        ("lead head", "zrzy.head@yqby.test"),
        ("co-handler", "fgj.handler@yqby.test"),
        ("other department", "swj.handler@yqby.test"),
        ("cadre", "cadre@yqby.test"),
        ("other cadre", "cadre2@yqby.test"),
        ("supervisor", "supervisor@yqby.test"),
        ("admin", "admin@yqby.test"),
    ];

    private static readonly Row[] Matrix =
    [
        //                                                                       ent ent2 com com2 lead head co  oth cad cad2 sup adm
        new("Get", Stage.Dispatched, async c => _ = await c.Service.GetAsync(c.User, c.Number) ?? throw new RequestNotFoundException(c.Number),
                                                                                "O   N    O   N    O    O    O   N   O   N    O   O"),
        new("List", Stage.Dispatched, async c =>
            {
                var page = await c.Service.ListAsync(c.User, pageSize: RequestService.MaxPageSize);
                _ = page.Items.SingleOrDefault(r => r.Number == c.Number) ?? throw new RequestNotFoundException(c.Number);
            },                                                                  "O   N    O   N    O    O    O   N   O   N    O   O"),
        new("Submit", Stage.None, c => c.Service.SubmitAsync(c.User, new SubmitRequestInput(
                c.Ids.Enterprise, c.Ids.Category, Urgency.Normal, c.User.Role == Roles.Enterprise ? RequestChannel.Portal : RequestChannel.Phone, "用电增容", "请协调用电增容。")),
                                                                                "O   N    O   N    R    R    R   R   R   R    R   R"),
        new("Dispatch", Stage.Submitted, c => c.Service.DispatchAsync(c.User, c.Number, c.Version, c.Ids.Lead),
                                                                                "R   N    O   N    N    N    N   N   R   N    O   R"),
        new("HandleDirectly", Stage.Submitted, c => c.Service.HandleDirectlyAsync(c.User, c.Number, c.Version),
                                                                                "R   N    O   N    N    N    N   N   R   N    R   R"),
        new("Reassign", Stage.Submitted, c => c.Service.ReassignAsync(c.User, c.Number, c.Version, c.Ids.OtherCommissioner),
                                                                                "R   N    R   N    N    N    N   N   R   N    O   R"),
        new("Sign", Stage.Dispatched, c => c.Service.SignAsync(c.User, c.Number, c.Version),
                                                                                "R   N    R   N    O    O    R   N   R   N    R   R"),
        new("Return", Stage.Dispatched, c => c.Service.ReturnAsync(c.User, c.Number, c.Version, ReturnReason.NotOurResponsibility, "不属本部门职责"),
                                                                                "R   N    R   N    O    O    R   N   R   N    R   R"),
        new("Transfer", Stage.Dispatched, c => c.Service.TransferAsync(c.User, c.Number, c.Version, c.Ids.Other, "改由税务局办理"),
                                                                                "R   N    O   N    R    R    R   N   R   N    O   R"),
        new("Distribute", Stage.Dispatched, c => c.Service.DistributeAsync(c.User, c.Number, c.Version, c.Ids.LeadHandler),
                                                                                "R   N    R   N    R    O    R   N   R   N    R   R"),
        new("AddCoHandler", Stage.Dispatched, c => c.Service.AddCoHandlerAsync(c.User, c.Number, c.Version, c.Ids.SecondCoHandler),
                                                                                "R   N    O   N    O    O    R   N   R   N    O   R"),
        new("CoHandlerReply", Stage.Dispatched, c => c.Service.CoHandlerReplyAsync(c.User, c.Number, c.Version, "无异议"),
                                                                                "R   N    R   N    R    R    O   N   R   N    R   R"),
        new("WaiveCoHandlerReply", Stage.Dispatched, c => c.Service.WaiveCoHandlerReplyAsync(c.User, c.Number, c.Version, c.Ids.CoHandler, "已电话确认"),
                                                                                "R   N    R   N    R    R    R   N   R   N    O   R"),
        new("AskForMaterials", Stage.InProgress, c => c.Service.AskForMaterialsAsync(c.User, c.Number, c.Version, "请补充用电负荷表"),
                                                                                "R   N    R   N    O    O    R   N   R   N    R   R"),
        new("Supplement", Stage.AwaitingEnterprise, c => c.Service.SupplementAsync(c.User, c.Number, c.Version, "已上传"),
                                                                                "O   N    R   N    R    R    R   N   R   N    R   R"),
        new("PublicReply", Stage.InProgress, c => c.Service.PublicReplyAsync(c.User, c.Number, c.Version, "正在协调供电公司"),
                                                                                "R   N    O   N    O    O    R   N   R   N    O   R"),
        new("InternalNote", Stage.InProgress, c => c.Service.InternalNoteAsync(c.User, c.Number, c.Version, "已与供电公司沟通"),
                                                                                "R   N    O   N    O    O    O   N   O   N    O   R"),
        new("RequestExtension", Stage.InProgress, c => c.Service.RequestExtensionAsync(c.User, c.Number, c.Version, 3, "需现场踏勘"),
                                                                                "R   N    R   N    O    O    R   N   R   N    R   R"),
        new("ApproveExtension", Stage.ExtensionRequested, c => c.Service.ApproveExtensionAsync(c.User, c.Number, c.Version, 3),
                                                                                "R   N    R   N    R    R    R   N   R   N    O   R"),
        new("DenyExtension", Stage.ExtensionRequested, c => c.Service.DenyExtensionAsync(c.User, c.Number, c.Version, "理由不足"),
                                                                                "R   N    R   N    R    R    R   N   R   N    O   R"),
        new("Resolve", Stage.CoHandlerReplied, c => c.Service.ResolveAsync(c.User, c.Number, c.Version, "已完成增容"),
                                                                                "R   N    R   N    O    O    R   N   R   N    R   R"),
        new("Evaluate", Stage.Resolved, c => c.Service.EvaluateAsync(c.User, c.Number, c.Version, true, Satisfaction.Satisfied, "满意"),
                                                                                "O   N    R   N    R    R    R   N   R   N    R   R"),
        // Logged by phone and never co-handled: the co-handling department is not involved.
        new("RecordFollowUpEvaluation", Stage.ResolvedFromAPhoneCall, c => c.Service.RecordFollowUpEvaluationAsync(c.User, c.Number, c.Version, true, Satisfaction.Satisfied, "电话回访，企业满意"),
                                                                                "R   N    O   N    R    R    N   N   R   N    O   R"),
        new("ReviewDispute", Stage.UnderReview, c => c.Service.ReviewDisputeAsync(c.User, c.Number, c.Version, true, "评价属实"),
                                                                                "R   N    R   N    R    R    R   N   R   N    O   R"),
        new("Withdraw", Stage.Submitted, c => c.Service.WithdrawAsync(c.User, c.Number, c.Version, "已自行解决"),
                                                                                "O   N    R   N    N    N    N   N   R   N    R   R"),
        new("Urge", Stage.Submitted, c => c.Service.UrgeAsync(c.User, c.Number, c.Version, "请尽快受理"),
                                                                                "O   N    R   N    N    N    N   N   R   N    R   R"),
        new("Supervise", Stage.Submitted, c => c.Service.SuperviseAsync(c.User, c.Number, c.Version, "请限期办结"),
                                                                                "R   N    R   N    N    N    N   N   O   N    O   R"),
    ];

    public static TheoryData<DatabaseProvider, string, string> Cells() =>
        AuthorisationMatrix.Cells(Matrix.Select(r => r.Action), Cast.Select(c => c.Name));

    [Fact]
    public void EveryServiceAction_HasARow()
    {
        var actions = typeof(RequestService).GetMethods()
            .Where(m => m.DeclaringType == typeof(RequestService) && m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            .Distinct();

        Assert.Empty(actions.Except(Matrix.Select(r => r.Action)));
        Assert.All(Matrix, row => Assert.Equal(Cast.Length, AuthorisationMatrix.Letters(row.Expected).Length));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Action_ByEachMemberOfTheCast_IsDoneRefusedOrNotFoundAsTheMatrixSays(DatabaseProvider provider, string action, string who)
    {
        var portal = await portals.ForAsync(provider);
        var row = Matrix.Single(r => r.Action == action);
        var column = Array.FindIndex(Cast, c => c.Name == who);
        var expected = AuthorisationMatrix.Letters(row.Expected)[column];
        var (number, version) = await portal.StageAsync(row.Stage);
        var user = await portal.Portal.UserAsync(Cast[column].Email);
        var requestsBefore = await portal.Portal.QueryAsync(db => db.ServiceRequests.CountAsync());

        portal.Time.Advance(TimeSpan.FromMinutes(1));
        var failure = await Record.ExceptionAsync(() => portal.Portal.RequestsAsync(s => row.Call(new Cell(s, user, number ?? "", version, portal.Ids))));

        var outcome = AuthorisationMatrix.OutcomeOf(failure);
        Assert.True(expected == outcome, $"{action} by {who}: expected {expected}, got {outcome} {failure?.Message}");
        if (number is not null)
        {
            var versionAfter = await portal.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number).Select(r => r.Version).SingleAsync());
            var changes = row.Stage != Stage.None && action is not ("Get" or "List");
            Assert.Equal(outcome == "O" && changes ? version + 1 : version, versionAfter);
        }
        else
        {
            Assert.Equal(requestsBefore + (outcome == "O" ? 1 : 0), await portal.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
        }
    }

    public enum Stage
    {
        None,
        Submitted,
        Dispatched,
        InProgress,
        AwaitingEnterprise,
        ExtensionRequested,
        CoHandlerReplied,
        Resolved,
        ResolvedFromAPhoneCall,
        UnderReview,
    }

    public sealed record Ids(
        int Enterprise, int Category, int Lead, int CoHandler, int SecondCoHandler, int Other, string LeadHandler, string OtherCommissioner);

    public sealed record Cell(RequestService Service, PortalUser User, string Number, int Version, Ids Ids);

    public sealed record Row(string Action, Stage Stage, Func<Cell, Task> Call, string Expected);

    /// <summary>The row of an action, for other tests that take the same step from the same stage.</summary>
    public static Row RowOf(string action) => Matrix.Single(r => r.Action == action);

    /// <summary>A portal per provider with the demo cast, and a clock that moves a minute a step.</summary>
    public sealed class Portals : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, StagedPortal> _portals = [];

        public async Task<StagedPortal> ForAsync(DatabaseProvider provider)
        {
            if (!_portals.TryGetValue(provider, out var staged))
            {
                var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset));
                var portal = await SeededPortal.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(time), demoData: true);
                staged = await StagedPortal.CreateAsync(portal, time);
                _portals.Add(provider, staged);
            }
            return staged;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var staged in _portals.Values)
            {
                await staged.Portal.DisposeAsync();
            }
        }
    }

    /// <summary>Brings a new request of 创普斯 to a stage the ordinary way, through the services, by the people whose turn it is.</summary>
    public sealed class StagedPortal
    {
        private readonly Dictionary<string, PortalUser> _users;

        public SeededPortal Portal { get; }
        public FakeTimeProvider Time { get; }
        public Ids Ids { get; }

        private StagedPortal(SeededPortal portal, FakeTimeProvider time, Dictionary<string, PortalUser> users, Ids ids)
        {
            Portal = portal;
            Time = time;
            _users = users;
            Ids = ids;
        }

        public static async Task<StagedPortal> CreateAsync(SeededPortal portal, FakeTimeProvider time)
        {
            var users = new Dictionary<string, PortalUser>();
            foreach (var (name, email) in Cast)
            {
                users[name] = await portal.UserAsync(email);
            }
            var ids = new Ids(
                users["enterprise"].EnterpriseId!.Value,
                await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync()),
                users["lead handler"].DepartmentId!.Value,
                users["co-handler"].DepartmentId!.Value,
                await RequestServiceTests.DepartmentAsync(portal, "GDGS"),
                users["other department"].DepartmentId!.Value,
                users["lead handler"].Id,
                users["other commissioner"].Id);
            return new StagedPortal(portal, time, users, ids);
        }

        /// <returns>The request's number and version; no number for <see cref="Stage.None"/>.</returns>
        public async Task<(string? Number, int Version)> StageAsync(Stage stage)
        {
            if (stage == Stage.None)
            {
                return (null, 0);
            }
            var phone = stage == Stage.ResolvedFromAPhoneCall;
            var submitter = phone ? _users["commissioner"] : _users["enterprise"];
            Time.Advance(TimeSpan.FromMinutes(1));
            var number = await Portal.RequestsAsync(s => s.SubmitAsync(submitter, new SubmitRequestInput(
                Ids.Enterprise, Ids.Category, Urgency.Normal, phone ? RequestChannel.Phone : RequestChannel.Portal, "二期项目用地报批", "二期项目用地报批已逾两个月，请协调。")));
            var version = 1;

            async Task Step(string who, Func<RequestService, PortalUser, int, Task> act)
            {
                Time.Advance(TimeSpan.FromMinutes(1));
                await Portal.RequestsAsync(s => act(s, _users[who], version));
                version++;
            }

            if (stage == Stage.Submitted)
            {
                return (number, version);
            }
            await Step("commissioner", (s, u, v) => s.DispatchAsync(u, number, v, Ids.Lead));
            if (phone)
            {
                await Step("lead handler", (s, u, v) => s.SignAsync(u, number, v));
                await Step("lead handler", (s, u, v) => s.ResolveAsync(u, number, v, "已办结"));
                return (number, version);
            }
            await Step("commissioner", (s, u, v) => s.AddCoHandlerAsync(u, number, v, Ids.CoHandler));
            if (stage == Stage.Dispatched)
            {
                return (number, version);
            }
            await Step("lead handler", (s, u, v) => s.SignAsync(u, number, v));
            switch (stage)
            {
                case Stage.AwaitingEnterprise:
                    await Step("lead handler", (s, u, v) => s.AskForMaterialsAsync(u, number, v, "请补充用地红线图"));
                    return (number, version);
                case Stage.ExtensionRequested:
                    await Step("lead handler", (s, u, v) => s.RequestExtensionAsync(u, number, v, 3, "需现场踏勘"));
                    return (number, version);
                case Stage.InProgress:
                    return (number, version);
            }
            await Step("co-handler", (s, u, v) => s.CoHandlerReplyAsync(u, number, v, "无异议"));
            if (stage == Stage.CoHandlerReplied)
            {
                return (number, version);
            }
            await Step("lead handler", (s, u, v) => s.ResolveAsync(u, number, v, "已办结"));
            if (stage == Stage.UnderReview)
            {
                for (var round = 0; round < 3; round++)
                {
                    if (round > 0)
                    {
                        await Step("lead handler", (s, u, v) => s.ResolveAsync(u, number, v, "已重新办理"));
                    }
                    await Step("enterprise", (s, u, v) => s.EvaluateAsync(u, number, v, false, Satisfaction.Unsatisfied, "问题未解决"));
                }
            }
            return (number, version);
        }
    }
}
