using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>督办设置 on real SQLite and PostgreSQL: seeded from configuration, changed whole or not at all, audited, seen at once.</summary>
public class SettingsAdministrationTests
{
    private const string AdminEmail = "it@taierzhuang.gov.cn";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FirstStart_SeedsTheSettingsFromConfiguration_AndConfigurationNoLongerCountsOnceStored(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, s => s.Configure<EscalationOptions>(o =>
        {
            o.WarningPercent = 70;
            o.SevereAfterWorkingDays = 2;
        }));

        var stored = await portal.QueryAsync(db => db.EscalationSettings.SingleAsync());
        var read = await portal.Services.GetRequiredService<EscalationSettingsService>().CurrentAsync();
        var seededAgain = await portal.Services.GetRequiredService<EscalationSettingsService>().SeedAsync();

        Assert.Equal((70, 2), (stored.WarningPercent, stored.SevereAfterWorkingDays));
        Assert.Equal(new EscalationSettingsValues(70, 2), read);
        Assert.False(seededAgain);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeEscalation_IsSavedWithItsAuditEntry_AndReadersSeeItAtOnce(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var admin = await portal.UserAsync(AdminEmail);
        var settings = portal.Services.GetRequiredService<SettingsAdministration>();
        var readers = portal.Services.GetRequiredService<EscalationSettingsService>();
        Assert.Equal(new EscalationSettingsValues(80, 1), await readers.CurrentAsync());

        var done = await settings.ChangeEscalationAsync(admin, new EscalationSettingsInput(60, 0));

        Assert.True(done.Succeeded, string.Join(";", done.Errors.Values));
        Assert.Equal(new EscalationSettingsValues(60, 0), await readers.CurrentAsync());
        Assert.Equal(new EscalationSettingsValues(60, 0), await settings.GetEscalationAsync(admin));
        var entry = Assert.Single(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "Settings", "Escalation"));
        Assert.Equal(AuditKinds.EscalationSettingsChanged, entry.Kind);
        Assert.Equal(AdminEmail, entry.ActorName);
        var before = JsonDocument.Parse(entry.Before!).RootElement;
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal((80, 1), (before.GetProperty("WarningPercent").GetInt32(), before.GetProperty("SevereAfterWorkingDays").GetInt32()));
        Assert.Equal((60, 0), (after.GetProperty("WarningPercent").GetInt32(), after.GetProperty("SevereAfterWorkingDays").GetInt32()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null, 1, new[] { "WarningPercent" })]
    [InlineData(DatabaseProvider.Sqlite, 0, 1, new[] { "WarningPercent" })]
    [InlineData(DatabaseProvider.Sqlite, 100, 1, new[] { "WarningPercent" })]
    [InlineData(DatabaseProvider.Sqlite, 50, -1, new[] { "SevereAfterWorkingDays" })]
    [InlineData(DatabaseProvider.Sqlite, 50, 11, new[] { "SevereAfterWorkingDays" })]
    [InlineData(DatabaseProvider.Postgres, 120, null, new[] { "WarningPercent", "SevereAfterWorkingDays" })]
    public async Task ChangeEscalation_OutOfRange_IsRefusedBesideEachFieldAndSavesNothing(
        DatabaseProvider provider, int? warning, int? severe, string[] fields)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var admin = await portal.UserAsync(AdminEmail);
        var settings = portal.Services.GetRequiredService<SettingsAdministration>();

        var refused = await settings.ChangeEscalationAsync(admin, new EscalationSettingsInput(warning, severe));

        Assert.Equal(fields.Order(), refused.Errors.Keys.Order());
        Assert.All(refused.Errors, e => Assert.Equal("Settings.Error." + e.Key, e.Value));
        Assert.Equal(new EscalationSettingsValues(80, 1), await settings.GetEscalationAsync(admin));
        Assert.Empty(await portal.Services.GetRequiredService<AuditLog>().OfSubjectAsync(admin, "Settings", "Escalation"));
    }

    /// <summary>Every admin action of the settings and problems pages, by every other role: refused before anything is read or written.</summary>
    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.DepartmentHandler)]
    [InlineData(Roles.Cadre)]
    [InlineData(Roles.Supervisor)]
    public async Task EveryAction_ByAnyoneButAnAdmin_IsRefused(string role)
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);
        var settings = portal.Services.GetRequiredService<SettingsAdministration>();
        await using var scope = portal.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxAdministration>();
        var someone = new PortalUser("someone", role);
        Func<Task>[] actions =
        [
            () => settings.GetEscalationAsync(someone),
            () => settings.ChangeEscalationAsync(someone, new EscalationSettingsInput(50, 2)),
            () => outbox.CountAsync(someone),
            () => outbox.ListAsync(someone, OutboxState.Failed, null),
            () => outbox.RetryAsync(someone, Guid.NewGuid()),
            () => outbox.RetryAllFailedAsync(someone),
        ];

        foreach (var action in actions)
        {
            await Assert.ThrowsAsync<AdminOnlyException>(action);
        }
        Assert.Equal((80, 1), await portal.QueryAsync(async db =>
        {
            var row = await db.EscalationSettings.SingleAsync();
            return (row.WarningPercent, row.SevereAfterWorkingDays);
        }));
    }
}
