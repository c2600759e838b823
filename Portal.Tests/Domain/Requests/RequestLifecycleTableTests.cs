using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

/// <summary>Walks every (state, action, role) and checks the request does exactly what the lifecycle table says.</summary>
public class RequestLifecycleTableTests
{
    private static readonly string[] AllRoles = [.. Roles.All, RequestLifecycle.System];

    /// <summary>Each action as a call on the request, by an actor of the role who is involved in it.</summary>
    internal static readonly Dictionary<RequestAction, Action<ServiceRequest, Actor, DateTimeOffset>> Calls = new()
    {
        [RequestAction.Dispatch] = (r, a, now) => r.Dispatch(a, OtherDepartment, Days, now),
        [RequestAction.HandleDirectly] = (r, a, now) => r.HandleDirectly(a, Days, now),
        [RequestAction.Sign] = (r, a, now) => r.Sign(a, Days, now),
        [RequestAction.Return] = (r, a, now) => r.ReturnToDispatcher(a, ReturnReason.NotOurResponsibility, null, Days, now),
        [RequestAction.Transfer] = (r, a, now) => r.Transfer(a, OtherDepartment, null, Days, now),
        [RequestAction.AddCoHandler] = (r, a, now) => r.AddCoHandler(a, OtherDepartment, Days, now),
        [RequestAction.CoHandlerReply] = (r, a, now) => r.CoHandlerReply(a, "协办意见", Days, now),
        [RequestAction.WaiveCoHandlerReply] = (r, a, now) => r.WaiveCoHandlerReply(a, CoHandlerDepartment, null, Days, now),
        [RequestAction.AskForMaterials] = (r, a, now) => r.AskForMaterials(a, "请补充材料", Days, now),
        [RequestAction.Supplement] = (r, a, now) => r.Supplement(a, "材料已上传", Days, now),
        [RequestAction.PublicReply] = (r, a, now) => r.PublicReply(a, "正在办理", Days, now),
        [RequestAction.InternalNote] = (r, a, now) => r.InternalNote(a, "内部备注", Days, now),
        [RequestAction.RequestExtension] = (r, a, now) => r.RequestExtension(a, 3, "需要现场踏勘", Days, now),
        [RequestAction.ApproveExtension] = (r, a, now) => r.ApproveExtension(a, 1, Days, now),
        [RequestAction.DenyExtension] = (r, a, now) => r.DenyExtension(a, "理由不足", Days, now),
        [RequestAction.Resolve] = (r, a, now) => r.Resolve(a, "已办结", Days, now),
        [RequestAction.Evaluate] = (r, a, now) => r.Evaluate(a, true, Satisfaction.Satisfied, null, Days, now),
        [RequestAction.RecordFollowUpEvaluation] = (r, a, now) => r.RecordFollowUpEvaluation(a, true, Satisfaction.Satisfied, "电话回访", Days, now),
        [RequestAction.ReviewDispute] = (r, a, now) => r.ReviewDispute(a, true, "评价属实", Days, now),
        [RequestAction.Withdraw] = (r, a, now) => r.Withdraw(a, null, Days, now),
        [RequestAction.Urge] = (r, a, now) => r.Urge(a, null, Days, now),
        [RequestAction.Supervise] = (r, a, now) => r.Supervise(a, "请加快办理", Days, now),
        [RequestAction.Distribute] = (r, a, now) => r.Distribute(a, LeadHandler.UserId, Days, now),
        [RequestAction.Reassign] = (r, a, now) => r.Reassign(a, OtherCommissioner.UserId, Days, now),
    };

