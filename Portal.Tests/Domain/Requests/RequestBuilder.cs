using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain.Requests;

/// <summary>
/// Drives a request through real actions into any state, with a cast of actors who are each
/// involved in it: enterprise 1, its commissioner and cadre, lead department 2, co-handler 3.
/// </summary>
public sealed class RequestBuilder
{
    public const int EnterpriseId = 1;
    public const int LeadDepartment = 2;
    public const int CoHandlerDepartment = 3;
    public const int OtherDepartment = 4;

    public static readonly WorkCalendar Days = OfficialHolidays.CreateCalendar();

    public static readonly Actor EnterpriseUser = new("enterprise-user", Roles.Enterprise, EnterpriseId: EnterpriseId);
    public static readonly Actor OtherEnterpriseUser = new("other-enterprise-user", Roles.Enterprise, EnterpriseId: 99);
    public static readonly Actor Commissioner = new("commissioner", Roles.Commissioner);
    public static readonly Actor OtherCommissioner = new("other-commissioner", Roles.Commissioner);
    public static readonly Actor LeadHead = new("lead-head", Roles.DepartmentHandler, DepartmentId: LeadDepartment, IsDepartmentHead: true);
    public static readonly Actor LeadHandler = new("lead-handler", Roles.DepartmentHandler, DepartmentId: LeadDepartment);
    public static readonly Actor CoHandlerUser = new("co-handler", Roles.DepartmentHandler, DepartmentId: CoHandlerDepartment);
    public static readonly Actor OtherHandler = new("other-handler", Roles.DepartmentHandler, DepartmentId: OtherDepartment);
    public static readonly Actor Cadre = new("cadre", Roles.Cadre);
    public static readonly Actor Supervisor = new("supervisor", Roles.Supervisor);
    public static readonly Actor Admin = new("admin", Roles.Admin);

    /// <summary>Monday 2 March 2026, 09:00 in the district.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset);

    public DateTimeOffset Now { get; private set; }
    public ServiceRequest Request { get; }

    private RequestBuilder(DateTimeOffset start, RequestChannel channel, Urgency urgency, string number)
    {
        Now = start;
        var submitter = channel == RequestChannel.Portal ? EnterpriseUser : Commissioner;
        Request = ServiceRequest.Submit(
            submitter, number, EnterpriseId, channel, categoryId: 1, urgency, "项目用地指标迟迟未批", "我公司二期项目用地报批已逾两个月。",
            Commissioner.UserId, Cadre.UserId, RequestTargets.Defaults(urgency), Days, start);
    }

    public static RequestBuilder Submitted(
        DateTimeOffset? at = null, RequestChannel channel = RequestChannel.Portal, Urgency urgency = Urgency.Normal, string number = "YQBY-20260302-0001") =>
        new(at ?? MondayMorning, channel, urgency, number);

    /// <summary>Lets time pass before the next action.</summary>
    public RequestBuilder After(TimeSpan time)
    {
        Now += time;
        return this;
    }

    /// <summary>The next action happens at <paramref name="moment"/>.</summary>
    public RequestBuilder Next(DateTimeOffset moment)
    {
        Now = moment - TimeSpan.FromMinutes(5);
        return this;
    }

    public RequestBuilder Do(Action<ServiceRequest, DateTimeOffset> action)
    {
        Now += TimeSpan.FromMinutes(5);
        action(Request, Now);
        return this;
    }

    public RequestBuilder Dispatched() => Do((r, now) => r.Dispatch(Commissioner, LeadDepartment, Days, now));

    public RequestBuilder WithCoHandler() => Do((r, now) => r.AddCoHandler(Commissioner, CoHandlerDepartment, Days, now));

    public RequestBuilder Signed() => Do((r, now) => r.Sign(LeadHandler, Days, now));

    public RequestBuilder AwaitingMaterials() => Do((r, now) => r.AskForMaterials(LeadHandler, "请补充用地红线图", Days, now));

    public RequestBuilder CoHandlerReplied() => Do((r, now) => r.CoHandlerReply(CoHandlerUser, "已核实，无异议", Days, now));

    public RequestBuilder Resolved() => Do((r, now) => r.Resolve(LeadHandler, "已完成报批，请查收批复。", Days, now));

    public RequestBuilder Evaluated(bool solved, Satisfaction satisfaction) =>
        Do((r, now) => r.Evaluate(EnterpriseUser, solved, satisfaction, "评价意见", Days, now));

    /// <summary>A request in the given state, reached the ordinary way (with a co-handler wherever one can be).</summary>
    public static RequestBuilder InState(RequestState state) => state switch
    {
        RequestState.Submitted => Submitted(),
        RequestState.Dispatched => Submitted().Dispatched().WithCoHandler(),
        RequestState.InProgress => Submitted().Dispatched().WithCoHandler().Signed(),
        RequestState.AwaitingEnterprise => InState(RequestState.InProgress).AwaitingMaterials(),
        RequestState.Resolved => InState(RequestState.InProgress).CoHandlerReplied().Resolved(),
        RequestState.UnderReview => InState(RequestState.Resolved)
            .Evaluated(false, Satisfaction.Unsatisfied).Resolved()
            .Evaluated(false, Satisfaction.Unsatisfied).Resolved()
            .Evaluated(false, Satisfaction.Unsatisfied),
        RequestState.Closed => InState(RequestState.Resolved).Evaluated(true, Satisfaction.Satisfied),
        RequestState.Withdrawn => Submitted().Do((r, now) => r.Withdraw(EnterpriseUser, null, Days, now)),
    };
}
