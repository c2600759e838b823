using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Identity;

public static class RoleQueries
{
    /// <summary>The users who hold <paramref name="role"/>, as a query the database answers (deactivated ones included).</summary>
    public static IQueryable<ApplicationUser> UsersInRole(this PortalDbContext db, string role) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
}
