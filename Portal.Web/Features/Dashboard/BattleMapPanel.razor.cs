using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// The battle map (<see cref="BattleMap"/>), live: once interactive it follows every committed change to any request (a
/// dispatch, a resolution, a level the escalation scan recorded) and draws the map again, so a cell turns red the moment a
/// request in it is recorded overdue. Changes arriving while it redraws are gathered into one more redraw.
/// </summary>
public sealed partial class BattleMapPanel : IDisposable
{
    [Inject]
    private BattleMap Map { get; set; } = default!;

    [Inject]
    private IRequestChanges Changes { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> RequestText { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    [Parameter, EditorRequired]
    public DashboardChoice Choice { get; set; } = default!;

    private MapView? _map;
    private string? _refused;
    private FigureFilter? _loadedFor;
    private IDisposable? _changes;
    private readonly SemaphoreSlim _drawing = new(1, 1);
    private int _waiting;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Choice.Filter)
        {
            _loadedFor = Choice.Filter;
            await DrawAsync();
        }
        if (RendererInfo.IsInteractive && _changes is null)
        {
            _changes = Changes.SubscribeToAll(RedrawAsync);
        }
    }

    private async Task DrawAsync()
    {
        try
        {
            _map = await Map.NowAsync(User, Choice.Filter);
            _refused = null;
        }
        catch (DomainException refusal)
        {
            _refused = Refusal.Describe(refusal);
        }
    }

    /// <summary>A change somewhere: one redraw runs at a time, and those asked meanwhile become a single one after it.</summary>
    private async Task RedrawAsync()
    {
        if (Interlocked.Exchange(ref _waiting, 1) == 1)
        {
            return;
        }
        await _drawing.WaitAsync();
        try
        {
            Interlocked.Exchange(ref _waiting, 0);
            await InvokeAsync(async () =>
            {
                await DrawAsync();
                StateHasChanged();
            });
        }
        finally
        {
            _drawing.Release();
        }
    }

    private static IEnumerable<(EscalationLevel Level, int Count)> CountsOf(MapTile tile) =>
    [
        (EscalationLevel.OnTime, tile.OnTrack), (EscalationLevel.Warning, tile.Warning),
        (EscalationLevel.Overdue, tile.Overdue), (EscalationLevel.SeverelyOverdue, tile.SeverelyOverdue),
    ];

    /// <summary>The worst level with something in it: the tile's border.</summary>
    private static EscalationLevel Worst(MapTile tile) => CountsOf(tile).LastOrDefault(c => c.Count > 0).Level;

    /// <summary>The request list of the tile's department, park or commissioner at that level (what the count counted).</summary>
    private static string Link(string parameter, string key, EscalationLevel level) =>
        $"requests?{parameter}={Uri.EscapeDataString(key)}&level={level}";

    public void Dispose()
    {
        _changes?.Dispose();
        _drawing.Dispose();
    }
}
