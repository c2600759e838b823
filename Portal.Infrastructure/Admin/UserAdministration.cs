using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>A staff account as the admin list shows it.</summary>
public sealed record UserRow(
    string Id, string Email, string DisplayName, string? PhoneNumber, string Role, int? DepartmentId, string? DepartmentName,
    bool IsActive, bool IsLockedOut, bool MustChangePassword);

public sealed record DepartmentOption(int Id, string Name);

public sealed record UserListPage(IReadOnlyList<UserRow> Rows, string? Next);

/// <summary>What an admin types to create a staff account, or to change one (the password only on creation).</summary>
public sealed record StaffAccount(string Email, string DisplayName, string? PhoneNumber, string Role, int? DepartmentId);

/// <summary>
/// How an admin change ended: done, or refused with a message per field (a resource key of the admin
/// pages, or Identity's own text already in the user's language). Nothing is saved when refused.
/// </summary>
public sealed record AdminOutcome(IReadOnlyDictionary<string, string> Errors)
{
    public static AdminOutcome Done { get; } = new(new Dictionary<string, string>());

    public bool Succeeded => Errors.Count == 0;

    public static AdminOutcome Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// 用户管理: staff accounts created, changed, deactivated (never deleted), their passwords reset and their
/// lockouts lifted — each in one transaction with its audit entry. Admins only. Deactivating a
/// commissioner who still has enterprises or open requests needs a successor, who gets them all.
/// </summary>
public sealed class UserAdministration(
    IServiceScopeFactory scopes, IDbContextFactory<PortalDbContext> contexts, AuditLog audit, RequestEventNotifier notifier,
    CommissionerHandover handover, TimeProvider time)
{
    public const int DefaultPageSize = 30;

    /// <summary>Roles an admin creates here; enterprise users register themselves.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [Roles.Commissioner, Roles.DepartmentHandler, Roles.Cadre, Roles.Supervisor, Roles.Admin];

    private static readonly RequestState[] Movable = [.. CommissionerHandover.Movable];

    /// <summary>One page of accounts whose e-mail, name or phone contains <paramref name="search"/>, by e-mail, keyset after <paramref name="after"/>.</summary>
    public async Task<UserListPage> ListAsync(PortalUser admin, string? search, string? role, string? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var users = (string.IsNullOrWhiteSpace(role) ? db.Users : db.UsersInRole(role)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email!.ToLower().Contains(term) || u.DisplayName.ToLower().Contains(term)
                || (u.PhoneNumber != null && u.PhoneNumber.Contains(term)));
        }
        if (after is not null)
        {
            users = users.Where(u => string.Compare(u.NormalizedEmail, after) > 0);
        }
        var rows = await users.OrderBy(u => u.NormalizedEmail).Take(pageSize + 1)
            .Select(u => new
            {
                u.Id, u.Email, u.NormalizedEmail, u.DisplayName, u.PhoneNumber, u.DepartmentId, u.DeactivatedAt, u.LockoutEnd, u.MustChangePassword,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var shown = rows.Take(pageSize).Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.PhoneNumber, u.Role ?? "", u.DepartmentId,
            u.Department, u.DeactivatedAt is null, u.DeactivatedAt is null && u.LockoutEnd > now, u.MustChangePassword)).ToList();
        return new UserListPage(shown, rows.Count > pageSize ? rows[pageSize - 1].NormalizedEmail : null);
    }

