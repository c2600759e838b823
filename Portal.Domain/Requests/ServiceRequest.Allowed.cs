using Portal.Domain.Identity;

namespace Portal.Domain.Requests;

public sealed partial class ServiceRequest
{
    /// <summary>
    /// The actions <paramref name="actor"/> may offer to take now: the lifecycle table's rows for this state and their
    /// role, narrowed to those they are party to (their own enterprise, the lead department …). What a page shows as
    /// buttons; each action still checks everything itself (the urge once a working day, the return window …)
    /// when it is taken.
    /// </summary>
    public IReadOnlyList<RequestAction> ActionsFor(Actor actor) =>
        [.. RequestLifecycle.ActionsFor(State, actor.Role).Where(action => IsPartyTo(actor, action))];

    private bool IsPartyTo(Actor actor, RequestAction action) => action switch
    {
        RequestAction.Supplement or RequestAction.Urge or RequestAction.Withdraw or RequestAction.Evaluate =>
            actor.Role == Roles.Enterprise && actor.EnterpriseId == EnterpriseId,
        RequestAction.Dispatch or RequestAction.Transfer => IsDispatcher(actor),
        RequestAction.RecordFollowUpEvaluation => IsDispatcher(actor) && Channel != RequestChannel.Portal,
        RequestAction.HandleDirectly => actor.Role == Roles.Commissioner && actor.UserId == CommissionerUserId,
        RequestAction.Sign => IsLeadDepartment(actor) && !LeadSigned,
        RequestAction.Return => IsLeadDepartment(actor) && !_returnedBy.Contains(LeadDepartmentId!.Value),
        RequestAction.Distribute => IsLeadDepartment(actor) && actor.IsDepartmentHead,
        RequestAction.AddCoHandler or RequestAction.PublicReply => IsDispatcher(actor) || IsLeadDepartment(actor),
        RequestAction.CoHandlerReply => _coHandlers.Any(c => c.DepartmentId == actor.DepartmentId && !c.IsSettled),
        RequestAction.WaiveCoHandlerReply => _coHandlers.Any(c => !c.IsSettled),
        RequestAction.AskForMaterials => IsHandler(actor),
        RequestAction.Resolve => IsHandler(actor) && _coHandlers.All(c => c.IsSettled),
        RequestAction.RequestExtension => IsHandler(actor) && PendingExtensionDays is null && ApprovedExtensions < Targets.MaxExtensions,
        RequestAction.ApproveExtension or RequestAction.DenyExtension => PendingExtensionDays is not null,
        RequestAction.InternalNote => actor.Role switch
        {
            Roles.Supervisor => true,
            Roles.Commissioner => actor.UserId == CommissionerUserId,
            Roles.Cadre => actor.UserId == CadreUserId,
            Roles.DepartmentHandler => IsLeadDepartment(actor) || _coHandlers.Any(c => c.DepartmentId == actor.DepartmentId),
            _ => false,
        },
        RequestAction.Supervise => actor.Role != Roles.Cadre || actor.UserId == CadreUserId,
        RequestAction.Reassign or RequestAction.ReviewDispute => true,
        // Taken by the portal itself, never offered on a page.
        RequestAction.Submit or RequestAction.AutoClose or RequestAction.RecountDeadlines or RequestAction.Escalate => false,
    };

    private bool IsHandler(Actor actor) =>
        (HandledByCommissioner
            ? actor.Role == Roles.Commissioner && actor.UserId == CommissionerUserId
            : IsLeadDepartment(actor))
        && (HandledByCommissioner || LeadSigned);
}
