using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// 督办设置: the escalation warning threshold and severe delay, changed by an admin. A refused change saves
/// nothing, says why beside each field and keeps what was typed.
/// </summary>
public sealed partial class SettingsPage
{
    [Inject]
    private SettingsAdministration Settings { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public SettingsPageData? Data { get; set; }

    private PortalUser _admin = default!;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string? _done;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _admin = (await Authentication).User.ToPortalUser();
        Data ??= SettingsPageData.Of(await Settings.GetEscalationAsync(_admin));
    }

    private async Task SaveAsync()
    {
        if (Data is not { } data || _busy)
        {
            return;
        }
        _busy = true;
        _done = null;
        try
        {
            var outcome = await Settings.ChangeEscalationAsync(_admin,
                new EscalationSettingsInput(data.Input.WarningPercent, data.Input.SevereAfterWorkingDays));
            _errors = outcome.Errors;
            if (outcome.Succeeded)
            {
                Data = SettingsPageData.Of(await Settings.GetEscalationAsync(_admin));
                _done = Text["Settings.Saved"];
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private string? ErrorOf(string field) =>
        _errors.TryGetValue(field, out var message)
            ? Text[message, EscalationSettings.WarningPercentMin, EscalationSettings.WarningPercentMax,
                EscalationSettings.SevereAfterWorkingDaysMin, EscalationSettings.SevereAfterWorkingDaysMax] is { ResourceNotFound: false } text ? text.Value : message
            : null;
}

/// <summary>The stored values and the form's, which start as a copy of them.</summary>
public sealed class SettingsPageData
{
    public EscalationSettingsValues Stored { get; set; } = new(0, 0);

    public SettingsInput Input { get; set; } = new();

    public static SettingsPageData Of(EscalationSettingsValues stored) =>
        new() { Stored = stored, Input = new SettingsInput { WarningPercent = stored.WarningPercent, SevereAfterWorkingDays = stored.SevereAfterWorkingDays } };

    public sealed class SettingsInput
    {
        public int? WarningPercent { get; set; }

        public int? SevereAfterWorkingDays { get; set; }
    }
}
