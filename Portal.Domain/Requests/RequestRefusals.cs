namespace Portal.Domain.Requests;

/// <summary>
/// Codes of the refusals of a request's actions, by the domain and by the request services. Arguments, where there
/// are any, are in the order the doc comment gives.
/// </summary>
public static class RequestRefusals
{
    /// <summary>The lifecycle table does not allow the action in this state. {0}: the <see cref="RequestState"/>; {1}: the <see cref="RequestAction"/>.</summary>
    public const string LifecycleState = "Lifecycle.State";

    /// <summary>The lifecycle table does not allow the action to this role. {0}: the <see cref="RequestAction"/>.</summary>
    public const string LifecycleRole = "Lifecycle.Role";

    /// <summary>The role may, but not this person. {0}: who may (a <see cref="Term"/> of <see cref="Parties"/>); {1}: the <see cref="RequestAction"/>.</summary>
    public const string NotYours = "Request.NotYours";

    public const string NotOwnEnterprise = "Request.NotOwnEnterprise";
    public const string AlreadySigned = "Request.AlreadySigned";
    public const string SignFirst = "Request.SignFirst";
    public const string ReturnReasonRequired = "Request.ReturnReasonRequired";
    public const string ReturnedBefore = "Request.ReturnedBefore";

    /// <summary>{0}: the return window, a <see cref="Calendar.TimeLimit"/>.</summary>
    public const string ReturnWindowPassed = "Request.ReturnWindowPassed";

    public const string AlreadyLeading = "Request.AlreadyLeading";
    public const string DistributeByHeadOnly = "Request.DistributeByHeadOnly";
    public const string LeadDepartmentRequired = "Request.LeadDepartmentRequired";
    public const string CoHandlerCannotLead = "Request.CoHandlerCannotLead";
    public const string LeadCannotCoHandle = "Request.LeadCannotCoHandle";
    public const string AlreadyCoHandler = "Request.AlreadyCoHandler";
    public const string OnlyCoHandlersReply = "Request.OnlyCoHandlersReply";
    public const string CoHandlerAlreadyReplied = "Request.CoHandlerAlreadyReplied";
    public const string NotACoHandler = "Request.NotACoHandler";
    public const string CoHandlerSettled = "Request.CoHandlerSettled";
    public const string CoHandlersOutstanding = "Request.CoHandlersOutstanding";
    public const string ExtensionPending = "Request.ExtensionPending";

    /// <summary>{0}: the most approved extensions.</summary>
    public const string ExtensionLimit = "Request.ExtensionLimit";

    /// <summary>{0}: the most working days one extension may ask for.</summary>
    public const string ExtensionDaysOutOfRange = "Request.ExtensionDaysOutOfRange";

    public const string NoRunningResolveDeadline = "Request.NoRunningResolveDeadline";
    public const string ExtensionTooLate = "Request.ExtensionTooLate";
    public const string NoPendingExtension = "Request.NoPendingExtension";

    /// <summary>{0}: the working days asked for.</summary>
    public const string ApprovedDaysOutOfRange = "Request.ApprovedDaysOutOfRange";

    public const string PortalRequestEvaluatedByEnterprise = "Request.PortalRequestEvaluatedByEnterprise";
    public const string SatisfactionRequired = "Request.SatisfactionRequired";

    /// <summary>An evaluation answering unsolved or unsatisfied says what is still wrong.</summary>
    public const string EvaluationCommentRequired = "Request.EvaluationCommentRequired";

    public const string EvaluationWindowOpen = "Request.EvaluationWindowOpen";
    public const string UrgedToday = "Request.UrgedToday";
    public const string OutOfOrder = "Request.OutOfOrder";
    public const string EnterpriseFilesOwnOnly = "Request.EnterpriseFilesOwnOnly";
    public const string CommissionerFilesOwnOnly = "Request.CommissionerFilesOwnOnly";
    public const string ChannelOrUrgencyInvalid = "Request.ChannelOrUrgencyInvalid";
    public const string CannotFileForEnterprise = "Request.CannotFileForEnterprise";
    public const string CategoryNotFound = "Request.CategoryNotFound";
    public const string CategoryHasNoTimeLimits = "Request.CategoryHasNoTimeLimits";
    public const string ProjectNotOfEnterprise = "Request.ProjectNotOfEnterprise";
    public const string EnterpriseNotFound = "Request.EnterpriseNotFound";
    public const string DepartmentNotFound = "Request.DepartmentNotFound";
    public const string HandlerNotOfDepartment = "Request.HandlerNotOfDepartment";
    public const string NotACommissioner = "Request.NotACommissioner";

    /// <summary>The commissioner chosen to take a request over was deactivated. Arguments: their name.</summary>
    public const string CommissionerDeactivated = "Request.CommissionerDeactivated";
}
