using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Dashboard;
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
    private DistrictFigures FigureChoices { get; set; } = default!;

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

    /// <summary><c>?department=</c>: only requests this department leads (staff only), as the battle map's tiles link.</summary>
    [SupplyParameterFromQuery(Name = "department")]
    public int? Department { get; set; }

    /// <summary><c>?park=</c>: only requests of this park's enterprises (staff only), as the battle map's tiles link.</summary>
    [SupplyParameterFromQuery(Name = "park")]
    public int? Park { get; set; }

    /// <summary><c>?commissioner=</c>: only requests with this commissioner (staff only), as the battle map's tiles link.</summary>
    [SupplyParameterFromQuery(Name = "commissioner")]
    public string? Commissioner { get; set; }

    private PortalUser _user = new("", "");
    private RequestState? _state;
    private string? _text;
    private RequestSort _sort;
    private bool _loading;
    private (int? Enterprise, EscalationLevel? Level, MapNarrowing? Map) _loadedFor;

    /// <summary>What the map's narrowing is called (the department's, park's or commissioner's name), once looked up.</summary>
    private string? _mapName;
    private WorkCalendar? _calendar;

    private bool IsEnterprise => _user.Role == Roles.Enterprise;

    private bool CanFile => _user.Role is Roles.Enterprise or Roles.Commissioner;

    private string Heading => IsEnterprise ? Text["List.TitleEnterprise"] : Text["List.TitleStaff"];

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User.ToPortalUser();
        _loadedFor = (EnterpriseFilter, LevelFilter, MapFilter);
        await NameMapFilterAsync();
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
        if (_loadedFor != (EnterpriseFilter, LevelFilter, MapFilter))
        {
            _loadedFor = (EnterpriseFilter, LevelFilter, MapFilter);
            await NameMapFilterAsync();
            await ReloadAsync();
        }
    }

    private int? EnterpriseFilter => IsEnterprise ? null : Enterprise;

    private EscalationLevel? LevelFilter => !IsEnterprise && Enum.TryParse<EscalationLevel>(Level, ignoreCase: true, out var level)
        && Enum.IsDefined(level) ? level : null;

    /// <summary>One department, park or commissioner from the battle map; the list still shows only what the user may see.</summary>
    private sealed record MapNarrowing(int? Department, int? Park, string? Commissioner);

    private MapNarrowing? MapFilter => IsEnterprise || (Department is null && Park is null && string.IsNullOrEmpty(Commissioner))
        ? null
        : new MapNarrowing(Department, Park, string.IsNullOrEmpty(Commissioner) ? null : Commissioner);

    private bool Narrowed => EnterpriseFilter is not null || LevelFilter is not null || MapFilter is not null;

    private RequestListQuery Query => new(_state is { } state ? [state] : null, _text, _sort, EnterpriseFilter, LevelFilter,
        MapFilter?.Department, MapFilter?.Park, MapFilter?.Commissioner);

    private async Task NameMapFilterAsync()
    {
        _mapName = null;
        if (MapFilter is not { } map)
        {
            return;
        }
        var choices = await FigureChoices.ChoicesAsync();
        var names = new List<string?>
        {
            map.Department is { } d ? choices.Departments.FirstOrDefault(c => c.Id == d)?.Name ?? "?" : null,
            map.Park is { } p ? choices.Parks.FirstOrDefault(c => c.Id == p)?.Name ?? "?" : null,
            map.Commissioner is { } c ? choices.Commissioners.FirstOrDefault(x => x.Id == c)?.Name ?? "?" : null,
        };
        _mapName = string.Join(" · ", names.Where(n => n is not null));
    }

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
