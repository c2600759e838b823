using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>
/// 组织机构 on real SQLite and PostgreSQL: departments with their head, parks and industries with their default
/// commissioner; each change whole or not at all, and in the audit log with its before and after.
/// </summary>
public class OrganisationAdministrationTests(SeededPortals seeded) : IClassFixture<SeededPortals>
{
    private static string? Property(string? json, string name) =>
        JsonDocument.Parse(json!).RootElement.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static Task<AuditEntry> SingleEntryAsync(SeededPortal portal, string kind, string subjectType, int id) =>
        portal.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == kind && e.SubjectType == subjectType && e.SubjectId == id.ToString()));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Departments_ListTheirHeadAndActiveHandlers(DatabaseProvider provider)
    {
        var portal = await seeded.ForAsync(provider);
        var admin = await portal.UserAsync("it@taierzhuang.gov.cn");
        var organisation = portal.Services.GetRequiredService<OrganisationAdministration>();

        var departments = await organisation.DepartmentsAsync(admin);

        Assert.NotEmpty(departments);
        Assert.Equal(departments.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => d.Code), departments.Select(d => d.Code));
        Assert.All(departments, d => Assert.Null(d.Head));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaveDepartment_CreatesAndChanges_WithTheHeadAmongItsHandlers_AndRefusesBadInputSavingNothing(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var organisation = portal.Services.GetRequiredService<OrganisationAdministration>();
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");
        var otherHandler = await portal.UserAsync("zrzy.handler@yqby.test");
        var swjHandler = await portal.UserAsync("swj.handler@yqby.test");
        var auditCount = await portal.QueryAsync(db => db.AuditEntries.CountAsync());

        var duplicateCode = await organisation.SaveDepartmentAsync(admin, null, new DepartmentInput(" swj ", "新的局", null));
        var noName = await organisation.SaveDepartmentAsync(admin, null, new DepartmentInput("XDJ", "  ", null));
        var duplicateName = await organisation.SaveDepartmentAsync(admin, swj, new DepartmentInput("SWJ", "自然资源局", null));
        var headFromElsewhere = await organisation.SaveDepartmentAsync(admin, swj, new DepartmentInput("SWJ2", "水利局", otherHandler.Id));

        Assert.Equal("Organisation.Error.CodeTaken", duplicateCode.Errors[nameof(DepartmentInput.Code)]);
        Assert.Equal("Organisation.Error.NameRequired", noName.Errors[nameof(DepartmentInput.Name)]);
        Assert.Equal("Organisation.Error.NameTaken", duplicateName.Errors[nameof(DepartmentInput.Name)]);
        Assert.Equal("Organisation.Error.HeadNotHandler", Assert.Single(headFromElsewhere.Errors).Value);
        Assert.False(await portal.QueryAsync(db => db.Departments.AnyAsync(d => d.Code == "SWJ2" || d.Code == "XDJ" || d.Name == "新的局")));
        Assert.Equal(auditCount, await portal.QueryAsync(db => db.AuditEntries.CountAsync()));

        var created = await organisation.SaveDepartmentAsync(admin, null, new DepartmentInput("XDJ", "信访局", null));
        var appointed = await organisation.SaveDepartmentAsync(admin, swj, new DepartmentInput("SWJ", "水利局", swjHandler.Id));

        Assert.True(created.Succeeded && appointed.Succeeded, string.Join(";", created.Errors.Values.Concat(appointed.Errors.Values)));
        var departments = await organisation.DepartmentsAsync(admin);
        var water = departments.Single(d => d.Id == swj);
        Assert.Equal(("水利局", "swj.handler@yqby.test"), (water.Name, water.Head?.Email));
        Assert.Equal(["swj.handler@yqby.test", "swj.head@yqby.test"], water.Handlers.Select(h => h.Email).Order());
        var xdj = departments.Single(d => d.Code == "XDJ");
        var creation = await SingleEntryAsync(portal, AuditKinds.DepartmentCreated, "Department", xdj.Id);
        Assert.Null(creation.Before);
        Assert.Equal("信访局", Property(creation.After, "Name"));
        var change = await SingleEntryAsync(portal, AuditKinds.DepartmentChanged, "Department", swj);
        Assert.Equal(("水务局", "swj.head@yqby.test"), (Property(change.Before, "Name"), Property(change.Before, "Head")));
        Assert.Equal(("水利局", "swj.handler@yqby.test"), (Property(change.After, "Name"), Property(change.After, "Head")));
        Assert.Equal("admin@yqby.test", change.ActorName);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AHeadWhoChangesDepartmentOrIsDeactivated_LeavesThePostInTheSameSave_WithItsAudit(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var users = portal.Services.GetRequiredService<UserAdministration>();
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        var swjHead = await portal.UserAsync("swj.head@yqby.test");
        var zrzyHead = await portal.UserAsync("zrzy.head@yqby.test");
        Task<string?> HeadOfAsync(int department) => portal.QueryAsync(db => db.Departments.Where(d => d.Id == department).Select(d => d.HeadUserId).SingleAsync());

        var renamed = await users.ChangeAsync(admin, swjHead.Id, new StaffAccount("swj.head@yqby.test", "水务局科长", null, Roles.DepartmentHandler, swj));
        Assert.True(renamed.Succeeded);
        Assert.Equal(swjHead.Id, await HeadOfAsync(swj));

        var moved = await users.ChangeAsync(admin, swjHead.Id, new StaffAccount("swj.head@yqby.test", "水务局科长", null, Roles.DepartmentHandler, zrzy));
        var deactivated = await users.DeactivateAsync(admin, zrzyHead.Id, null);

        Assert.True(moved.Succeeded && deactivated.Succeeded);
        Assert.Null(await HeadOfAsync(swj));
        Assert.Null(await HeadOfAsync(zrzy));
        var vacated = await SingleEntryAsync(portal, AuditKinds.DepartmentHeadVacated, "Department", swj);
        Assert.Equal(("swj.head@yqby.test", null), (Property(vacated.Before, "Head"), Property(vacated.After, "Head")));
        var vacatedByDeactivation = await SingleEntryAsync(portal, AuditKinds.DepartmentHeadVacated, "Department", zrzy);
        Assert.Equal("zrzy.head@yqby.test", Property(vacatedByDeactivation.Before, "Head"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaveParkAndIndustry_TakeOnlyAnActiveCommissionerAsDefault_ClearingIsAllowed_AndEachChangeIsAudited(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var organisation = portal.Services.GetRequiredService<OrganisationAdministration>();
        var cadre = await portal.UserAsync("cadre@yqby.test");
        var commissioner2 = await portal.UserAsync("commissioner2@yqby.test");
        var auditCount = await portal.QueryAsync(db => db.AuditEntries.CountAsync());

        var cadreAsDefault = await organisation.SaveParkAsync(admin, null, new RoutingDefaultInput("新城产业园", cadre.Id));
        var duplicate = await organisation.SaveIndustryAsync(admin, null, new RoutingDefaultInput(" 新材料 ", null));

        Assert.Equal("Organisation.Error.NotACommissioner", cadreAsDefault.Errors[nameof(RoutingDefaultInput.DefaultCommissionerUserId)]);
        Assert.Equal("Organisation.Error.NameTaken", duplicate.Errors[nameof(RoutingDefaultInput.Name)]);
        Assert.False(await portal.QueryAsync(db => db.Parks.AnyAsync(p => p.Name == "新城产业园")));
        Assert.Equal(auditCount, await portal.QueryAsync(db => db.AuditEntries.CountAsync()));

        var created = await organisation.SaveParkAsync(admin, null, new RoutingDefaultInput("新城产业园", commissioner2.Id));
        var park = (await organisation.ParksAsync(admin)).Single(p => p.Name == "新城产业园");
        var cleared = await organisation.SaveParkAsync(admin, park.Id, new RoutingDefaultInput("新城工业园", null));
        var industry = (await organisation.IndustriesAsync(admin)).Single(i => i.Name == "新材料");
        var renamed = await organisation.SaveIndustryAsync(admin, industry.Id, new RoutingDefaultInput("先进材料", industry.DefaultCommissioner?.Id));

        Assert.True(created.Succeeded && cleared.Succeeded && renamed.Succeeded);
        Assert.Equal("commissioner2@yqby.test", park.DefaultCommissioner?.Email);
        Assert.Null((await organisation.ParksAsync(admin)).Single(p => p.Id == park.Id).DefaultCommissioner);
        Assert.Equal("commissioner2@yqby.test", (await organisation.IndustriesAsync(admin)).Single(i => i.Name == "先进材料").DefaultCommissioner?.Email);
        var creation = await SingleEntryAsync(portal, AuditKinds.ParkCreated, "Park", park.Id);
        Assert.Equal("commissioner2@yqby.test", Property(creation.After, "DefaultCommissioner"));
        var change = await SingleEntryAsync(portal, AuditKinds.ParkChanged, "Park", park.Id);
        Assert.Equal(("新城产业园", "commissioner2@yqby.test"), (Property(change.Before, "Name"), Property(change.Before, "DefaultCommissioner")));
        Assert.Equal(("新城工业园", null), (Property(change.After, "Name"), Property(change.After, "DefaultCommissioner")));
        var industryChange = await SingleEntryAsync(portal, AuditKinds.IndustryChanged, "Industry", industry.Id);
        Assert.Equal(("新材料", "先进材料"), (Property(industryChange.Before, "Name"), Property(industryChange.After, "Name")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AParksNewDefaultCommissioner_ReceivesTheNextRequestOfItsEnterpriseWithoutACommissioner(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _portal = portal;
        var admin = await portal.UserAsync("admin@yqby.test");
        var organisation = portal.Services.GetRequiredService<OrganisationAdministration>();
        // 丰元汇能 (enterprise2) lies in 经济开发区, whose default commissioner in the demo data is commissioner@.
        await portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == "丰元汇能新能源材料有限公司")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, (string?)null)));
        var park = (await organisation.ParksAsync(admin)).Single(p => p.Name == "经济开发区");
        Assert.Equal("commissioner@yqby.test", park.DefaultCommissioner?.Email);

        var saved = await organisation.SaveParkAsync(admin, park.Id, new RoutingDefaultInput(park.Name, (await portal.UserAsync("commissioner3@yqby.test")).Id));
        var number = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");

        Assert.True(saved.Succeeded);
        Assert.Equal("commissioner3@yqby.test", await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .Select(r => db.Users.Where(u => u.Id == r.CommissionerUserId).Select(u => u.Email).SingleOrDefault()).SingleAsync()));
    }

    /// <summary>Every organisation action, by every other role: refused before anything is read or written.</summary>
    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.DepartmentHandler)]
    [InlineData(Roles.Cadre)]
    [InlineData(Roles.Supervisor)]
    public async Task EveryAction_ByAnyoneButAnAdmin_IsRefused(string role)
    {
        var portal = await seeded.ForAsync(DatabaseProvider.Sqlite);
        var organisation = portal.Services.GetRequiredService<OrganisationAdministration>();
        var someone = new PortalUser("someone", role, DepartmentId: 1);
        var department = new DepartmentInput("NEW", "新部门", null);
        var unit = new RoutingDefaultInput("新园区", null);
        Func<Task>[] actions =
        [
            () => organisation.DepartmentsAsync(someone),
            () => organisation.SaveDepartmentAsync(someone, null, department),
            () => organisation.SaveDepartmentAsync(someone, 1, department),
            () => organisation.ParksAsync(someone),
            () => organisation.SaveParkAsync(someone, null, unit),
            () => organisation.SaveParkAsync(someone, 1, unit),
            () => organisation.IndustriesAsync(someone),
            () => organisation.SaveIndustryAsync(someone, null, unit),
            () => organisation.SaveIndustryAsync(someone, 1, unit),
            () => organisation.CommissionersAsync(someone),
        ];

        foreach (var action in actions)
        {
            await Assert.ThrowsAsync<AdminOnlyException>(action);
        }
        Assert.False(await portal.QueryAsync(db => db.Departments.AnyAsync(d => d.Code == "NEW")));
        Assert.False(await portal.QueryAsync(db => db.Parks.AnyAsync(p => p.Name == "新园区")));
        Assert.False(await portal.QueryAsync(db => db.Industries.AnyAsync(i => i.Name == "新园区")));
    }
}
