using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// The messages that failed or wait (<see cref="State"/>), each with its last error and attempt count, a retry
/// per message and for all failed ones; what 邮件发送 (/admin/outbox) shows, and 问题处理 (/admin/problems) too.
/// Pages by keyset ("load more"), never by offset.
/// </summary>
public sealed partial class OutboxList
{
    [Inject]
    private OutboxAdministration Outbox { get; set; } = default!;

    [Inject]
    private IStringLocalizer<OutboxResource> Text { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Which messages: the failed ones, or those waiting.</summary>
    [Parameter]
    public OutboxState State { get; set; } = OutboxState.Failed;

    /// <summary>Whether to offer the switch between failed and waiting messages (the outbox page's own links).</summary>
    [Parameter]
    public bool ShowTabs { get; set; } = true;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public OutboxPageData? Data { get; set; }

    private sealed record Result(Severity Severity, string Message);

    private Result? _result;
    private bool _busy;

    private PortalUser? _admin;

    protected override async Task OnParametersSetAsync()
    {
        _admin ??= (await Authentication).User.ToPortalUser();
        if (Data?.State != State)
        {
            Data = await LoadAsync(State);
        }
    }

    private async Task<OutboxPageData> LoadAsync(OutboxState state)
    {
        var counts = await Outbox.CountAsync(_admin!);
        var page = await Outbox.ListAsync(_admin!, state, after: null);
        return new OutboxPageData(state, counts.Failed, counts.Pending, [.. page.Rows], page.Next);
    }

    private async Task LoadMoreAsync()
    {
        if (Data is not { Next: { } next } data || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var page = await Outbox.ListAsync(_admin!, data.State, next);
            var seen = data.Rows.Select(r => r.Id).ToHashSet();
            Data = data with { Rows = [.. data.Rows, .. page.Rows.Where(r => !seen.Contains(r.Id))], Next = page.Next };
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAsync(OutboxRow row)
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var outcome = await Outbox.RetryAsync(_admin!, row.Id);
            _result = outcome switch
            {
                OutboxRetryOutcome.Retried => new(Severity.Success, Text["Retry.Done", row.Subject]),
                OutboxRetryOutcome.NotFound => new(Severity.Warning, Text["Retry.NotFound"]),
                OutboxRetryOutcome.AlreadyDelivered => new(Severity.Info, Text["Retry.AlreadyDelivered"]),
                OutboxRetryOutcome.InProgress => new(Severity.Info, Text["Retry.InProgress"]),
            };
            Data = await LoadAsync(State);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAllAsync()
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var count = await Outbox.RetryAllFailedAsync(_admin!);
            _result = count > 0 ? new(Severity.Success, Text["RetryAll.Done", count]) : new(Severity.Info, Text["RetryAll.None"]);
            Data = await LoadAsync(State);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The event's name in the user's language; an event without one (a later addition) shows its code.</summary>
    private string EventName(string eventType) =>
        Text["Event." + eventType] is { ResourceNotFound: false } name ? name.Value : eventType;
}

/// <summary>The list on the page: which state, the counts, the rows loaded so far and where the next page starts.</summary>
public sealed record OutboxPageData(OutboxState State, int Failed, int Pending, List<OutboxRow> Rows, OutboxCursor? Next);
