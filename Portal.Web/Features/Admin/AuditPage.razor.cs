using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Audit;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// 审计日志: every admin change and sign-in attempt, newest first, filtered by user, kind and days; the
/// filter lives in the address, so the CSV export and a bookmark show what the screen shows. Pages by keyset.
/// </summary>
public sealed partial class AuditPage
{
    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "user")]
    public string? QueryUser { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? QueryKind { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? QueryFrom { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? QueryTo { get; set; }

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public AuditPageData? Data { get; set; }

    private InputModel Input { get; set; } = new();

    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private bool _busy;

    private AuditFilter AddressFilter => new(QueryUser, QueryKind, QueryFrom, QueryTo);

    protected override async Task OnParametersSetAsync()
    {
        var filter = AddressFilter;
        Input = new InputModel { User = filter.User, Kind = filter.Kind ?? "", From = filter.From, To = filter.To };
        if (Data?.Filter == filter)
        {
            return;
        }
        var (query, errors) = filter.Parse();
        _errors = errors;
        Data = query is null ? null : await LoadAsync(filter, query);
    }

    private async Task<AuditPageData> LoadAsync(AuditFilter filter, AuditQuery query)
    {
        var page = await Audit.SearchAsync((await Authentication).User.ToPortalUser(), query, after: null);
        return new AuditPageData(filter, [.. page.Rows], page.Next);
    }

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var key) ? Text[key].Value : null;

    /// <summary>Checks the filter here first, so a wrong date range is marked beside its field without leaving the page.</summary>
    private Task SearchAsync()
    {
        var filter = new AuditFilter(Input.User, Input.Kind, Input.From, Input.To);
        var (query, errors) = filter.Parse();
        _errors = errors;
        if (query is null)
        {
            return Task.CompletedTask;
        }
        Navigation.NavigateTo("/admin/audit" + filter.ToQueryString());
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        _errors = new Dictionary<string, string>();
        Navigation.NavigateTo("/admin/audit");
        return Task.CompletedTask;
    }

    private async Task LoadMoreAsync()
    {
        if (Data is not { Next: { } next } data || _busy || data.Filter.Parse().Query is not { } query)
        {
            return;
        }
        _busy = true;
        try
        {
            var page = await Audit.SearchAsync((await Authentication).User.ToPortalUser(), query, next);
            Data = data with { Rows = [.. data.Rows, .. page.Rows], Next = page.Next };
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class InputModel
    {
        public string? User { get; set; }

        public string Kind { get; set; } = "";

        public string? From { get; set; }

        public string? To { get; set; }
    }
}

/// <summary>The list on the page: the filter it was read with, the rows loaded so far and where the next page starts.</summary>
public sealed record AuditPageData(AuditFilter Filter, List<AuditRow> Rows, long? Next);
