namespace Portal.Domain.Requests;

/// <summary>Everything that can be done to a request; each has one row or more in <see cref="RequestLifecycle"/>.</summary>
public enum RequestAction
{
    Submit,
    Dispatch,
    HandleDirectly,
    Sign,
    Return,
    Transfer,
    AddCoHandler,
    CoHandlerReply,
    WaiveCoHandlerReply,
    AskForMaterials,
    Supplement,
    PublicReply,
    InternalNote,
    RequestExtension,
    ApproveExtension,
    DenyExtension,
    Resolve,
    Evaluate,
    RecordFollowUpEvaluation,
    ReviewDispute,
    Withdraw,
    Urge,
    Supervise,
    Distribute,
    Reassign,
    AutoClose,

    /// <summary>The work calendar changed and the portal counted the deadlines again.</summary>
    RecountDeadlines,

    /// <summary>
    /// A deadline reached an escalation level (预警, 超期, 严重超期). Not a step on the timeline, so it has no
    /// row in <see cref="RequestLifecycle"/>: the portal records it in its own table, and a severely overdue
    /// deadline adds a <see cref="Supervise"/> by the portal to the timeline.
    /// </summary>
    Escalate,
}

public static class RequestActionLabels
{
    public static string Of(RequestAction action) => action switch
    {
        RequestAction.Submit => "提交诉求",
        RequestAction.Dispatch => "派单",
        RequestAction.HandleDirectly => "直接办理",
        RequestAction.Sign => "签收",
        RequestAction.Return => "退单",
        RequestAction.Transfer => "转办",
        RequestAction.AddCoHandler => "增加协办单位",
        RequestAction.CoHandlerReply => "协办答复",
        RequestAction.WaiveCoHandlerReply => "免除协办答复",
        RequestAction.AskForMaterials => "要求补充材料",
        RequestAction.Supplement => "补充材料",
        RequestAction.PublicReply => "答复企业",
        RequestAction.InternalNote => "内部备注",
        RequestAction.RequestExtension => "申请延期",
        RequestAction.ApproveExtension => "批准延期",
        RequestAction.DenyExtension => "驳回延期",
        RequestAction.Resolve => "办结答复",
        RequestAction.Evaluate => "评价",
        RequestAction.RecordFollowUpEvaluation => "录入回访评价",
        RequestAction.ReviewDispute => "甄别不满意评价",
        RequestAction.Withdraw => "撤回",
        RequestAction.Urge => "催办",
        RequestAction.Supervise => "督办",
        RequestAction.Distribute => "分办",
        RequestAction.Reassign => "改派服务专员",
        RequestAction.AutoClose => "到期自动办结",
        RequestAction.RecountDeadlines => "工作日历调整，重算时限",
        RequestAction.Escalate => "时限预警",
    };
}
