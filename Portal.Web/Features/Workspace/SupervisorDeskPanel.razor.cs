using Microsoft.AspNetCore.Components;
using Portal.Domain.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Web.Features.Workspace;

/// <summary>
/// The supervisors' two lists above their queue, each a page at a time (<see cref="SupervisorDesk"/>) with its whole
/// length counted. What prerendering loaded is handed to the interactive run (<see cref="Data"/>); once interactive,
/// the panel follows the supervisor's notices and the requests it shows, and only those.
/// </summary>
public partial class SupervisorDeskPanel : IDisposable
{
    [Inject]
    private SupervisorDesk Desk { get; set; } = default!;

    [Inject]
    private ILiveNotifier Live { get; set; } = default!;

    [Inject]
    private IRequestChanges Changes { get; set; } = default!;

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    /// <summary>The first pages as prerendering loaded them, so that turning interactive queries nothing.</summary>
    [PersistentState]
    public DeskData? Data { get; set; }

    private readonly ShownList<DispatchQueueRow> _dispatch = new(r => r.Id);
    private readonly ShownList<PendingExtensionRow> _extensions = new(r => r.Id);
    private IDisposable? _notices;
    private readonly Dictionary<string, IDisposable> _watched = [];

    protected override async Task OnInitializedAsync()
    {
        if (Data is { } handed && handed.UserId == User.Id)
        {
            _dispatch.Show(handed.Dispatch);
            _extensions.Show(handed.Extensions);
        }
        else
        {
            var dispatch = await Desk.DispatchQueueAsync(User);
            var extensions = await Desk.PendingExtensionsAsync(User);
            _dispatch.Show(dispatch);
            _extensions.Show(extensions);
            Data = new DeskData(User.Id, dispatch, extensions);
        }
        if (RendererInfo.IsInteractive)
        {
            // New entries arrive as notices to the supervisors (routed to nobody, returned, an extension asked); an entry
            // dealt with by another supervisor changes its request: both reload the lists without a reload of the page.
            _notices = Live.Subscribe(User.Id, ReloadAsync);
            Watch();
        }
    }

    /// <summary>Loads both lists again from their start, as many pages of each as were shown.</summary>
    private Task ReloadAsync() => InvokeAsync(async () =>
    {
        await _dispatch.ReloadAsync(after => Desk.DispatchQueueAsync(User, after));
        await _extensions.ReloadAsync(after => Desk.PendingExtensionsAsync(User, after));
        Watch();
        StateHasChanged();
    });

    private async Task MoreDispatchAsync()
    {
        await _dispatch.MoreAsync(after => Desk.DispatchQueueAsync(User, after));
        Watch();
    }

    private async Task MoreExtensionsAsync()
    {
        await _extensions.MoreAsync(after => Desk.PendingExtensionsAsync(User, after));
        Watch();
    }

    /// <summary>Follows the requests shown now, and only those.</summary>
    private void Watch()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        var shown = _dispatch.Rows.Select(r => r.Number).Concat(_extensions.Rows.Select(r => r.Number)).ToHashSet();
        foreach (var gone in _watched.Keys.Where(n => !shown.Contains(n)).ToList())
        {
            _watched.Remove(gone, out var subscription);
            subscription?.Dispose();
        }
        foreach (var number in shown.Where(n => !_watched.ContainsKey(n)))
        {
            _watched[number] = Changes.Subscribe(number, ReloadAsync);
        }
    }

    public void Dispose()
    {
        _notices?.Dispose();
        foreach (var subscription in _watched.Values)
        {
            subscription.Dispose();
        }
        _watched.Clear();
    }

    /// <summary>The panel as prerendering loaded it, in plain values.</summary>
    public sealed record DeskData(string UserId, DeskPage<DispatchQueueRow> Dispatch, DeskPage<PendingExtensionRow> Extensions);

    /// <summary>One list as shown: the pages loaded so far, where the next starts, and the list's whole length.</summary>
    private sealed class ShownList<TRow>(Func<TRow, long> idOf)
    {
        private readonly List<TRow> _rows = [];
        private int _pages;

        public IReadOnlyList<TRow> Rows => _rows;

        public QueueCursor? Next { get; private set; }

        public int Total { get; private set; }

        public void Show(DeskPage<TRow> first)
        {
            _rows.Clear();
            _pages = 0;
            Append(first);
        }

        public async Task MoreAsync(Func<QueueCursor, Task<DeskPage<TRow>>> load)
        {
            if (Next is { } after)
            {
                Append(await load(after));
            }
        }

        public async Task ReloadAsync(Func<QueueCursor?, Task<DeskPage<TRow>>> load)
        {
            var pages = Math.Max(_pages, 1);
            Show(await load(null));
            while (_pages < pages && Next is { } after)
            {
                Append(await load(after));
            }
        }

        /// <summary>A row whose deadline moved later since its page was loaded comes again on a later page: it is shown once, where it was first.</summary>
        private void Append(DeskPage<TRow> page)
        {
            var shown = _rows.Select(idOf).ToHashSet();
            _rows.AddRange(page.Rows.Where(r => !shown.Contains(idOf(r))));
            Next = page.Next;
            Total = page.Total;
            _pages++;
        }
    }
}
