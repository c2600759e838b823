using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>What the first render loaded, kept across prerendering so that the figures are not computed twice.</summary>
public sealed record DashboardData(string UserId, FigureChoices Choices, FiguresView? View, FigureFilter? Filter, string? Refused);

/// <summary>
/// 挂图作战: the figures the supervisors live by (三率 and the rest) for a chosen period beside the one before, narrowed by
/// department, park, industry, category or commissioner, in the reader's scope. A period or filter refused (an end before
/// the start, more than five years, something that does not exist) is said plainly, and the figures shown stay those of
/// the last good choice, with what the user chose kept in the form.
/// </summary>
/// <remarks>The address can carry the choice (<c>?period=custom&amp;from=2026-01-01&amp;to=2026-03-31&amp;department=3</c>).</remarks>
public sealed partial class DashboardPage
{
    [Inject]
    private DistrictFigures Figures { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [PersistentState]
    public DashboardData? Data { get; set; }

    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToParameter { get; set; }

    [SupplyParameterFromQuery(Name = "department")]
    public int? DepartmentParameter { get; set; }

    [SupplyParameterFromQuery(Name = "park")]
    public int? ParkParameter { get; set; }

    [SupplyParameterFromQuery(Name = "industry")]
    public int? IndustryParameter { get; set; }

    [SupplyParameterFromQuery(Name = "category")]
    public int? CategoryParameter { get; set; }

    [SupplyParameterFromQuery(Name = "commissioner")]
    public string? CommissionerParameter { get; set; }

    /// <summary><c>?tab=map</c>: the tab to open with (<see cref="Tabs"/>); the overview otherwise.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? TabParameter { get; set; }

    /// <summary>The tabs in their order, by the names the address uses.</summary>
    private static readonly string[] Tabs = ["overview", "map", "charts", "ranking", "overdue", "disputes", "escalations"];

    private PortalUser _user = default!;
    private FigureChoices _choices = new([], [], [], [], []);
    private FiguresView? _view;

    /// <summary>The period and filter of the figures shown: what every tab is computed for.</summary>
    private DashboardChoice? _shown;
    private int _tab;
    private string? _refused;
    private bool _busy;
    private PeriodKind _kind = PeriodKind.Month;
    private DateOnly _anchor;
    private DateTime? _from;
    private DateTime? _to;
    private int? _department;
    private int? _park;
    private int? _industry;
    private int? _category;
    private string? _commissioner;

    private bool SeesCommissioners => _user.Role is Roles.Supervisor or Roles.Admin or Roles.Cadre;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication).User.ToPortalUser();
        _anchor = WorkCalendar.DayOf(Time.GetUtcNow());
        TakeAddress();
        if (Data is { } handed && handed.UserId == _user.Id)
        {
            (_choices, _view, _refused) = (handed.Choices, handed.View, handed.Refused);
            _shown = _view is not null && handed.Filter is not null ? new DashboardChoice(_view.Period, handed.Filter) : null;
            return;
        }
        _choices = await Figures.ChoicesAsync();
        await LoadAsync();
        if (_view is null)
        {
            // A refused address: the district's figures of this month, with the refusal said above them.
            var refused = _refused;
            (_kind, _anchor, _department, _park, _industry, _category, _commissioner) = (PeriodKind.Month, WorkCalendar.DayOf(Time.GetUtcNow()), null, null, null, null, null);
            await LoadAsync();
            _refused = refused;
        }
        Data = new DashboardData(_user.Id, _choices, _view, _shown?.Filter, _refused);
    }

    /// <summary>The choice the address carries; what does not parse is left at its default.</summary>
    private void TakeAddress()
    {
        _kind = DashboardAddress.ParseKind(PeriodParameter) ?? _kind;
        _from = DashboardAddress.ParseDay(FromParameter)?.ToDateTime(TimeOnly.MinValue);
        _to = DashboardAddress.ParseDay(ToParameter)?.ToDateTime(TimeOnly.MinValue);
        if (_kind != PeriodKind.Custom && _from is { } anchor)
        {
            _anchor = DateOnly.FromDateTime(anchor);
        }
        (_department, _park, _industry, _category) = (DepartmentParameter, ParkParameter, IndustryParameter, CategoryParameter);
        _commissioner = string.IsNullOrWhiteSpace(CommissionerParameter) ? null : CommissionerParameter;
        _tab = Math.Max(0, Array.IndexOf(Tabs, TabParameter?.ToLowerInvariant()));
    }

    private ReportingPeriod ChosenPeriod() => _kind == PeriodKind.Custom
        ? ReportingPeriod.Custom(_from is { } from ? DateOnly.FromDateTime(from) : null, _to is { } to ? DateOnly.FromDateTime(to) : null)
        : ReportingPeriod.Containing(_kind, _anchor);

    private FigureFilter ChosenFilter() => new(_department, _park, _industry, _category, SeesCommissioners ? _commissioner : null);

    /// <summary>Computes the figures of the choice; a refusal keeps the figures shown and says why.</summary>
    private async Task LoadAsync()
    {
        _busy = true;
        try
        {
            var (period, filter) = (ChosenPeriod(), ChosenFilter());
            _view = await Figures.ForPeriodAsync(_user, period, filter);
            _shown = new DashboardChoice(period, filter);
            _refused = null;
        }
        catch (DomainException refusal)
        {
            _refused = Refusal.Describe(refusal);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ChooseKindAsync(PeriodKind kind)
    {
        _kind = kind;
        if (kind == PeriodKind.Custom)
        {
            // A custom period starts as the one shown, for the user to change.
            _from ??= _view?.Period.First.ToDateTime(TimeOnly.MinValue);
            _to ??= _view?.Period.Last.ToDateTime(TimeOnly.MinValue);
            return;
        }
        await LoadAsync();
    }

    private async Task StepAsync(int direction)
    {
        var shown = ReportingPeriod.Containing(_kind, _anchor);
        _anchor = direction < 0 ? shown.Previous().First : shown.Last.AddDays(1);
        await LoadAsync();
    }

    private async Task FilterAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private string PeriodText(ReportingPeriod period) => period.Kind switch
    {
        PeriodKind.Week => Text["Period.WeekOf", Format.Date(period.First), Format.Date(period.Last)],
        PeriodKind.Month => Text["Period.MonthOf", period.First.Year, period.First.Month],
        PeriodKind.Quarter => Text["Period.QuarterOf", period.First.Year, (period.First.Month + 2) / 3],
        PeriodKind.Year => Text["Period.YearOf", period.First.Year],
        PeriodKind.Custom => Text["Period.Range", Format.Date(period.First), Format.Date(period.Last)],
    };

    private string ScopeText => _user.Role switch
    {
        Roles.Cadre => Text["Scope.Cadre"],
        Roles.Commissioner => Text["Scope.Commissioner"],
        _ => Text["Scope.District"],
    };

    /// <summary>One figure as a card shows it: its value, its change from the period before, and what it is made of.</summary>
    private sealed record Card(string Key, string Value, string? Change, string? Detail, string TestId);

    private IEnumerable<Card> Cards(FiguresView view)
    {
        var (now, before) = (view.Current, view.Previous);
        yield return RateCard("SignedInTime", now.SignedInTime, before.SignedInTime, Text["Detail.Signed", now.SignedInTime.Numerator, now.SignedInTime.Denominator, now.SignPending]);
        yield return RateCard("ResolvedInTime", now.ResolvedInTime, before.ResolvedInTime, Text["Detail.ResolvedInTime", now.ResolvedInTime.Numerator, now.ResolvedInTime.Denominator, now.ResolvePending]);
        yield return RateCard("Solved", now.Solved, before.Solved, Text["Detail.Solved", now.Solved.Numerator, now.Solved.Denominator]);
        yield return RateCard("Satisfied", now.Satisfied, before.Satisfied, Text["Detail.Satisfied", now.Satisfied.Numerator, now.Satisfied.Denominator, now.NotRated, now.AwaitingReview]);
        yield return RateCard("Returned", now.Returned, before.Returned, Text["Detail.Returned", now.Returned.Numerator, now.Returned.Denominator]);
        yield return RateCard("Reopened", now.Reopened, before.Reopened, Text["Detail.Reopened", now.Reopened.Numerator, now.Reopened.Denominator]);
        yield return CountCard("Received", now.Received, before.Received);
        yield return CountCard("Resolved", now.Resolved, before.Resolved);
        yield return HoursCard("HoursToSign", now.AverageHoursToSign, before.AverageHoursToSign);
        yield return HoursCard("HoursToResolve", now.AverageHoursToResolve, before.AverageHoursToResolve);
    }

    private Card RateCard(string key, Rate current, Rate previous, string detail) => new(
        key,
        Percent(current.Value),
        Rate.Change(current, previous) is { } change ? Text["Change.Points", Signed(change * 100, "0.0")] : Text["Change.None"],
        detail,
        "figure-" + key);

    private Card CountCard(string key, int current, int previous) =>
        new(key, Format.Number(current), Text["Change.Count", Signed(current - previous, "N0")], null, "figure-" + key);

    private Card HoursCard(string key, double? current, double? previous) => new(
        key,
        current is { } hours ? Text["Hours", hours.ToString("0.0", CultureInfo.CurrentCulture)] : "—",
        current is { } now && previous is { } before ? Text["Change.Hours", Signed(now - before, "0.0")] : Text["Change.None"],
        null,
        "figure-" + key);

    /// <summary>A rate as a percentage with one decimal; "—" when nothing counts for it, never 0 % or 100 %.</summary>
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%" : "—";

    private static string Signed(double value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.CurrentCulture);
}
