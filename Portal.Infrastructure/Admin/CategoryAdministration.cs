using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>A request category as the admin list shows it.</summary>
public sealed record CategoryRow(int Id, string Code, string Name, string Description, int? LeadDepartmentId, string? LeadDepartmentName, bool IsActive);

/// <summary>What an admin types to create or change a category.</summary>
public sealed record CategoryInput(string? Code, string? Name, string? Description, int? LeadDepartmentId, bool IsActive);

/// <summary>One target of a time-limit policy: an amount in a unit.</summary>
public sealed record PolicyTarget(TimeLimitTarget Target, int Amount, TimeLimitUnit Unit);

/// <summary>A category's time-limit policy at one urgency, as the admin edits it.</summary>
public sealed record PolicyView(int CategoryId, string CategoryCode, string CategoryName, Urgency Urgency, IReadOnlyList<PolicyTarget> Targets, int MaxExtensions);

/// <summary>What an admin types into a policy: every target, and the most extensions.</summary>
public sealed record PolicyInput(IReadOnlyList<PolicyTarget> Targets, int MaxExtensions);

/// <summary>
/// How a category or policy change ended: done, or refused with the domain's refusal per field — a property of
/// <see cref="CategoryInput"/>, a <see cref="TimeLimitTarget"/>'s name, <see cref="PolicyInput.MaxExtensions"/>,
/// or "" for the change as a whole. Nothing is saved when refused.
/// </summary>
public sealed record CategoryOutcome(IReadOnlyDictionary<string, DomainException> Refusals, int? CategoryId = null)
{
    public bool Succeeded => Refusals.Count == 0;

    public static CategoryOutcome Done(int categoryId) => new(new Dictionary<string, DomainException>(), categoryId);

    public static CategoryOutcome Refused(string field, DomainException refusal) => new(new Dictionary<string, DomainException> { [field] = refusal });
}