    public async Task<UserRow?> FindAsync(PortalUser admin, string userId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ListByIdAsync(db, userId, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The departments a handler may belong to, by name.</summary>
    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Departments.OrderBy(d => d.Code).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Active commissioners other than <paramref name="exceptUserId"/>: the successors an admin may pick.</summary>
    public async Task<IReadOnlyList<UserRow>> CommissionersAsync(PortalUser admin, string? exceptUserId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        var page = await ListAsync(admin, null, Roles.Commissioner, null, 200, cancellationToken);
        return page.Rows.Where(r => r.IsActive && r.Id != exceptUserId).ToList();
    }

    /// <summary>
    /// The default successor of a commissioner: the default commissioner of the park most of their
    /// enterprises lie in (docs/decisions/011), if active and someone else; else null.
    /// </summary>
    public async Task<string?> DefaultSuccessorAsync(PortalUser admin, string userId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Enterprises.Where(e => e.CommissionerUserId == userId)
            .Join(db.Parks, e => e.ParkId, p => p.Id, (_, p) => p.DefaultCommissionerUserId)
            .Where(id => id != null && id != userId)
            .GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            if (await db.Users.AnyAsync(u => u.Id == id && u.DeactivatedAt == null, cancellationToken))
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>How much a commissioner still looks after: what a successor would take over.</summary>
    public async Task<(int Enterprises, int OpenRequests)> WorkloadAsync(PortalUser admin, string userId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Enterprises.CountAsync(e => e.CommissionerUserId == userId, cancellationToken),
            await db.ServiceRequests.CountAsync(r => r.CommissionerUserId == userId && Movable.Contains(r.State), cancellationToken));
    }

    /// <summary>Creates a staff account that must change <paramref name="temporaryPassword"/> at its first sign-in.</summary>
    public async Task<AdminOutcome> CreateAsync(PortalUser admin, StaffAccount account, string temporaryPassword, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        if (await CheckAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new ApplicationUser
        {
            UserName = account.Email.Trim(),
            Email = account.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = account.DisplayName.Trim(),
            PhoneNumber = Blank(account.PhoneNumber),
            DepartmentId = NeedsDepartment(account.Role) ? account.DepartmentId : null,
        };
        user.RequirePasswordChange();
        var created = await users.CreateAsync(user, temporaryPassword);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }
        var inRole = await users.AddToRoleAsync(user, account.Role);
        if (!inRole.Succeeded)
        {
            return FromIdentity(inRole);
        }
        await audit.RecordAsync(db, admin, AuditKinds.UserCreated, AuditSubject.Account(user.Id, user.Email!), null,
            await SnapshotAsync(db, user, account.Role, cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminOutcome.Done;
    }

    /// <summary>Changes name, phone, role and department (not the e-mail). A commissioner who still has enterprises or open requests keeps the role.</summary>
    public async Task<AdminOutcome> ChangeAsync(PortalUser admin, string userId, StaffAccount account, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        if (await CheckAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        return await ChangeUserAsync(admin, userId, AuditKinds.UserChanged, async (users, db, user, role) =>
        {
            if (role == Roles.Commissioner && account.Role != Roles.Commissioner)
            {
                var (enterprises, open) = await WorkloadAsync(admin, userId, cancellationToken);
                if (enterprises + open > 0)
                {
                    return AdminOutcome.Refused(nameof(StaffAccount.Role), "Users.Error.CommissionerStillAssigned");
                }
            }
            user.DisplayName = account.DisplayName.Trim();
            user.PhoneNumber = Blank(account.PhoneNumber);
            user.DepartmentId = NeedsDepartment(account.Role) ? account.DepartmentId : null;
            if (role != account.Role)
            {
                if (role is not null)
                {
                    await users.RemoveFromRoleAsync(user, role);
                }
                await users.AddToRoleAsync(user, account.Role);
            }
            var updated = await users.UpdateAsync(user);
            return updated.Succeeded ? AdminOutcome.Done : FromIdentity(updated);
        }, cancellationToken);
    }

    /// <summary>
    /// Deactivates the account for good (it signs in no more; nothing is deleted). A commissioner's
    /// enterprises and open requests move to <paramref name="successorUserId"/> in the same step, each
    /// request with a timeline entry and a notification to the successor; without a successor that is refused.
    /// </summary>
    public async Task<AdminOutcome> DeactivateAsync(PortalUser admin, string userId, string? successorUserId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        if (userId == admin.Id)
        {
            return AdminOutcome.Refused("", "Users.Error.DeactivateSelf");
        }
        NotificationsToSend? told = null;
        var outcome = await ChangeUserAsync(admin, userId, AuditKinds.UserDeactivated, async (users, db, user, role) =>
        {
            if (!user.IsActive)
            {
                return AdminOutcome.Refused("", "Users.Error.AlreadyDeactivated");
            }
            if (role == Roles.Commissioner)
            {
                var moved = await MoveCommissionerWorkAsync(db, user, successorUserId, cancellationToken);
                if (!moved.Outcome.Succeeded)
                {
                    return moved.Outcome;
                }
                told = moved.Told;
            }
            user.Deactivate(time.GetUtcNow());
            await users.UpdateSecurityStampAsync(user);
            return AdminOutcome.Done;
        }, cancellationToken);
        if (outcome.Succeeded && told is not null)
        {
            notifier.AfterCommit(told);
        }
        return outcome;
    }

    /// <summary>Sets a temporary password the user must change at their next sign-in; also lifts a lockout.</summary>
    public Task<AdminOutcome> ResetPasswordAsync(PortalUser admin, string userId, string temporaryPassword, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        return ChangeUserAsync(admin, userId, AuditKinds.UserPasswordReset, async (users, db, user, role) =>
        {
            if (!user.IsActive)
            {
                return AdminOutcome.Refused("", "Users.Error.Deactivated");
            }
            // Not a reset token: that would write a data-protection key beside this open transaction.
            await users.RemovePasswordAsync(user);
            var reset = await users.AddPasswordAsync(user, temporaryPassword);
            if (!reset.Succeeded)
            {
                return FromIdentity(reset, passwordField: "Password");
            }
            user.RequirePasswordChange();
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return AdminOutcome.Done;
        }, cancellationToken);
    }

    /// <summary>Lifts a lockout after failed sign-ins; a deactivated account stays locked.</summary>
    public Task<AdminOutcome> UnlockAsync(PortalUser admin, string userId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        return ChangeUserAsync(admin, userId, AuditKinds.UserUnlocked, async (users, db, user, role) =>
        {
            if (!user.IsActive)
            {
                return AdminOutcome.Refused("", "Users.Error.Deactivated");
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return AdminOutcome.Done;
        }, cancellationToken);
    }

    /// <summary>Loads the user in a scope of their own, applies <paramref name="change"/> and its audit entry in one transaction, or nothing.</summary>
    private async Task<AdminOutcome> ChangeUserAsync(PortalUser admin, string userId, string kind,
        Func<UserManager<ApplicationUser>, PortalDbContext, ApplicationUser, string?, Task<AdminOutcome>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AdminOutcome.Refused("", "Users.Error.NotFound");
        }
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var before = await SnapshotAsync(db, user, role, cancellationToken);
        var outcome = await change(users, db, user, role);
        if (!outcome.Succeeded)
        {
            return outcome;
        }
        var roleAfter = (await users.GetRolesAsync(user)).FirstOrDefault();
        await OrganisationAdministration.VacateHeadshipsAsync(db, audit, admin, user, roleAfter, cancellationToken);
        var after = await SnapshotAsync(db, user, roleAfter, cancellationToken);
        await audit.RecordAsync(db, admin, kind, AuditSubject.Account(user.Id, user.Email ?? user.Id), before, after, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task<(AdminOutcome Outcome, NotificationsToSend? Told)> MoveCommissionerWorkAsync(
        PortalDbContext db, ApplicationUser user, string? successorUserId, CancellationToken cancellationToken)
    {
        var enterprises = await db.Enterprises.Where(e => e.CommissionerUserId == user.Id).ToListAsync(cancellationToken);
        var requests = db.ServiceRequests.Where(r => r.CommissionerUserId == user.Id);
        if (enterprises.Count == 0 && !await requests.AnyAsync(r => Movable.Contains(r.State), cancellationToken))
        {
            return (AdminOutcome.Done, null);
        }
        if (string.IsNullOrWhiteSpace(successorUserId))
        {
            return (AdminOutcome.Refused("Successor", "Users.Error.SuccessorRequired"), null);
        }
        var successorIsActiveCommissioner = successorUserId != user.Id
            && await db.UsersInRole(Roles.Commissioner).AnyAsync(u => u.Id == successorUserId && u.DeactivatedAt == null, cancellationToken);
        if (!successorIsActiveCommissioner)
        {
            return (AdminOutcome.Refused("Successor", "Users.Error.SuccessorNotCommissioner"), null);
        }
        foreach (var enterprise in enterprises)
        {
            enterprise.AssignCommissioner(successorUserId);
        }
        var (_, told) = await handover.MoveAsync(db, requests, successorUserId, cancellationToken);
        return (AdminOutcome.Done, told);
    }

    /// <summary>Checks what needs the database: the role exists for staff, the department is there when the role needs one.</summary>
    private async Task<AdminOutcome?> CheckAsync(StaffAccount account, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(account.Email))
        {
            errors[nameof(StaffAccount.Email)] = "Users.Error.EmailRequired";
        }
        if (string.IsNullOrWhiteSpace(account.DisplayName))
        {
            errors[nameof(StaffAccount.DisplayName)] = "Users.Error.NameRequired";
        }
        else if (account.DisplayName.Trim().Length > ApplicationUser.DisplayNameMaxLength)
        {
            errors[nameof(StaffAccount.DisplayName)] = "Users.Error.NameTooLong";
        }
        if (!string.IsNullOrWhiteSpace(account.PhoneNumber) && !Portal.Domain.Registration.MobileNumber.IsValid(account.PhoneNumber))
        {
            errors[nameof(StaffAccount.PhoneNumber)] = "Users.Error.Mobile";
        }
        if (!StaffRoles.Contains(account.Role))
        {
            errors[nameof(StaffAccount.Role)] = "Users.Error.Role";
        }
        else if (NeedsDepartment(account.Role))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (account.DepartmentId is not { } department || !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken))
            {
                errors[nameof(StaffAccount.DepartmentId)] = "Users.Error.DepartmentRequired";
            }
        }
        return errors.Count > 0 ? new AdminOutcome(errors) : null;
    }

    private static bool NeedsDepartment(string role) => role == Roles.DepartmentHandler;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static AdminOutcome FromIdentity(IdentityResult result, string passwordField = "Password")
    {
        var errors = new Dictionary<string, string>();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
                    or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(StaffAccount.Email),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code.Contains("Common", StringComparison.Ordinal)
                    || error.Code.Contains("Kinds", StringComparison.Ordinal) => passwordField,
                _ => "",
            };
            errors[field] = errors.TryGetValue(field, out var earlier) ? earlier + " " + error.Description : error.Description;
        }
        return new AdminOutcome(errors);
    }

    /// <summary>What the audit log keeps of an account before and after a change.</summary>
    private static async Task<object> SnapshotAsync(PortalDbContext db, ApplicationUser user, string? role, CancellationToken cancellationToken) => new
    {
        user.Email,
        user.DisplayName,
        user.PhoneNumber,
        Role = role,
        Department = user.DepartmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken) : null,
        Active = user.IsActive,
        LockedOutUntil = user.DeactivatedAt is null ? user.LockoutEnd : null,
        user.MustChangePassword,
    };

    private static async Task<UserRow?> ListByIdAsync(PortalDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var u = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == userId, cancellationToken);
        if (u is null)
        {
            return null;
        }
        var role = await db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefaultAsync(cancellationToken);
        var department = u.DepartmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.PhoneNumber, role ?? "", u.DepartmentId, department, u.IsActive,
            u.IsActive && u.LockoutEnd > now, u.MustChangePassword);
    }
}
