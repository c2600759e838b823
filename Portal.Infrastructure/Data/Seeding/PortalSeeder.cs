using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Configuration;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Seeding;

/// <summary>
/// Fills an empty database: roles always, reference data when there are no departments yet, the
/// calendar when it has no years and no working periods yet, a time-limit policy for every category
/// and urgency without one, demo data when there are no users yet. Every step looks before it
/// writes, so running it again is a no-op.
/// </summary>
public sealed class PortalSeeder(
    IDbContextFactory<PortalDbContext> contextFactory,
    UserManager<ApplicationUser> userManager,
    TimeProvider time,
    ILogger<PortalSeeder> logger)
{
    public async Task SeedRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Roles.Select(r => r.Name!).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Departments.AnyAsync(cancellationToken))
        {
            return;
        }

        var departments = ReferenceData.Departments.ToDictionary(d => d.Code, d => new Department(d.Code, d.Name));
        db.Departments.AddRange(departments.Values);
        db.Parks.AddRange(ReferenceData.Parks.Select(name => new Park(name)));
        db.Industries.AddRange(ReferenceData.Industries.Select(name => new Industry(name)));
        await db.SaveChangesAsync(cancellationToken);

        db.RequestCategories.AddRange(ReferenceData.Categories.Select(c =>
            new RequestCategory(c.Code, c.Name, c.Description, departments[c.LeadDepartmentCode].Id)));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded reference data: {Departments} departments, {Categories} categories",
            departments.Count, ReferenceData.Categories.Count);
    }

    /// <summary>
    /// The State Council's schedules the portal ships with (<see cref="OfficialHolidays"/>) when the
    /// calendar has no years, the default working hours when it has none, and the revision row.
    /// </summary>
    public async Task SeedCalendarAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.CalendarRevisions.AnyAsync(cancellationToken))
        {
            db.CalendarRevisions.Add(new CalendarRevision(time.GetUtcNow()));
        }
        if (!await db.WorkingPeriods.AnyAsync(cancellationToken))
        {
            db.WorkingPeriods.AddRange(WorkCalendar.DefaultWorkingPeriods.Select(p => new WorkingPeriod(p.Start, p.End)));
        }
        if (!await db.CalendarYears.AnyAsync(cancellationToken))
        {
            db.CalendarYears.AddRange(OfficialHolidays.Notices.Select(CalendarYear.FromNotice));
            logger.LogInformation("Seeded the work calendar: {Years}", string.Join(", ", OfficialHolidays.Notices.Select(n => $"{n.Year} ({n.DocumentNumber})")));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>DESIGN.md's default time limits for every category and urgency that has no policy yet.</summary>
    public async Task SeedTimeLimitPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var categories = await db.RequestCategories.Select(c => c.Id).ToListAsync(cancellationToken);
        var existing = (await db.TimeLimitPolicies.Select(p => new { p.CategoryId, p.Urgency }).ToListAsync(cancellationToken))
            .Select(p => (p.CategoryId, p.Urgency))
            .ToHashSet();
        var missing = categories
            .SelectMany(_ => Enum.GetValues<Urgency>(), (category, urgency) => (category, urgency))
            .Where(pair => !existing.Contains(pair))
            .Select(pair => new TimeLimitPolicy(pair.category, pair.urgency))
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }
        db.TimeLimitPolicies.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Policies} time-limit policies with the default targets", missing.Count);
    }

    /// <summary>Demo users and enterprises; only into a database without users.</summary>
    public async Task SeedDemoDataAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken) || await db.Enterprises.AnyAsync(cancellationToken))
        {
            return;
        }

        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, cancellationToken);
        var parks = await db.Parks.ToDictionaryAsync(p => p.Name, cancellationToken);
        var industries = await db.Industries.ToDictionaryAsync(i => i.Name, cancellationToken);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);

        // One hash serves every demo account: hashing is deliberately slow, and these share a password.
        var passwordHash = userManager.PasswordHasher.HashPassword(new ApplicationUser(), DemoData.Password);
        var people = DemoData.People
            .Concat(departments.Values.SelectMany(d => DemoData.DepartmentStaff(d.Code, d.Name)))
            .ToList();
        var users = people.ToDictionary(p => p.Email, p => NewUser(p, passwordHash, departments));
        db.Users.AddRange(users.Values);
        db.UserRoles.AddRange(people.Select(p => new IdentityUserRole<string> { UserId = users[p.Email].Id, RoleId = roles[p.Role] }));
        await db.SaveChangesAsync(cancellationToken);

        foreach (var department in departments.Values)
        {
            department.AppointHead(users[DemoData.DepartmentStaff(department.Code, department.Name).First().Email].Id);
        }
        foreach (var (park, commissioner) in DemoData.ParkDefaultCommissioners)
        {
            parks[park].AssignDefaultCommissioner(users[commissioner].Id);
        }
        foreach (var (industry, commissioner) in DemoData.IndustryDefaultCommissioners)
        {
            industries[industry].AssignDefaultCommissioner(users[commissioner].Id);
        }
        var enterprises = DemoData.Enterprises.ToDictionary(e => e.CreditCode, e =>
        {
            var enterprise = new Enterprise(e.Name, UnifiedSocialCreditCode.Parse(e.CreditCode),
                parks[e.Park].Id, industries[e.Industry].Id, e.IsAboveScale);
            enterprise.AssignCommissioner(users[e.CommissionerEmail].Id);
            if (e.CadreEmail is not null)
            {
                enterprise.AssignCadre(users[e.CadreEmail].Id);
            }
            return enterprise;
        });
        db.Enterprises.AddRange(enterprises.Values);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var person in people.Where(p => p.EnterpriseCode is not null))
        {
            users[person.Email].EnterpriseId = enterprises[person.EnterpriseCode!].Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Users} users, {Enterprises} enterprises", users.Count, enterprises.Count);
    }

    /// <summary>
    /// Creates the first Admin from <c>Bootstrap:AdminEmail</c> and <c>Bootstrap:AdminPassword</c> when
    /// no Admin exists; refuses a missing, weak or demo password.
    /// </summary>
    public async Task BootstrapAdminAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        if ((await userManager.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            throw new PortalConfigurationException(
                "There is no Admin yet: set Bootstrap:AdminEmail and Bootstrap:AdminPassword. / 尚无系统管理员：请配置 Bootstrap:AdminEmail 和 Bootstrap:AdminPassword。");
        }
        if (password == DemoData.Password)
        {
            throw new PortalConfigurationException(
                "Bootstrap:AdminPassword is the public demo password; choose another. / Bootstrap:AdminPassword 不能使用公开的演示密码。");
        }

        var admin = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = "系统管理员" };
        var created = await userManager.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new PortalConfigurationException(
                $"Bootstrap:AdminPassword or Bootstrap:AdminEmail is refused: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        await userManager.AddToRoleAsync(admin, Roles.Admin);
        logger.LogWarning("Created the first Admin {Email} from the Bootstrap settings", email);
    }

    private static ApplicationUser NewUser(DemoData.DemoUser person, string passwordHash, Dictionary<string, Department> departments) => new()
    {
        UserName = person.Email,
        NormalizedUserName = person.Email.ToUpperInvariant(),
        Email = person.Email,
        NormalizedEmail = person.Email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = person.DisplayName,
        PasswordHash = passwordHash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        DepartmentId = person.DepartmentCode is null ? null : departments[person.DepartmentCode].Id,
    };
}