/// <summary>
/// 诉求类别与时限: request categories created and changed (code, name, description, lead department, active flag)
/// and their time-limit policies per urgency — each change in one transaction with its audit entry. Admins only.
/// A policy change reaches new requests only: a request copies its targets when it is submitted
/// (<see cref="RequestTargetsSource"/>).
/// </summary>
public sealed class CategoryAdministration(IDbContextFactory<PortalDbContext> contexts, AuditLog audit)
{
    /// <summary>Every category, by code: a district has a few dozen at most, so the list is not paged.</summary>
    public async Task<IReadOnlyList<CategoryRow>> ListAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db.RequestCategories, db).ToListAsync(cancellationToken);
    }

    public async Task<CategoryRow?> FindAsync(PortalUser admin, int categoryId, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db.RequestCategories.Where(c => c.Id == categoryId), db).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The departments that may lead a category, by code.</summary>
    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Departments.OrderBy(d => d.Code).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a category with DESIGN.md's default time limits for each urgency, in one transaction with its audit entry.</summary>
    public async Task<CategoryOutcome> CreateAsync(PortalUser admin, CategoryInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await CheckAsync(db, null, input, cancellationToken) is { } refused)
        {
            return refused;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var category = new RequestCategory(input.Code!, input.Name!, input.Description!, input.LeadDepartmentId, input.IsActive);
        db.RequestCategories.Add(category);
        if (await SaveAsync(db, input, cancellationToken) is { } taken)
        {
            return taken;
        }
        var policies = Enum.GetValues<Urgency>().Select(urgency => new TimeLimitPolicy(category.Id, urgency)).ToList();
        db.TimeLimitPolicies.AddRange(policies);
        await audit.RecordAsync(db, admin, AuditKinds.CategoryCreated, Subject(category), null,
            await SnapshotAsync(db, category, cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CategoryOutcome.Done(category.Id);
    }

    /// <summary>Changes code, name, description, lead department and active flag together, or nothing.</summary>
    public async Task<CategoryOutcome> ChangeAsync(PortalUser admin, int categoryId, CategoryInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.RequestCategories.SingleOrDefaultAsync(c => c.Id == categoryId, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }
        if (await CheckAsync(db, categoryId, input, cancellationToken) is { } refused)
        {
            return refused;
        }
        var before = await SnapshotAsync(db, category, cancellationToken);
        category.Change(input.Code!, input.Name!, input.Description!, input.LeadDepartmentId, input.IsActive);
        var after = await SnapshotAsync(db, category, cancellationToken);
        if (before.Equals(after))
        {
            return CategoryOutcome.Done(categoryId);
        }
        await audit.RecordAsync(db, admin, AuditKinds.CategoryChanged, Subject(category), before, after, cancellationToken);
        return await SaveAsync(db, input, cancellationToken) ?? CategoryOutcome.Done(categoryId);
    }

    /// <summary>The category's policy at <paramref name="urgency"/>; null when the category (or its policy) is not there.</summary>
    public async Task<PolicyView?> PolicyAsync(PortalUser admin, int categoryId, Urgency urgency, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.RequestCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, cancellationToken);
        var policy = await db.TimeLimitPolicies.AsNoTracking()
            .SingleOrDefaultAsync(p => p.CategoryId == categoryId && p.Urgency == urgency, cancellationToken);
        return category is null || policy is null
            ? null
            : new PolicyView(category.Id, category.Code, category.Name, urgency,
                [.. TimeLimitTargets.All.Select(t => new PolicyTarget(t, policy[t].Amount, policy[t].Unit))], policy.MaxExtensions);
    }

    /// <summary>
    /// Sets every target and the most extensions of one policy, or nothing: each refusal is reported beside its
    /// target. Requests already filed keep the targets they copied; the next request copies these.
    /// </summary>
    public async Task<CategoryOutcome> ChangePolicyAsync(PortalUser admin, int categoryId, Urgency urgency, PolicyInput input,
        CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.RequestCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, cancellationToken);
        var policy = await db.TimeLimitPolicies.SingleOrDefaultAsync(p => p.CategoryId == categoryId && p.Urgency == urgency, cancellationToken);
        if (category is null || policy is null)
        {
            return NotFound();
        }
        var before = PolicySnapshot(policy);
        var refusals = new Dictionary<string, DomainException>();
        foreach (var target in input.Targets)
        {
            Check(refusals, target.Target.ToString(), () => policy.ChangeTarget(target.Target, target.Amount, target.Unit));
        }
        Check(refusals, nameof(PolicyInput.MaxExtensions), () => policy.ChangeMaxExtensions(input.MaxExtensions));
        if (refusals.Count > 0)
        {
            // The context goes with whatever targets were set before the refusal: nothing is saved.
            return new CategoryOutcome(refusals);
        }
        var after = PolicySnapshot(policy);
        if (before.SequenceEqual(after))
        {
            return CategoryOutcome.Done(categoryId);
        }
        await audit.RecordAsync(db, admin, AuditKinds.TimeLimitPolicyChanged,
            new AuditSubject("TimeLimitPolicy", policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{category.Code} {category.Name} · {Chinese(urgency)}"),
            before, after, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return CategoryOutcome.Done(categoryId);
    }

    private static IQueryable<CategoryRow> Rows(IQueryable<RequestCategory> categories, PortalDbContext db) =>
        categories.AsNoTracking().OrderBy(c => c.Code).Select(c => new CategoryRow(
            c.Id, c.Code, c.Name, c.Description, c.LeadDepartmentId,
            db.Departments.Where(d => d.Id == c.LeadDepartmentId).Select(d => d.Name).FirstOrDefault(), c.IsActive));

    /// <summary>Every field checked, each refusal kept beside its field: the domain's text rules, its lead rule, and what needs the database.</summary>
    private static async Task<CategoryOutcome?> CheckAsync(PortalDbContext db, int? categoryId, CategoryInput input, CancellationToken cancellationToken)
    {
        // The domain's rules, keyed by the category's property names, which are those of the input.
        var refusals = new Dictionary<string, DomainException>(
            RequestCategory.Check(input.Code, input.Name, input.Description, input.LeadDepartmentId, input.IsActive));
        if (!refusals.ContainsKey(nameof(CategoryInput.Code)) && await CodeTakenAsync(db, categoryId, input.Code!, cancellationToken))
        {
            refusals[nameof(CategoryInput.Code)] = CodeTaken(input.Code!);
        }
        if (!refusals.ContainsKey(nameof(CategoryInput.LeadDepartmentId)) && input.LeadDepartmentId is { } lead
            && !await db.Departments.AnyAsync(d => d.Id == lead, cancellationToken))
        {
            refusals[nameof(CategoryInput.LeadDepartmentId)] = new DomainException(CategoryRefusals.LeadDepartmentNotFound, "所选牵头部门不存在");
        }
        return refusals.Count > 0 ? new CategoryOutcome(refusals) : null;
    }

    private static Task<bool> CodeTakenAsync(PortalDbContext db, int? categoryId, string code, CancellationToken cancellationToken)
    {
        var upper = code.Trim().ToUpperInvariant();
        return db.RequestCategories.AnyAsync(c => c.Id != categoryId && c.Code.ToUpper() == upper, cancellationToken);
    }

    private static DomainException CodeTaken(string code) =>
        new(CategoryRefusals.CodeTaken, $"类别编码 {code.Trim()} 已被使用", code.Trim());

    /// <summary>Saves; another admin taking the same code in the meantime is refused beside the code, as the check would have.</summary>
    private static async Task<CategoryOutcome?> SaveAsync(PortalDbContext db, CategoryInput input, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return CategoryOutcome.Refused(nameof(CategoryInput.Code), CodeTaken(input.Code!));
        }
    }

    private static void Check(Dictionary<string, DomainException> refusals, string field, Action rule)
    {
        try
        {
            rule();
        }
        catch (DomainException refused)
        {
            refusals[field] = refused;
        }
    }

    private static CategoryOutcome NotFound() =>
        CategoryOutcome.Refused("", new DomainException(CategoryRefusals.NotFound, "该诉求类别不存在"));

    private static AuditSubject Subject(RequestCategory category) =>
        new("RequestCategory", category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{category.Code} {category.Name}");

    private static string Chinese(Urgency urgency) => urgency == Urgency.Urgent ? "紧急" : "一般";

    /// <summary>What the audit log keeps of a category before and after a change.</summary>
    private static async Task<CategorySnapshot> SnapshotAsync(PortalDbContext db, RequestCategory category, CancellationToken cancellationToken) => new(
        category.Code, category.Name, category.Description,
        category.LeadDepartmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken) : null,
        category.IsActive);

    /// <summary>A policy as the audit log keeps it: each target in words ("2 个工作小时"), then the most extensions.</summary>
    private static Dictionary<string, object> PolicySnapshot(TimeLimitPolicy policy)
    {
        var snapshot = TimeLimitTargets.All.ToDictionary(t => t.ToString(), t => (object)policy[t].ToString());
        snapshot[nameof(TimeLimitPolicy.MaxExtensions)] = policy.MaxExtensions;
        return snapshot;
    }

    private sealed record CategorySnapshot(string Code, string Name, string Description, string? LeadDepartment, bool Active);
}