    public static TheoryData<RequestState, RequestAction, string> Triples()
    {
        var data = new TheoryData<RequestState, RequestAction, string>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var action in Calls.Keys)
            {
                foreach (var role in AllRoles)
                {
                    data.Add(state, action, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Triples))]
    public void Action_InEachStateByEachRole_IsAllowedExactlyWhenTheTableSaysSo(RequestState state, RequestAction action, string role)
    {
        var builder = RequestBuilder.InState(state);
        Assert.Equal(state, builder.Request.State);

        var refusal = Record.Exception(() => Calls[action](builder.Request, InvolvedActor(role, action), builder.Now.AddMinutes(5)));

        var refusedByTheTable = refusal is DomainException { Code: "Lifecycle.State" or "Lifecycle.Role" };
        Assert.True(
            RequestLifecycle.Allows(state, action, role) != refusedByTheTable,
            $"{action} in {state} by {role}: the table says {(RequestLifecycle.Allows(state, action, role) ? "allowed" : "refused")}, the request {(refusedByTheTable ? "refused" : "did not refuse")}: {refusal?.Message}");
        Assert.True(refusal is null or DomainException, $"{action} in {state} by {role} failed with {refusal}");
    }

    [Fact]
    public void EveryActionOfTheTable_HasACallInThisTest()
    {
        var inTable = RequestLifecycle.Rules.Select(r => r.Action).Distinct().Except([RequestAction.Submit, RequestAction.AutoClose, RequestAction.RecountDeadlines]);

        Assert.Empty(inTable.Except(Calls.Keys));
    }

    [Theory]
    [MemberData(nameof(AutoCloseStates))]
    public void AutoClose_IsAllowedOnlyForAResolvedRequest(RequestState state)
    {
        var builder = RequestBuilder.InState(state);

        var refusal = Record.Exception(() => builder.Request.AutoClose(Days, builder.Now.AddDays(30)));

        Assert.Equal(state == RequestState.Resolved, refusal is null);
    }

    public static TheoryData<RequestState> AutoCloseStates() => new(Enum.GetValues<RequestState>());

    [Theory]
    [MemberData(nameof(AutoCloseStates))]
    public void RecountDeadlines_IsAllowedExactlyWhileADeadlineRuns(RequestState state)
    {
        var builder = RequestBuilder.InState(state);

        var refusal = Record.Exception(() => builder.Request.RecountDeadlines(Days, builder.Now.AddMinutes(5)));

        Assert.Equal(builder.Request.Deadlines.Any(d => d.IsRunning), refusal is null);
        Assert.Equal(RequestLifecycle.Allows(state, RequestAction.RecountDeadlines, RequestLifecycle.System), refusal is null);
    }

    [Theory]
    [InlineData(Roles.Enterprise, true)]
    [InlineData(Roles.Commissioner, true)]
    [InlineData(Roles.DepartmentHandler, false)]
    [InlineData(Roles.Cadre, false)]
    [InlineData(Roles.Supervisor, false)]
    [InlineData(Roles.Admin, false)]
    public void Submit_ByEachRole_IsAllowedForEnterprisesAndCommissionersOnly(string role, bool allowed)
    {
        var actor = InvolvedActor(role, RequestAction.Submit);
        var channel = role == Roles.Enterprise ? RequestChannel.Portal : RequestChannel.Phone;

        var refusal = Record.Exception(() => ServiceRequest.Submit(
            actor, "YQBY-20260302-0001", EnterpriseId, channel, 1, Urgency.Normal, "标题", "内容",
            Commissioner.UserId, null, RequestTargets.Defaults(Urgency.Normal), Days, MondayMorning));

        Assert.Equal(allowed, refusal is null);
        Assert.Equal(RequestLifecycle.Allows(RequestState.Submitted, RequestAction.Submit, role), allowed);
    }

    private static Actor InvolvedActor(string role, RequestAction action) => role switch
    {
        Roles.Enterprise => EnterpriseUser,
        Roles.Commissioner => Commissioner,
        Roles.DepartmentHandler => action == RequestAction.CoHandlerReply ? CoHandlerUser : LeadHead,
        Roles.Cadre => Cadre,
        Roles.Supervisor => Supervisor,
        Roles.Admin => Admin,
        _ => Actor.System,
    };
}
