namespace Portal.Domain.Requests;

/// <summary>Where a request (诉求) is in its life; DESIGN.md §3 draws the moves between them.</summary>
public enum RequestState
{
    /// <summary>待受理: waiting for the commissioner (or the supervisors) to dispatch or handle it.</summary>
    Submitted,

    /// <summary>已派单: sent to a lead department that has not signed for it yet.</summary>
    Dispatched,

    /// <summary>办理中: being handled by the lead department, or by the commissioner directly.</summary>
    InProgress,

    /// <summary>待补充: waiting for materials from the enterprise; the resolve clock is paused.</summary>
    AwaitingEnterprise,

    /// <summary>已答复: resolved and waiting for the enterprise's evaluation.</summary>
    Resolved,

    /// <summary>待甄别: a third unsolved or unsatisfied evaluation, for the supervisors to review.</summary>
    UnderReview,

    /// <summary>已办结: closed for good; a new difficulty is a new, linked request.</summary>
    Closed,

    /// <summary>已撤回: withdrawn by the enterprise before it was resolved.</summary>
    Withdrawn,
}

/// <summary>How a request reached the portal.</summary>
public enum RequestChannel
{
    /// <summary>网上提交: filed by the enterprise itself.</summary>
    Portal,

    /// <summary>电话: logged by staff from a phone call.</summary>
    Phone,

    /// <summary>走访: logged by a commissioner from a visit.</summary>
    Visit,

    /// <summary>12345 热线转办.</summary>
    Hotline12345,

    /// <summary>政企会客厅: raised at a government–enterprise dialogue meeting.</summary>
    DialogueMeeting,
}

/// <summary>退单原因: why a lead department returns a request to its dispatcher.</summary>
public enum ReturnReason
{
    /// <summary>不属于本部门职责.</summary>
    NotOurResponsibility,

    /// <summary>诉求内容不清，无法办理.</summary>
    UnclearRequest,

    /// <summary>应由其他部门牵头.</summary>
    AnotherDepartmentShouldLead,

    /// <summary>重复诉求.</summary>
    Duplicate,
}

/// <summary>满意度 of an evaluation (回访评价).</summary>
public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

public static class RequestLabels
{
    public static string Of(RequestState state) => state switch
    {
        RequestState.Submitted => "待受理",
        RequestState.Dispatched => "已派单",
        RequestState.InProgress => "办理中",
        RequestState.AwaitingEnterprise => "待补充",
        RequestState.Resolved => "已答复",
        RequestState.UnderReview => "待甄别",
        RequestState.Closed => "已办结",
        RequestState.Withdrawn => "已撤回",
    };
}
