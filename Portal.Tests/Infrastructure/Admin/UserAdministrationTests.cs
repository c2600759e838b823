using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>用户管理 on real SQLite and PostgreSQL: each change whole or not at all, and in the audit log with its before and after.</summary>
public class UserAdministrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deactivate_ACommissionerWithOpenRequests_IsRefusedWithoutASuccessorThenMovesEverythingAndTellsTheSuccessor(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _portal = portal;
        var number = await RequestServiceTests.SubmitAsync(portal);
        var answered = await RequestServiceTests.SubmitAsync(portal);
        var admin = await portal.UserAsync("admin@yqby.test");
        var leaving = await portal.UserAsync("commissioner@yqby.test");
        var successor = await portal.UserAsync("commissioner2@yqby.test");
        await portal.RequestsAsync(async s => await s.HandleDirectlyAsync(leaving, answered, (await s.GetAsync(leaving, answered))!.Version));
        await portal.RequestsAsync(async s => await s.ResolveAsync(leaving, answered, (await s.GetAsync(leaving, answered))!.Version, "已协调解决"));
        var users = portal.Services.GetRequiredService<UserAdministration>();
        var (enterprises, open) = await users.WorkloadAsync(admin, leaving.Id);
        Assert.True(enterprises > 0 && open == 2, $"{enterprises} enterprises, {open} open");

        var refused = await users.DeactivateAsync(admin, leaving.Id, successorUserId: null);
        var notACommissioner = await users.DeactivateAsync(admin, leaving.Id, (await portal.UserAsync("cadre@yqby.test")).Id);

        Assert.Equal("Users.Error.SuccessorRequired", refused.Errors["Successor"]);
        Assert.Equal("Users.Error.SuccessorNotCommissioner", notACommissioner.Errors["Successor"]);
        Assert.Equal(open, await portal.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.CommissionerUserId == leaving.Id)));
        Assert.True(await portal.QueryAsync(db => db.Users.Where(u => u.Id == leaving.Id).Select(u => u.DeactivatedAt == null).SingleAsync()));

        var done = await users.DeactivateAsync(admin, leaving.Id, successor.Id);

        Assert.True(done.Succeeded, string.Join(";", done.Errors.Values));
        Assert.Equal(0, await portal.QueryAsync(db => db.Enterprises.CountAsync(e => e.CommissionerUserId == leaving.Id)));
        Assert.Equal(0, await portal.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.CommissionerUserId == leaving.Id)));
        var request = await portal.QueryAsync(db => db.ServiceRequests.Include(r => r.Timeline).SingleAsync(r => r.Number == number));
        Assert.Equal(successor.Id, request.CommissionerUserId);
        Assert.Equal(RequestAction.Reassign, request.Timeline.OrderBy(e => e.Sequence).Last().Action);
        Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(n => n.UserId == successor.Id && n.RequestNumber == number)));
        // An answered request moves too, still answered: a reopen must reach someone who can act (docs/admin.md).
        var stillAnswered = await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == answered).Select(r => new { r.State, r.CommissionerUserId }).SingleAsync());
        Assert.Equal((RequestState.Resolved, successor.Id), (stillAnswered.State, stillAnswered.CommissionerUserId));
        Assert.False(await portal.QueryAsync(db => db.Users.Where(u => u.Id == leaving.Id).Select(u => u.DeactivatedAt == null).SingleAsync()));
        var entry = Assert.Single(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "User", leaving.Id),
            e => e.Kind == AuditKinds.UserDeactivated);
        Assert.True(JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Active").GetBoolean());
        Assert.False(JsonDocument.Parse(entry.After!).RootElement.GetProperty("Active").GetBoolean());
        Assert.Equal("admin@yqby.test", entry.ActorName);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_AHandler_IsAuditedAndMustChangeThePassword_AndADuplicateEmailSavesNothing(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var users = portal.Services.GetRequiredService<UserAdministration>();
        var department = await portal.QueryAsync(db => db.Departments.Where(d => d.Code == "SWJ").Select(d => d.Id).SingleAsync());
        var auditCount = await portal.QueryAsync(db => db.AuditEntries.CountAsync());

        var noDepartment = await users.CreateAsync(admin, new StaffAccount("new.handler@yqby.test", "王五", "13812345678", Roles.DepartmentHandler, null), "Tez#Portal-2026");
        var created = await users.CreateAsync(admin, new StaffAccount("new.handler@yqby.test", "王五", "13812345678", Roles.DepartmentHandler, department), "Tez#Portal-2026");
        var duplicate = await users.CreateAsync(admin, new StaffAccount("NEW.handler@yqby.test", "赵六", null, Roles.Cadre, null), "Tez#Portal-2026");

        Assert.Equal("Users.Error.DepartmentRequired", noDepartment.Errors[nameof(StaffAccount.DepartmentId)]);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Values));
        Assert.Contains(nameof(StaffAccount.Email), duplicate.Errors.Keys);
        var user = await portal.UserAsync("new.handler@yqby.test");
        Assert.Equal((Roles.DepartmentHandler, department), (user.Role, user.DepartmentId));
        Assert.True(await portal.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.False(await portal.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == "赵六")));
        Assert.Equal(auditCount + 1, await portal.QueryAsync(db => db.AuditEntries.CountAsync()));
        var entry = await portal.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == user.Id));
        Assert.Equal(AuditKinds.UserCreated, entry.Kind);
        Assert.Null(entry.Before);
        Assert.Contains("\"Department\":\"水务局\"", entry.After);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_ACommissionerWithEnterprisesIntoACadre_IsRefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var users = portal.Services.GetRequiredService<UserAdministration>();

        var refused = await users.ChangeAsync(admin, commissioner.Id, new StaffAccount("commissioner@yqby.test", "改了名字", null, Roles.Cadre, null));

        Assert.Equal("Users.Error.CommissionerStillAssigned", refused.Errors[nameof(StaffAccount.Role)]);
        Assert.Equal(Roles.Commissioner, (await portal.UserAsync("commissioner@yqby.test")).Role);
        Assert.False(await portal.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == "改了名字")));
        Assert.False(await portal.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == commissioner.Id)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ResetPasswordAndUnlock_LiftTheLockoutAndAreAudited(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var cadre = await portal.UserAsync("cadre@yqby.test");
        var users = portal.Services.GetRequiredService<UserAdministration>();
        await portal.QueryAsync(db => db.Users.Where(u => u.Id == cadre.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10))));
        Assert.True((await users.FindAsync(admin, cadre.Id))!.IsLockedOut);

        var weak = await users.ResetPasswordAsync(admin, cadre.Id, "password");
        var unlocked = await users.UnlockAsync(admin, cadre.Id);
        var reset = await users.ResetPasswordAsync(admin, cadre.Id, "Tez#Reset-2026");

        Assert.Contains("Password", weak.Errors.Keys);
        Assert.True(unlocked.Succeeded && reset.Succeeded);
        var row = (await users.FindAsync(admin, cadre.Id))!;
        Assert.False(row.IsLockedOut);
        Assert.True(row.MustChangePassword);
        var kinds = (await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "User", cadre.Id)).Select(e => e.Kind);
        Assert.Equal([AuditKinds.UserPasswordReset, AuditKinds.UserUnlocked], kinds);
    }

    /// <summary>Every admin action, by every other role: refused before anything is read or written.</summary>
    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.DepartmentHandler)]
    [InlineData(Roles.Cadre)]
    [InlineData(Roles.Supervisor)]
    public async Task EveryAction_ByAnyoneButAnAdmin_IsRefused(string role)
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);
        var users = portal.Services.GetRequiredService<UserAdministration>();
        var someone = new PortalUser("someone", role);
        var account = new StaffAccount("x@yqby.test", "某人", null, Roles.Cadre, null);
        Func<Task>[] actions =
        [
            () => users.ListAsync(someone, null, null, null),
            () => users.FindAsync(someone, "id"),
            () => users.CreateAsync(someone, account, "Tez#Portal-2026"),
            () => users.ChangeAsync(someone, "id", account),
            () => users.DeactivateAsync(someone, "id", null),
            () => users.ResetPasswordAsync(someone, "id", "Tez#Portal-2026"),
            () => users.UnlockAsync(someone, "id"),
            () => users.WorkloadAsync(someone, "id"),
        ];

        foreach (var action in actions)
        {
            await Assert.ThrowsAsync<AdminOnlyException>(action);
        }
        Assert.False(await portal.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "x@yqby.test")));
    }
}
