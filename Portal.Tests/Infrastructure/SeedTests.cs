using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Infrastructure.Configuration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class SeedTests
{
    private static readonly SeedSettings Demo = new(DemoData: true, null, null);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialise_AnEmptyDatabase_SeedsTheDistrictAndOneDemoUserPerRole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = InfrastructureServices.Create(database);

        await services.InitialisePortalDatabaseAsync(Demo);

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var departments = await db.Departments.ToListAsync();
        Assert.Equal(ReferenceData.Departments.Count, departments.Count);
        Assert.Contains(departments, d => d.Name == "自然资源局");
        Assert.All(departments, d => Assert.NotNull(d.HeadUserId));
        foreach (var department in departments)
        {
            var staff = await db.Users.Where(u => u.DepartmentId == department.Id).ToListAsync();
            Assert.Equal(2, staff.Count);
            Assert.Contains(staff, u => u.Id == department.HeadUserId);
        }

        var categories = await db.RequestCategories.ToListAsync();
        Assert.Equal(
            ["用地", "融资", "能耗指标", "用水", "用电", "审批服务", "政策咨询", "人才招引", "物流交通", "涉企执法", "其他"],
            categories.OrderBy(c => c.Id).Select(c => c.Name));
        Assert.All(categories, c => Assert.Contains(departments, d => d.Id == c.LeadDepartmentId));
        Assert.Equal(3, await db.Parks.CountAsync());
        Assert.Equal(6, await db.Industries.CountAsync());

        var enterprises = await db.Enterprises.ToListAsync();
        Assert.True(enterprises.Count >= 12);
        Assert.All(enterprises, e => Assert.True(UnifiedSocialCreditCode.IsValid(e.CreditCode.Value)));
        Assert.All(enterprises, e => Assert.NotNull(e.CommissionerUserId));
        Assert.All(enterprises.Where(e => e.IsAboveScale), e => Assert.NotNull(e.CadreUserId));
        Assert.All(enterprises.Where(e => !e.IsAboveScale), e => Assert.Null(e.CadreUserId));

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var role in Roles.All)
        {
            Assert.NotEmpty(await users.GetUsersInRoleAsync(role));
        }
        var enterpriseUser = await users.FindByEmailAsync("enterprise@yqby.test");
        Assert.NotNull(enterpriseUser);
        Assert.Equal("枣庄创普斯新能源科技有限公司", enterprises.Single(e => e.Id == enterpriseUser.EnterpriseId).Name);
        Assert.True(await users.CheckPasswordAsync(enterpriseUser, DemoData.Password));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialise_Twice_AddsNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = InfrastructureServices.Create(database);

        await services.InitialisePortalDatabaseAsync(Demo);
        var first = await CountRowsAsync(services);
        await services.InitialisePortalDatabaseAsync(Demo);

        Assert.Equal(first, await CountRowsAsync(services));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Initialise_WithoutDemoData_SeedsReferenceDataAndOnlyTheBootstrapAdmin(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = InfrastructureServices.Create(database);

        await services.InitialisePortalDatabaseAsync(new SeedSettings(false, "it@taierzhuang.gov.cn", "Tez#Portal-2026"));

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(ReferenceData.Departments.Count, await db.Departments.CountAsync());
        Assert.Equal(0, await db.Enterprises.CountAsync());
        var admin = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal("it@taierzhuang.gov.cn", admin.Email);
        await using var scope = services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().IsInRoleAsync(admin, Roles.Admin));
    }

    [Theory]
    [InlineData(null, null, "Bootstrap:AdminEmail")]
    [InlineData("it@taierzhuang.gov.cn", DemoData.Password, "demo password")]
    [InlineData("it@taierzhuang.gov.cn", "password123", "过于常见")]
    [InlineData("it@taierzhuang.gov.cn", "Ab1!", "Passwords must be at least 8 characters")]
    [InlineData("it@taierzhuang.gov.cn", "alllowercaseletters", "至少三类")]
    public async Task Initialise_WithoutDemoData_RefusesAMissingOrWeakBootstrapAdmin(string? email, string? password, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = InfrastructureServices.Create(database);

        var refusal = await Assert.ThrowsAsync<PortalConfigurationException>(() =>
            services.InitialisePortalDatabaseAsync(new SeedSettings(false, email, password)));

        Assert.Contains(reason, refusal.Message);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    private static async Task<int[]> CountRowsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return
        [
            await db.Departments.CountAsync(), await db.Parks.CountAsync(), await db.Industries.CountAsync(),
            await db.RequestCategories.CountAsync(), await db.Enterprises.CountAsync(), await db.Users.CountAsync(),
            await db.Roles.CountAsync(), await db.UserRoles.CountAsync(),
        ];
    }
}
