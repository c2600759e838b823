using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>What an admin types on the settings page; a field left empty is null.</summary>
public sealed record EscalationSettingsInput(int? WarningPercent, int? SevereAfterWorkingDays);

/// <summary>
/// 督办设置: the escalation settings as stored, and an admin's change of them — checked whole, saved in one
/// transaction with its audit entry, and seen at once by every reader in this process
/// (<see cref="EscalationSettingsService.Invalidate"/>). Admins only.
/// </summary>
public sealed class SettingsAdministration(IDbContextFactory<PortalDbContext> contexts, EscalationSettingsService settings, AuditLog audit)
{
    /// <summary>The values stored now, read past the cache.</summary>
    public async Task<EscalationSettingsValues> GetEscalationAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EscalationSettings.AsNoTracking()
            .Select(s => new EscalationSettingsValues(s.WarningPercent, s.SevereAfterWorkingDays))
            .SingleOrDefaultAsync(cancellationToken) ?? settings.Configured;
    }

    /// <summary>
    /// Changes both values, or — when either is missing or out of range — nothing, with a message (a resource key
    /// of the admin pages) per field. A change to the same values is saved and audited as nothing: done, no entry.
    /// </summary>
    public async Task<AdminOutcome> ChangeEscalationAsync(PortalUser admin, EscalationSettingsInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        var errors = new Dictionary<string, string>();
        if (input.WarningPercent is not { } warning || !EscalationSettings.IsValidWarningPercent(warning))
        {
            errors[nameof(EscalationSettingsInput.WarningPercent)] = "Settings.Error.WarningPercent";
        }
        if (input.SevereAfterWorkingDays is not { } severe || !EscalationSettings.IsValidSevereAfterWorkingDays(severe))
        {
            errors[nameof(EscalationSettingsInput.SevereAfterWorkingDays)] = "Settings.Error.SevereAfterWorkingDays";
        }
        if (errors.Count > 0)
        {
            return new AdminOutcome(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.EscalationSettings.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            var configured = settings.Configured;
            row = new EscalationSettings(configured.WarningPercent, configured.SevereAfterWorkingDays);
            db.EscalationSettings.Add(row);
        }
        var before = Snapshot(row);
        if (row.WarningPercent == input.WarningPercent && row.SevereAfterWorkingDays == input.SevereAfterWorkingDays && db.Entry(row).State != EntityState.Added)
        {
            return AdminOutcome.Done;
        }
        row.Change(input.WarningPercent!.Value, input.SevereAfterWorkingDays!.Value);
        await audit.RecordAsync(db, admin, AuditKinds.EscalationSettingsChanged, AuditSubject.EscalationSettings, before, Snapshot(row), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate();
        return AdminOutcome.Done;
    }

    private static object Snapshot(EscalationSettings row) => new { row.WarningPercent, row.SevereAfterWorkingDays };
}
