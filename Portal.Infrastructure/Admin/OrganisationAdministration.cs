using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>A person the organisation page names or offers: a head, a handler, a commissioner.</summary>
public sealed record OrganisationPerson(string Id, string DisplayName, string Email, bool IsActive);

/// <summary>A department as the organisation page lists it: its head and its active handlers.</summary>
public sealed record DepartmentRow(int Id, string Code, string Name, OrganisationPerson? Head, IReadOnlyList<OrganisationPerson> Handlers);

/// <summary>What an admin types for a department; the head only when changing one (a new department has no handlers yet).</summary>
public sealed record DepartmentInput(string? Code, string? Name, string? HeadUserId);

/// <summary>A park or an industry with its default commissioner (null when none is named).</summary>
public sealed record RoutingDefaultRow(int Id, string Name, OrganisationPerson? DefaultCommissioner);

/// <summary>What an admin types for a park or an industry.</summary>
public sealed record RoutingDefaultInput(string? Name, string? DefaultCommissionerUserId);

/// <summary>
/// 组织机构: departments (code, name, head) and the routing defaults (each park's and industry's default
/// commissioner), created and changed by admins only, each change in one transaction with its audit
/// entry. A department is never deleted: requests refer to it.
/// </summary>
public sealed class OrganisationAdministration(IDbContextFactory<PortalDbContext> contexts, AuditLog audit)
{
    public async Task<IReadOnlyList<DepartmentRow>> DepartmentsAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var handlers = (await db.UsersInRole(Roles.DepartmentHandler).AsNoTracking()
                .Where(u => u.DeactivatedAt == null && u.DepartmentId != null)
                .OrderBy(u => u.DisplayName)
                .Select(u => new { u.DepartmentId, Person = new OrganisationPerson(u.Id, u.DisplayName, u.Email ?? "", true) })
                .ToListAsync(cancellationToken))
            .ToLookup(h => h.DepartmentId!.Value, h => h.Person);
        var heads = await PeopleAsync(db, departments.Select(d => d.HeadUserId), cancellationToken);
        return departments.Select(d => new DepartmentRow(d.Id, d.Code, d.Name, d.HeadUserId is { } head ? heads.GetValueOrDefault(head) : null,
            [.. handlers[d.Id]])).ToList();
    }

    /// <summary>Creates a department (<paramref name="departmentId"/> null) or changes its code, name and head.</summary>
    public async Task<AdminOutcome> SaveDepartmentAsync(PortalUser admin, int? departmentId, DepartmentInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Department? department = null;
        if (departmentId is { } id && (department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)) is null)
        {
            return AdminOutcome.Refused("", "Organisation.Error.NotFound");
        }
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        var head = string.IsNullOrWhiteSpace(input.HeadUserId) ? null : input.HeadUserId.Trim();
        var errors = new Dictionary<string, string>();
        if (CheckText(code, Department.CodeMaxLength, "Code") is { } codeError)
        {
            errors[nameof(DepartmentInput.Code)] = codeError;
        }
        else if (await db.Departments.AnyAsync(d => d.Id != departmentId && d.Code.ToUpper() == code.ToUpperInvariant(), cancellationToken))
        {
            errors[nameof(DepartmentInput.Code)] = "Organisation.Error.CodeTaken";
        }
        if (CheckText(name, Department.NameMaxLength, "Name") is { } nameError)
        {
            errors[nameof(DepartmentInput.Name)] = nameError;
        }
        else if (await db.Departments.AnyAsync(d => d.Id != departmentId && d.Name == name, cancellationToken))
        {
            errors[nameof(DepartmentInput.Name)] = "Organisation.Error.NameTaken";
        }
        if (head is not null && head != department?.HeadUserId
            && (department is null || !await IsActiveHandlerOfAsync(db, head, department.Id, cancellationToken)))
        {
            errors[nameof(DepartmentInput.HeadUserId)] = "Organisation.Error.HeadNotHandler";
        }
        if (errors.Count > 0)
        {
            return new AdminOutcome(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (department is null)
        {
            department = new Department(code, name);
            db.Departments.Add(department);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(db, admin, AuditKinds.DepartmentCreated, AuditSubject.Department(department.Id, department.Name), null,
                await SnapshotAsync(db, department, cancellationToken), cancellationToken);
        }
        else
        {
            var before = await SnapshotAsync(db, department, cancellationToken);
            department.Rename(code, name);
            if (head is null)
            {
                department.VacateHead();
            }
            else
            {
                department.AppointHead(head);
            }
            await audit.RecordAsync(db, admin, AuditKinds.DepartmentChanged, AuditSubject.Department(department.Id, department.Name), before,
                await SnapshotAsync(db, department, cancellationToken), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminOutcome.Done;
    }

    public Task<IReadOnlyList<RoutingDefaultRow>> ParksAsync(PortalUser admin, CancellationToken cancellationToken = default) =>
        RoutingDefaultsAsync(admin, db => db.Parks, cancellationToken);

    public Task<IReadOnlyList<RoutingDefaultRow>> IndustriesAsync(PortalUser admin, CancellationToken cancellationToken = default) =>
        RoutingDefaultsAsync(admin, db => db.Industries, cancellationToken);

    /// <summary>Creates a park (<paramref name="parkId"/> null) or renames it; names or clears its default commissioner.</summary>
    public Task<AdminOutcome> SaveParkAsync(PortalUser admin, int? parkId, RoutingDefaultInput input, CancellationToken cancellationToken = default) =>
        SaveRoutingDefaultAsync(admin, parkId, input, db => db.Parks, name => new Park(name), Park.NameMaxLength,
            AuditKinds.ParkCreated, AuditKinds.ParkChanged, AuditSubject.Park, cancellationToken);

    /// <summary>Creates an industry (<paramref name="industryId"/> null) or renames it; names or clears its default commissioner.</summary>
    public Task<AdminOutcome> SaveIndustryAsync(PortalUser admin, int? industryId, RoutingDefaultInput input, CancellationToken cancellationToken = default) =>
        SaveRoutingDefaultAsync(admin, industryId, input, db => db.Industries, name => new Industry(name), Industry.NameMaxLength,
            AuditKinds.IndustryCreated, AuditKinds.IndustryChanged, AuditSubject.Industry, cancellationToken);

    /// <summary>The active commissioners, by name: who may be a park's or an industry's default.</summary>
    public async Task<IReadOnlyList<OrganisationPerson>> CommissionersAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.UsersInRole(Roles.Commissioner).AsNoTracking().Where(u => u.DeactivatedAt == null).OrderBy(u => u.DisplayName)
            .Select(u => new OrganisationPerson(u.Id, u.DisplayName, u.Email ?? "", true)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves each department <paramref name="user"/> heads without a head when they are no longer an active
    /// handler of it (deactivated, another role, another department), each with its audit entry, in the
    /// caller's context: saved with the change of the account, or not at all.
    /// </summary>
    public static async Task VacateHeadshipsAsync(PortalDbContext db, AuditLog audit, PortalUser admin, ApplicationUser user, string? role,
        CancellationToken cancellationToken)
    {
        var stillEligibleFor = user.IsActive && role == Roles.DepartmentHandler ? user.DepartmentId : null;
        var headed = await db.Departments.Where(d => d.HeadUserId == user.Id && d.Id != stillEligibleFor).ToListAsync(cancellationToken);
        foreach (var department in headed)
        {
            var before = await SnapshotAsync(db, department, cancellationToken);
            department.VacateHead();
            await audit.RecordAsync(db, admin, AuditKinds.DepartmentHeadVacated, AuditSubject.Department(department.Id, department.Name), before,
                await SnapshotAsync(db, department, cancellationToken), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<RoutingDefaultRow>> RoutingDefaultsAsync<T>(PortalUser admin, Func<PortalDbContext, DbSet<T>> set,
        CancellationToken cancellationToken) where T : class, IHasDefaultCommissioner
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var units = await set(db).AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
        var people = await PeopleAsync(db, units.Select(u => u.DefaultCommissionerUserId), cancellationToken);
        return units.Select(u => new RoutingDefaultRow(u.Id, u.Name,
            u.DefaultCommissionerUserId is { } id ? people.GetValueOrDefault(id) : null)).ToList();
    }

    private async Task<AdminOutcome> SaveRoutingDefaultAsync<T>(PortalUser admin, int? id, RoutingDefaultInput input,
        Func<PortalDbContext, DbSet<T>> set, Func<string, T> create, int nameMaxLength, string createdKind, string changedKind,
        Func<int, string, AuditSubject> subject, CancellationToken cancellationToken) where T : class, IHasDefaultCommissioner
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        T? unit = null;
        if (id is { } existing && (unit = await set(db).SingleOrDefaultAsync(u => u.Id == existing, cancellationToken)) is null)
        {
            return AdminOutcome.Refused("", "Organisation.Error.NotFound");
        }
        var name = input.Name?.Trim() ?? "";
        var commissioner = string.IsNullOrWhiteSpace(input.DefaultCommissionerUserId) ? null : input.DefaultCommissionerUserId.Trim();
        var errors = new Dictionary<string, string>();
        if (CheckText(name, nameMaxLength, "Name") is { } nameError)
        {
            errors[nameof(RoutingDefaultInput.Name)] = nameError;
        }
        else if (await set(db).AnyAsync(u => u.Id != id && u.Name == name, cancellationToken))
        {
            errors[nameof(RoutingDefaultInput.Name)] = "Organisation.Error.NameTaken";
        }
        // A default already named stays as it is when only the name changes, even if its account was since deactivated.
        if (commissioner is not null && commissioner != unit?.DefaultCommissionerUserId
            && !await db.UsersInRole(Roles.Commissioner).AnyAsync(u => u.Id == commissioner && u.DeactivatedAt == null, cancellationToken))
        {
            errors[nameof(RoutingDefaultInput.DefaultCommissionerUserId)] = "Organisation.Error.NotACommissioner";
        }
        if (errors.Count > 0)
        {
            return new AdminOutcome(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (unit is null)
        {
            unit = create(name);
            unit.AssignDefaultCommissioner(commissioner);
            set(db).Add(unit);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(db, admin, createdKind, subject(unit.Id, unit.Name), null, await SnapshotAsync(db, unit, cancellationToken), cancellationToken);
        }
        else
        {
            var before = await SnapshotAsync(db, unit, cancellationToken);
            unit.Rename(name);
            unit.AssignDefaultCommissioner(commissioner);
            await audit.RecordAsync(db, admin, changedKind, subject(unit.Id, unit.Name), before, await SnapshotAsync(db, unit, cancellationToken), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminOutcome.Done;
    }

    private static Task<bool> IsActiveHandlerOfAsync(PortalDbContext db, string userId, int departmentId, CancellationToken cancellationToken) =>
        db.UsersInRole(Roles.DepartmentHandler).AnyAsync(u => u.Id == userId && u.DeactivatedAt == null && u.DepartmentId == departmentId, cancellationToken);

    /// <summary>A resource key when <paramref name="text"/> (trimmed) is empty or too long; else null.</summary>
    private static string? CheckText(string text, int maxLength, string field) =>
        text.Length == 0 ? $"Organisation.Error.{field}Required"
        : text.Length > maxLength ? $"Organisation.Error.{field}TooLong"
        : null;

    private static async Task<Dictionary<string, OrganisationPerson>> PeopleAsync(PortalDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new OrganisationPerson(u.Id, u.DisplayName, u.Email ?? "", u.DeactivatedAt == null))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    private static async Task<string?> EmailOfAsync(PortalDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>What the audit log keeps of a department: the head by e-mail.</summary>
    private static async Task<object> SnapshotAsync(PortalDbContext db, Department department, CancellationToken cancellationToken) => new
    {
        department.Code,
        department.Name,
        Head = await EmailOfAsync(db, department.HeadUserId, cancellationToken),
    };

    private static async Task<object> SnapshotAsync(PortalDbContext db, IHasDefaultCommissioner unit, CancellationToken cancellationToken) => new
    {
        unit.Name,
        DefaultCommissioner = await EmailOfAsync(db, unit.DefaultCommissionerUserId, cancellationToken),
    };
}
