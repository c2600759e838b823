using Portal.Domain.Identity;

namespace Portal.Domain.Requests;

/// <summary>
/// Who acts on a request, with what the rules need to know of them: their role, and for a
/// department handler their department and whether they head it, for an enterprise user their enterprise.
/// </summary>
public sealed record Actor(string UserId, string Role, int? DepartmentId = null, int? EnterpriseId = null, bool IsDepartmentHead = false)
{
    /// <summary>The portal itself, for escalation and auto-close.</summary>
    public static Actor System { get; } = new("system", RequestLifecycle.System);

    public bool IsStaff => Role is Roles.Commissioner or Roles.DepartmentHandler or Roles.Cadre or Roles.Supervisor;
}
