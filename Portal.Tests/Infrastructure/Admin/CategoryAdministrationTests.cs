using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>诉求类别与时限 on real SQLite and PostgreSQL: each change whole or not at all, audited with its before and after.</summary>
public class CategoryAdministrationTests
{
    private static CategoryAdministration Categories(SeededPortal portal) => portal.Services.GetRequiredService<CategoryAdministration>();

    private static Task<int> CategoryAsync(SeededPortal portal, string code) =>
        portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    private static async Task<PolicyInput> PolicyWithAsync(SeededPortal portal, PortalUser admin, int category, Urgency urgency, params PolicyTarget[] changes)
    {
        var policy = (await Categories(portal).PolicyAsync(admin, category, urgency))!;
        return new PolicyInput([.. policy.Targets.Select(t => changes.FirstOrDefault(c => c.Target == t.Target) ?? t)], policy.MaxExtensions);
    }

    private static async Task<Dictionary<(DeadlineKind, int), DateTimeOffset>> DeadlinesAsync(SeededPortal portal, string number) =>
        (await portal.QueryAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Deadlines).SingleAsync(r => r.Number == number)))
            .Deadlines.ToDictionary(d => (d.Kind, d.Generation), d => d.DueAt);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangePolicy_LeavesExistingRequestsDeadlinesUnchanged_AndAppliesToTheNextRequest(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var admin = await portal.UserAsync("admin@yqby.test");
        var land = await CategoryAsync(portal, "LAND");
        var earlier = await RequestServiceTests.SubmitAsync(portal);
        var earlierDeadlines = await DeadlinesAsync(portal, earlier);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 17, 30, 0, WorkCalendar.Offset), earlierDeadlines[(DeadlineKind.Resolve, 1)]);

        var changed = await Categories(portal).ChangePolicyAsync(admin, land, Urgency.Normal, await PolicyWithAsync(portal, admin, land, Urgency.Normal,
            new PolicyTarget(TimeLimitTarget.Dispatch, 4, TimeLimitUnit.WorkingHours),
            new PolicyTarget(TimeLimitTarget.Sign, 3, TimeLimitUnit.WorkingDays),
            new PolicyTarget(TimeLimitTarget.Resolve, 5, TimeLimitUnit.WorkingDays)));

        Assert.True(changed.Succeeded, string.Join(";", changed.Refusals.Values.Select(r => r.Message)));
        Assert.Equal(earlierDeadlines, await DeadlinesAsync(portal, earlier));

        // The earlier request's next deadline still counts its own copied target: signing within 1 working day, not 3.
        time.Advance(TimeSpan.FromHours(1));
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var version = (await portal.RequestsAsync(s => s.GetAsync(supervisor, earlier)))!.Version;
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        await portal.RequestsAsync(s => s.DispatchAsync(commissioner, earlier, version, zrzy));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 17, 30, 0, WorkCalendar.Offset), (await DeadlinesAsync(portal, earlier))[(DeadlineKind.Sign, 1)]);
        Assert.Equal(earlierDeadlines[(DeadlineKind.Resolve, 1)], (await DeadlinesAsync(portal, earlier))[(DeadlineKind.Resolve, 1)]);

        // Filed at 10:00: 4 working hours end at 15:30 (the lunch break not counted), 5 working days on Monday 03-09.
        var next = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");
        var nextDeadlines = await DeadlinesAsync(portal, next);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 30, 0, WorkCalendar.Offset), nextDeadlines[(DeadlineKind.Dispatch, 1)]);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 30, 0, WorkCalendar.Offset), nextDeadlines[(DeadlineKind.Resolve, 1)]);
        var targets = (await portal.QueryAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Number == next))).Targets;
        Assert.Equal(TimeLimit.WorkingDays(3), targets.Sign);

        var entry = Assert.Single(await portal.QueryAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKinds.TimeLimitPolicyChanged).ToListAsync()));
        Assert.Equal("admin@yqby.test", entry.ActorName);
        Assert.Equal("LAND 用地 · 一般", entry.SubjectLabel);
        var before = JsonDocument.Parse(entry.Before!).RootElement;
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(("2 个工作小时", "4 个工作小时"), (before.GetProperty("Dispatch").GetString(), after.GetProperty("Dispatch").GetString()));
        Assert.Equal(("10 个工作日", "5 个工作日"), (before.GetProperty("Resolve").GetString(), after.GetProperty("Resolve").GetString()));
        Assert.Equal(after.GetProperty("FirstReply").GetString(), before.GetProperty("FirstReply").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangePolicy_WithAZeroTarget_IsRefusedBesideThatTarget_AndNothingIsSaved(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var power = await CategoryAsync(portal, "POWER");
        var before = await Categories(portal).PolicyAsync(admin, power, Urgency.Urgent);
        var audited = await portal.QueryAsync(db => db.AuditEntries.CountAsync());

        // A good change to the dispatch target comes first: it must not be saved alone.
        var refused = await Categories(portal).ChangePolicyAsync(admin, power, Urgency.Urgent, await PolicyWithAsync(portal, admin, power, Urgency.Urgent,
            new PolicyTarget(TimeLimitTarget.Dispatch, 1, TimeLimitUnit.WorkingHours),
            new PolicyTarget(TimeLimitTarget.EvaluationWindow, 0, TimeLimitUnit.NaturalDays)) with { MaxExtensions = TimeLimitPolicy.MaxExtensionsLimit + 1 });

        Assert.False(refused.Succeeded);
        Assert.Equal([nameof(TimeLimitTarget.EvaluationWindow), nameof(PolicyInput.MaxExtensions)], refused.Refusals.Keys.Order(StringComparer.Ordinal));
        var zero = refused.Refusals[nameof(TimeLimitTarget.EvaluationWindow)];
        Assert.Equal((TimeLimitPolicyRefusals.TargetNotPositive, "回访评价时限应大于 0"), (zero.Code, zero.Message));
        Assert.Equal(TimeLimitPolicyRefusals.MaxExtensionsTooMany, refused.Refusals[nameof(PolicyInput.MaxExtensions)].Code);
        var after = await Categories(portal).PolicyAsync(admin, power, Urgency.Urgent);
        Assert.Equal(before!.Targets, after!.Targets);
        Assert.Equal(before.MaxExtensions, after.MaxExtensions);
        Assert.Equal(audited, await portal.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_ACategory_GetsTheDefaultTimeLimitsForEachUrgency_AndIsAudited_AndADuplicateCodeSavesNothing(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");
        var count = await portal.QueryAsync(db => db.RequestCategories.CountAsync());

        var created = await Categories(portal).CreateAsync(admin, new CategoryInput(" SEWAGE ", "污水处理", "污水管网接入与排放许可", swj, IsActive: true));
        var duplicate = await Categories(portal).CreateAsync(admin, new CategoryInput("sewage", "重复", "重复的编码", swj, IsActive: true));
        var inactive = await Categories(portal).CreateAsync(admin, new CategoryInput("HEAT", "供热", "集中供热接入", null, IsActive: false));

        Assert.True(created.Succeeded && inactive.Succeeded);
        Assert.Equal((CategoryRefusals.CodeTaken, "类别编码 sewage 已被使用"), (duplicate.Refusals[nameof(CategoryInput.Code)].Code, duplicate.Refusals[nameof(CategoryInput.Code)].Message));
        Assert.Equal(count + 2, await portal.QueryAsync(db => db.RequestCategories.CountAsync()));
        var row = (await Categories(portal).FindAsync(admin, created.CategoryId!.Value))!;
        Assert.Equal(("SEWAGE", "水务局", true), (row.Code, row.LeadDepartmentName, row.IsActive));
        Assert.False((await Categories(portal).FindAsync(admin, inactive.CategoryId!.Value))!.IsActive);
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            var policy = (await Categories(portal).PolicyAsync(admin, created.CategoryId.Value, urgency))!;
            Assert.All(policy.Targets, t => Assert.Equal(TimeLimitPolicy.DefaultFor(urgency, t.Target), new TimeLimit(t.Amount, t.Unit)));
            Assert.Equal(TimeLimitPolicy.DefaultMaxExtensions, policy.MaxExtensions);
        }
        var entry = await portal.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKinds.CategoryCreated && e.SubjectLabel == "SEWAGE 污水处理"));
        Assert.Null(entry.Before);
        Assert.Contains("\"LeadDepartment\":\"水务局\"", entry.After);
        Assert.False(await portal.QueryAsync(db => db.RequestCategories.AnyAsync(c => c.Name == "重复")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_ActiveWithoutALeadDepartment_IsRefused_AndNothingChanges(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        var admin = await portal.UserAsync("admin@yqby.test");
        var water = await CategoryAsync(portal, "WATER");
        var before = (await Categories(portal).FindAsync(admin, water))!;

        var refused = await Categories(portal).ChangeAsync(admin, water, new CategoryInput("WATER", "用水（改名）", before.Description, null, IsActive: true));
        var alsoBlank = await Categories(portal).ChangeAsync(admin, water, new CategoryInput("", "用水（改名）", before.Description, null, IsActive: true));

        var lead = refused.Refusals[nameof(CategoryInput.LeadDepartmentId)];
        Assert.Equal((CategoryRefusals.ActiveWithoutLeadDepartment, "启用的诉求类别必须指定牵头部门"), (lead.Code, lead.Message));
        Assert.Equal([nameof(CategoryInput.Code), nameof(CategoryInput.LeadDepartmentId)], alsoBlank.Refusals.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TextRefusals.Required, alsoBlank.Refusals[nameof(CategoryInput.Code)].Code);
        Assert.Equal(before, await Categories(portal).FindAsync(admin, water));
        Assert.False(await portal.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Kind == AuditKinds.CategoryChanged)));
        Assert.Throws<DomainException>(() => new RequestCategory("X", "某类", "说明", null, isActive: true));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deactivate_TheCategoryIsNotOfferedAndRefusedOnSubmit_ExistingRequestsKeepIt_AndItIsNoRoutingProblem(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _portal = portal;
        var admin = await portal.UserAsync("admin@yqby.test");
        var land = await CategoryAsync(portal, "LAND");
        var filed = await RequestServiceTests.SubmitAsync(portal);
        var row = (await Categories(portal).FindAsync(admin, land))!;

        var done = await Categories(portal).ChangeAsync(admin, land, new CategoryInput(row.Code, row.Name, row.Description, null, IsActive: false));

        Assert.True(done.Succeeded, string.Join(";", done.Refusals.Values.Select(r => r.Message)));
        var offered = await portal.Services.GetRequiredService<RequestFiling>().CategoriesAsync();
        Assert.DoesNotContain(offered, c => c.Id == land);
        Assert.NotEmpty(offered);
        var refused = await Assert.ThrowsAsync<DomainException>(() => RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test"));
        Assert.Equal((CategoryRefusals.Inactive, "所选诉求类别已停用，请选择其他类别"), (refused.Code, refused.Message));
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        Assert.Equal("用地", (await portal.RequestsAsync(s => s.GetAsync(supervisor, filed)))!.CategoryName);
        Assert.DoesNotContain(await portal.Services.GetRequiredService<RoutingProblems>().ListAsync(supervisor),
            p => p.Kind == RoutingProblemKind.CategoryWithoutLeadDepartment);

        var entry = await portal.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKinds.CategoryChanged));
        var before = JsonDocument.Parse(entry.Before!).RootElement;
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal((true, "自然资源局"), (before.GetProperty("Active").GetBoolean(), before.GetProperty("LeadDepartment").GetString()));
        Assert.Equal((false, JsonValueKind.Null), (after.GetProperty("Active").GetBoolean(), after.GetProperty("LeadDepartment").ValueKind));
        Assert.Equal("LAND 用地", entry.SubjectLabel);
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
        var categories = Categories(portal);
        var someone = new PortalUser("someone", role);
        var land = await CategoryAsync(portal, "LAND");
        var input = new CategoryInput("NEWCODE", "新类别", "说明", null, IsActive: false);
        var policy = new PolicyInput([new PolicyTarget(TimeLimitTarget.Dispatch, 9, TimeLimitUnit.WorkingHours)], 1);
        Func<Task>[] actions =
        [
            () => categories.ListAsync(someone),
            () => categories.FindAsync(someone, land),
            () => categories.DepartmentsAsync(someone),
            () => categories.CreateAsync(someone, input),
            () => categories.ChangeAsync(someone, land, input),
            () => categories.PolicyAsync(someone, land, Urgency.Normal),
            () => categories.ChangePolicyAsync(someone, land, Urgency.Normal, policy),
        ];

        foreach (var action in actions)
        {
            await Assert.ThrowsAsync<AdminOnlyException>(action);
        }
        Assert.False(await portal.QueryAsync(db => db.RequestCategories.AnyAsync(c => c.Code == "NEWCODE" || c.Name == "新类别")));
        Assert.Equal(TimeLimit.WorkingHours(2), await portal.QueryAsync(db => db.TimeLimitPolicies
            .Where(p => p.CategoryId == land && p.Urgency == Urgency.Normal).Select(p => p.Dispatch).SingleAsync()));
    }
}
