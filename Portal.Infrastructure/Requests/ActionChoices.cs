using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>One choice of a picker in an action's dialog: a department or a person.</summary>
public sealed record ActionChoice<TId>(TId Id, string Name);

/// <summary>
/// What the pickers of the request page's action dialogs offer: departments (dispatch, transfer, co-handler), the
/// active handlers of a head's own department (distribute), the active commissioners (reassign). Each answers
/// only the roles that take the action; the action itself checks its choice again.
/// </summary>
public sealed class ActionChoices(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<IReadOnlyList<ActionChoice<int>>> DepartmentsAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role is not (Roles.Commissioner or Roles.DepartmentHandler or Roles.Supervisor))
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new ActionChoice<int>(d.Id, d.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The active people of the department the user heads, the head first; empty for anyone but a head.</summary>
    public async Task<IReadOnlyList<ActionChoice<string>>> HandlersAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.Where(d => d.HeadUserId == user.Id && d.Id == user.DepartmentId)
            .Select(d => (int?)d.Id).SingleOrDefaultAsync(cancellationToken);
        if (user.Role != Roles.DepartmentHandler || department is null)
        {
            return [];
        }
        return await db.Users.AsNoTracking()
            .Where(u => u.DepartmentId == department && u.DeactivatedAt == null)
            .OrderBy(u => u.Id != user.Id).ThenBy(u => u.DisplayName)
            .Select(u => new ActionChoice<string>(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>The active commissioners, for a supervisor reassigning a request; empty for anyone else.</summary>
    public async Task<IReadOnlyList<ActionChoice<string>>> CommissionersAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Supervisor)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
            from u in db.UsersInRole(Roles.Commissioner).AsNoTracking()
            where u.DeactivatedAt == null
            orderby u.DisplayName
            select new ActionChoice<string>(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }
}
