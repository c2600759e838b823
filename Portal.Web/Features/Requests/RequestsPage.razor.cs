using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Requests;

/// <summary>
/// 我的诉求 for enterprise users, and for staff the requests in their scope: number, title, category,
/// state, the next deadline with the working time left, the last update; filtered by state and text,
/// sorted three ways, a page at a time by keyset ("load more").
/// </summary>
public sealed partial class RequestsPage
{
    private const int PageSize = 20;

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private WorkCalendarService Calendars { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [Inject]
    private IStringLocalizer<FilingResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> RequestText { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public RequestListData? Data { get; set; }

    /// <summary><c>?enterprise=</c>: one enterprise's requests (staff only; an enterprise user sees their own anyway).</summary>
    [SupplyParameterFromQuery(Name = "enterprise")]
    public int? Enterprise { get; set; }

    /// <summary><c>?level=</c>: only open requests at this level (正常 / 预警 / 超期 / 严重超期), as the cadre's counts link.</summary>
    [SupplyParameterFromQuery(Name = "level")]
    public string? Level { get; set; }

    private PortalUser _user = new("", "");
    private RequestState? _state;
    private string? _text;
    private RequestSort _sort;
    private bool _loading;
    private (int? Enterprise, EscalationLevel? Level) _loadedFor;
    private WorkCalendar? _calendar;

    private bool IsEnterprise => _user.Role == Roles.Enterprise;

    private bool CanFile => _user.Role is Roles.Enterprise or Roles.Commissioner;

    private string Heading => IsEnterprise ? Text["List.TitleEnterprise"] : Text["List.TitleStaff"];

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User.ToPortalUser();
        _loadedFor = (EnterpriseFilter, LevelFilter);
        // Cached by its revision: one small query on each run; the countdowns count by it, here and in the browser.
        _calendar = await Calendars.GetCalendarAsync();
        if (Data is null)
        {
            await ReloadAsync();
        }
    }

    /// <summary>A link to the same page with other <c>?enterprise=</c> or <c>?level=</c> (the card's, "all requests") reloads the list.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != (EnterpriseFilter, LevelFilter))
        {
            _loadedFor = (EnterpriseFilter, LevelFilter);
            await ReloadAsync();
        }
    }

    private int? EnterpriseFilter => IsEnterprise ? null : Enterprise;

    private EscalationLevel? LevelFilter => !IsEnterprise && Enum.TryParse<EscalationLevel>(Level, ignoreCase: true, out var level)
        && Enum.IsDefined(level) ? level : null;

    private bool Narrowed => EnterpriseFilter is not null || LevelFilter is not null;

    private RequestListQuery Query => new(_state is { } state ? [state] : null, _text, _sort, EnterpriseFilter, LevelFilter);

    private async Task ReloadAsync()
    {
        _loading = true;
        try
        {
            var page = await Requests.ListAsync(_user, Query, after: null, PageSize);
            Data = new RequestListData([.. page.Items], page.Next);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadMoreAsync()
    {
        if (Data?.Next is not { } next)
        {
            return;
        }
        _loading = true;
        try
        {
            var page = await Requests.ListAsync(_user, Query, next, PageSize);
            Data = Data with { Items = [.. Data.Items, .. page.Items], Next = page.Next };
        }
        finally
        {
            _loading = false;
        }
    }

    private Task ChangeStateAsync(RequestState? state)
    {
        _state = state;
        return ReloadAsync();
    }

    private Task ChangeSortAsync(RequestSort sort)
    {
        _sort = sort;
        return ReloadAsync();
    }

    private Task SearchAsync() => ReloadAsync();

    private static Color StateColor(RequestState state) => state switch
    {
        RequestState.Submitted or RequestState.Dispatched => Color.Info,
        RequestState.InProgress => Color.Primary,
        RequestState.AwaitingEnterprise or RequestState.UnderReview => Color.Warning,
        RequestState.Resolved or RequestState.Closed => Color.Success,
        RequestState.Withdrawn => Color.Default,
    };
}

/// <summary>The rows shown so far, and where the next page starts.</summary>
public sealed record RequestListData(IReadOnlyList<RequestSummary> Items, RequestCursor? Next);
