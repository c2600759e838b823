using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>企业管理 on real SQLite and PostgreSQL: the readers' scope, each admin change whole or not at all, audited with its before and after.</summary>
public class EnterpriseAdministrationTests
{
    /// <summary>A valid credit code of the district (370405) with this eight-digit organisation body.</summary>
    public static string Code(string body8)
    {
        var first16 = "91370405" + body8;
        var first17 = first16 + UnifiedSocialCreditCode.OrganisationCheckCharacter(body8);
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private static async Task<EnterpriseInput> InputAsync(SeededPortal portal, string name, string code, bool aboveScale = true,
        string commissioner = "commissioner2@yqby.test", string? cadre = "cadre2@yqby.test", IReadOnlyList<EnterpriseContactInput>? contacts = null)
    {
        var park = await portal.QueryAsync(db => db.Parks.Where(p => p.Name == "临港工业园").Select(p => p.Id).SingleAsync());
        var industry = await portal.QueryAsync(db => db.Industries.Where(i => i.Name == "新材料").Select(i => i.Id).SingleAsync());
        return new EnterpriseInput(name, code, aboveScale, park, industry, (await portal.UserAsync(commissioner)).Id,
            cadre is null ? null : (await portal.UserAsync(cadre)).Id, contacts ?? [new EnterpriseContactInput("孔经理", "总经理", "13912345678", null)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_IsAuditedWithItsContacts_AndAnInvalidOrDuplicateCodeSavesNothing(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var enterprises = portal.Services.GetRequiredService<EnterpriseAdministration>();
        var count = await portal.QueryAsync(db => db.Enterprises.CountAsync());
        var audits = await portal.QueryAsync(db => db.AuditEntries.CountAsync());
        var code = Code("12345678");

        var badCode = await enterprises.CreateAsync(admin, await InputAsync(portal, "运河新材料有限公司", code[..17] + (code[17] == '0' ? '1' : '0')));
        var duplicate = await enterprises.CreateAsync(admin, await InputAsync(portal, "运河新材料有限公司", "91370405MA3C8K2L60"));
        var badEverything = await enterprises.CreateAsync(admin, new EnterpriseInput(" ", "123", false, null, null, null, null,
            [new EnterpriseContactInput("孔经理", null, "12345", null), new EnterpriseContactInput("", null, null, "x@y.z")]));
        var created = await enterprises.CreateAsync(admin, await InputAsync(portal, " 运河新材料有限公司 ", code.ToLowerInvariant()));

        Assert.Equal(OrganisationRefusals.CreditCodeCheck, badCode.Errors[nameof(EnterpriseInput.CreditCode)].Code);
        var taken = duplicate.Errors[nameof(EnterpriseInput.CreditCode)];
        Assert.Equal(OrganisationRefusals.CreditCodeTaken, taken.Code);
        Assert.Equal(["91370405MA3C8K2L60", "枣庄创普斯新能源科技有限公司"], taken.Arguments);
        Assert.Equal(
            [nameof(EnterpriseInput.CommissionerUserId), "Contacts[0].Mobile", "Contacts[1].Name", nameof(EnterpriseInput.CreditCode),
                nameof(EnterpriseInput.IndustryId), nameof(EnterpriseInput.Name), nameof(EnterpriseInput.ParkId)],
            badEverything.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(OrganisationRefusals.CreditCodeLength, badEverything.Errors[nameof(EnterpriseInput.CreditCode)].Code);
        Assert.Equal(OrganisationRefusals.ContactMobile, badEverything.Errors["Contacts[0].Mobile"].Code);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Values.Select(e => e.Message)));
        Assert.Equal(count + 1, await portal.QueryAsync(db => db.Enterprises.CountAsync()));
        Assert.Equal(audits + 1, await portal.QueryAsync(db => db.AuditEntries.CountAsync()));

        var row = (await enterprises.FindAsync(admin, created.Id!.Value))!;
        Assert.Equal(("运河新材料有限公司", code, true, "王芳", "周立群"), (row.Name, row.CreditCode, row.IsAboveScale, row.Commissioner, row.Cadre));
        Assert.Equal([new EnterpriseContactInput("孔经理", "总经理", "13912345678", null)], row.Contacts);
        var entry = Assert.Single(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "Enterprise", row.Id.ToString()));
        Assert.Equal(AuditKinds.EnterpriseCreated, entry.Kind);
        Assert.Null(entry.Before);
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(code, after.GetProperty("CreditCode").GetString());
        Assert.Equal("临港工业园", after.GetProperty("Park").GetString());
        Assert.Equal("孔经理", after.GetProperty("Contacts")[0].GetProperty("Name").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_RefusesACommissionerAsCadreAndACadreBelowScale_AndUnsettingAboveScaleReleasesTheCadre(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var enterprises = portal.Services.GetRequiredService<EnterpriseAdministration>();
        var id = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == "山东盛威新材料有限公司").Select(e => e.Id).SingleAsync());
        var row = (await enterprises.FindAsync(admin, id))!;
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");

        var commissionerAsCadre = await enterprises.ChangeAsync(admin, id, row.ToInput() with { Name = "改了名字", CadreUserId = commissioner.Id });
        var supervisorAsCadre = await enterprises.ChangeAsync(admin, id, row.ToInput() with { CadreUserId = supervisor.Id });
        var cadreAsCommissioner = await enterprises.ChangeAsync(admin, id, row.ToInput() with { CommissionerUserId = row.CadreUserId });
        var cadreBelowScale = await enterprises.ChangeAsync(admin, id, row.ToInput() with { IsAboveScale = false });
        var tooMany = await enterprises.ChangeAsync(admin, id, row.ToInput() with
        {
            Contacts = [.. Enumerable.Range(0, Enterprise.MaxContacts + 1).Select(i => new EnterpriseContactInput($"联系人{i}", null, null, $"c{i}@example.cn"))],
        });

        var refused = commissionerAsCadre.Errors[nameof(EnterpriseInput.CadreUserId)];
        Assert.Equal(OrganisationRefusals.CommissionerAsCadre, refused.Code);
        Assert.Equal("“李明”是服务专员账号，不能作为包保干部", refused.Message);
        Assert.Equal(OrganisationRefusals.NotACadre, supervisorAsCadre.Errors[nameof(EnterpriseInput.CadreUserId)].Code);
        Assert.Equal(OrganisationRefusals.NotACommissioner, cadreAsCommissioner.Errors[nameof(EnterpriseInput.CommissionerUserId)].Code);
        Assert.Equal(OrganisationRefusals.CadreOnlyAboveScale, cadreBelowScale.Errors[nameof(EnterpriseInput.CadreUserId)].Code);
        Assert.Equal(OrganisationRefusals.TooManyContacts, tooMany.Errors[nameof(EnterpriseInput.Contacts)].Code);
        Assert.Equivalent(row, await enterprises.FindAsync(admin, id), strict: true);
        Assert.False(await portal.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectType == "Enterprise")));

        var released = await enterprises.ChangeAsync(admin, id, row.ToInput() with { IsAboveScale = false, CadreUserId = null, Contacts = [] });

        Assert.True(released.Succeeded);
        var changed = (await enterprises.FindAsync(admin, id))!;
        Assert.Equal((false, null, null), (changed.IsAboveScale, changed.CadreUserId, changed.Cadre));
        Assert.Empty(changed.Contacts);
        var entry = Assert.Single(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "Enterprise", id.ToString()));
        Assert.Equal(AuditKinds.EnterpriseChanged, entry.Kind);
        var before = JsonDocument.Parse(entry.Before!).RootElement;
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.True(before.GetProperty("AboveScale").GetBoolean());
        Assert.StartsWith("周立群", before.GetProperty("Cadre").GetString());
        Assert.False(after.GetProperty("AboveScale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("Cadre").ValueKind);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_OfTheCommissioner_MovesTheEnterprisesOpenRequestsWithATimelineEntryAndANotification(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _portal = portal;
        var first = await RequestServiceTests.SubmitAsync(portal);
        var second = await RequestServiceTests.SubmitAsync(portal);
        var elsewhere = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");
        var resolved = await RequestServiceTests.SubmitAsync(portal);
        var admin = await portal.UserAsync("admin@yqby.test");
        var leaving = await portal.UserAsync("commissioner@yqby.test");
        await portal.RequestsAsync(async s => await s.HandleDirectlyAsync(leaving, resolved, (await s.GetAsync(leaving, resolved))!.Version));
        await portal.RequestsAsync(async s => await s.ResolveAsync(leaving, resolved, (await s.GetAsync(leaving, resolved))!.Version, "已协调解决"));
        var next = await portal.UserAsync("commissioner2@yqby.test");
        var enterprises = portal.Services.GetRequiredService<EnterpriseAdministration>();
        var id = (await portal.UserAsync("enterprise@yqby.test")).EnterpriseId!.Value;
        var row = (await enterprises.FindAsync(admin, id))!;
        Assert.Equal(leaving.Id, row.CommissionerUserId);

        var done = await enterprises.ChangeAsync(admin, id, row.ToInput() with
        {
            CommissionerUserId = next.Id, Contacts = [new EnterpriseContactInput("孔经理", "政务专员", "139 1234 5678", "kong@example.cn")],
        });

        Assert.True(done.Succeeded, string.Join(";", done.Errors.Values.Select(e => e.Message)));
        Assert.Equal([first, second, resolved], done.MovedRequests);
        foreach (var number in new[] { first, second, resolved })
        {
            var request = await portal.QueryAsync(db => db.ServiceRequests.Include(r => r.Timeline).SingleAsync(r => r.Number == number));
            Assert.Equal(next.Id, request.CommissionerUserId);
            var last = request.Timeline.OrderBy(e => e.Sequence).Last();
            Assert.Equal((RequestAction.Reassign, next.Id), (last.Action, last.TargetUserId));
            Assert.True(await portal.QueryAsync(db => db.PortalNotifications.AnyAsync(n => n.UserId == next.Id && n.RequestNumber == number)));
        }
        Assert.Equal(leaving.Id, await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == elsewhere).Select(r => r.CommissionerUserId).SingleAsync()));
        // 已答复 moves too and stays answered: a reopen lands with the new commissioner (docs/admin.md).
        var moved = await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == resolved).Select(r => new { r.State, r.CommissionerUserId }).SingleAsync());
        Assert.Equal((RequestState.Resolved, next.Id), (moved.State, moved.CommissionerUserId));
        Assert.Equal(next.Id, (await enterprises.FindAsync(admin, id))!.CommissionerUserId);
        var entry = Assert.Single(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "Enterprise", id.ToString()));
        Assert.StartsWith("李明", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Commissioner").GetString());
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.StartsWith("王芳", after.GetProperty("Commissioner").GetString());
        Assert.Equal([first, second, resolved], after.GetProperty("MovedRequests").EnumerateArray().Select(n => n.GetString()));
        Assert.DoesNotContain(id, (await enterprises.ListAsync(leaving, new EnterpriseFilter(), null)).Rows.Select(r => r.Id));
        Assert.Contains(id, (await enterprises.ListAsync(next, new EnterpriseFilter(), null)).Rows.Select(r => r.Id));
        await using var scope = portal.Services.CreateAsyncScope();
        var card = (await scope.ServiceProvider.GetRequiredService<EnterpriseCards>().ForRequestAsync(next, first))!;
        Assert.Equal(new EnterpriseContact("孔经理", "13912345678", "kong@example.cn", "政务专员"), card.Contacts[0]);
        Assert.Contains(card.Contacts, c => c.Name == "刘洋" && c.Position is null);
    }

    [Fact]
    public void TheHandover_MovesEveryStateButClosedAndWithdrawn()
    {
        Assert.Equal(
            [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise, RequestState.Resolved, RequestState.UnderReview],
            CommissionerHandover.Movable.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_ShowsEachReaderTheirOwn_FiltersAndPagesByKeyset(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var enterprises = portal.Services.GetRequiredService<EnterpriseAdministration>();
        var all = await portal.QueryAsync(db => db.Enterprises.Select(e => new { e.Id, e.CommissionerUserId, e.CadreUserId, e.IsAboveScale, e.ParkId }).ToListAsync());

        async Task<List<int>> WalkAsync(string email, EnterpriseFilter filter, int pageSize = 4)
        {
            var user = await portal.UserAsync(email);
            var ids = new List<int>();
            EnterpriseCursor? after = null;
            do
            {
                var page = await enterprises.ListAsync(user, filter, after, pageSize);
                Assert.True(page.Rows.Count <= pageSize);
                ids.AddRange(page.Rows.Select(r => r.Id));
                after = page.Next;
            }
            while (after is not null);
            return ids;
        }

        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var cadre = await portal.UserAsync("cadre@yqby.test");
        Assert.Equal(all.Where(e => e.CommissionerUserId == commissioner.Id).Select(e => e.Id).Order(), (await WalkAsync("commissioner@yqby.test", new())).Order());
        Assert.Equal(all.Where(e => e.CadreUserId == cadre.Id).Select(e => e.Id).Order(), (await WalkAsync("cadre@yqby.test", new())).Order());
        var everything = await WalkAsync("supervisor@yqby.test", new(), pageSize: 3);
        Assert.Equal(all.Count, everything.Count);
        Assert.Equal(all.Select(e => e.Id).Order(), everything.Order());
        Assert.Equal(everything, await WalkAsync("admin@yqby.test", new(), pageSize: 5));
        Assert.Empty(await WalkAsync("enterprise@yqby.test", new()));
        Assert.Empty(await WalkAsync("zrzy.handler@yqby.test", new()));

        var park = await portal.QueryAsync(db => db.Parks.Where(p => p.Name == "临港工业园").Select(p => p.Id).SingleAsync());
        Assert.Equal(all.Where(e => e.ParkId == park && !e.IsAboveScale).Select(e => e.Id).Order(),
            (await WalkAsync("admin@yqby.test", new(ParkId: park, AboveScale: false))).Order());
        Assert.Equal(all.Where(e => e.CommissionerUserId == commissioner.Id).Select(e => e.Id).Order(),
            (await WalkAsync("admin@yqby.test", new(CommissionerUserId: commissioner.Id))).Order());
        var byName = await enterprises.ListAsync(await portal.UserAsync("admin@yqby.test"), new("盛威"), null);
        Assert.Equal("山东盛威新材料有限公司", Assert.Single(byName.Rows).Name);
        var byCode = await enterprises.ListAsync(await portal.UserAsync("supervisor@yqby.test"), new(" 9137040515gyglUYX6 "), null);
        Assert.Equal("山东盛威新材料有限公司", Assert.Single(byCode.Rows).Name);
        var outOfScope = byCode.Rows[0].Id;
        Assert.Null(await enterprises.FindAsync(commissioner, outOfScope));
        Assert.Null(await enterprises.FindAsync(await portal.UserAsync("enterprise@yqby.test"), outOfScope));
    }

    /// <summary>Every admin action, by every other role: refused before anything is read or written.</summary>
    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.DepartmentHandler)]
    [InlineData(Roles.Cadre)]
    [InlineData(Roles.Supervisor)]
    public async Task EveryAdminAction_ByAnyoneButAnAdmin_IsRefused(string role)
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var enterprises = portal.Services.GetRequiredService<EnterpriseAdministration>();
        var someone = role == Roles.Commissioner ? await portal.UserAsync("commissioner@yqby.test") : new PortalUser("someone", role);
        var id = await portal.QueryAsync(db => db.Enterprises.Where(e => e.CommissionerUserId == someone.Id || someone.Role != Roles.Commissioner)
            .Select(e => e.Id).FirstAsync());
        var input = await InputAsync(portal, "不该出现的企业", Code("87654321"));
        Func<Task>[] actions =
        [
            () => enterprises.CreateAsync(someone, input),
            () => enterprises.ChangeAsync(someone, id, input),
        ];

        foreach (var action in actions)
        {
            await Assert.ThrowsAsync<AdminOnlyException>(action);
        }
        Assert.False(await portal.QueryAsync(db => db.Enterprises.AnyAsync(e => e.Name == "不该出现的企业")));
    }
}
