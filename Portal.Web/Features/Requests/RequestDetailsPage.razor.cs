using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Requests;

/// <summary>
/// A request's one address, <c>/requests/{number}</c>: what it is, where it stands, its timeline, its deadlines
/// and what the user may do to it — each role its own view (the services decide what that is), and
/// "not found" outside the user's scope. Opening it marks the user's notices of it read. While it is open,
/// every committed change to the request reloads it (<see cref="IRequestChanges"/>), in the user's own scope.
/// </summary>
public sealed partial class RequestDetailsPage
{
    [Parameter]
    public string Number { get; set; } = "";

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private NotificationInbox Inbox { get; set; } = default!;

    [Inject]
    private PortalFormat Format { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> Text { get; set; } = default!;

    [Inject]
    private IRequestChanges Changes { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Set while the page is rendered on the server for a request (prerendering), null once interactive.</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private PortalUser? _user;
    private IDisposable? _subscription;
    private string? _subscribedTo;
    private string? _liveMessage;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public RequestDetailsData? Data { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _user ??= (await Authentication).User.ToPortalUser();
        if (Data is null || Data.Number != Number)
        {
            await LoadAsync();
        }
        // Only a live circuit can be updated, and only with a request the user may see.
        if (RendererInfo.IsInteractive && Data is { Found: true } && _subscribedTo != Data.Number)
        {
            _subscription?.Dispose();
            _subscribedTo = Data.Number;
            _subscription = Changes.Subscribe(Data.Number, OnRequestChangedAsync);
        }
    }

    private async Task LoadAsync()
    {
        var details = await Requests.GetAsync(_user!, Number);
        Data = details is null ? RequestDetailsData.NotFound(Number) : RequestDetailsData.From(details);
        if (details is null && HttpContext is { Response.HasStarted: false } http)
        {
            // Outside the user's scope the request does not exist: a 404, answered with the portal's 404 page.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        if (details is not null)
        {
            await Inbox.MarkRequestReadAsync(_user!.Id, details.Number);
        }
    }

    private Portal.Web.Features.Attachments.RequestAttachments? _attachments;

    /// <summary>After the user's own action or a lost race: the request as it is now, and its files (a reply may have brought some).</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        if (_attachments is not null)
        {
            await _attachments.RefreshAsync();
        }
    }

    private Task OnRequestChangedAsync() => InvokeAsync(async () =>
    {
        var before = Data;
        await LoadAsync();
        if (before is { Found: true } && Data is { Found: true } && Data.Timeline.Count > before.Timeline.Count)
        {
            _liveMessage = Text["Page.LiveUpdated", Text["Action." + Data.Timeline[^1].Action]];
        }
        StateHasChanged();
    });

    public void Dispose() => _subscription?.Dispose();

    private static Color StateColor(RequestState state) => state switch
    {
        RequestState.Submitted or RequestState.Dispatched => Color.Info,
        RequestState.InProgress or RequestState.AwaitingEnterprise => Color.Primary,
        RequestState.Resolved or RequestState.Closed => Color.Success,
        RequestState.UnderReview => Color.Warning,
        RequestState.Withdrawn => Color.Default,
    };

}

public sealed record TimelineEntryView(
    int Sequence, RequestAction Action, DateTimeOffset At, string Actor, bool Internal, string? Text, string? Department, string? Target,
    IReadOnlyList<AttachmentInfo>? Files = null);

/// <summary>A co-handling department as the action dialogs need it: whether it still owes its reply.</summary>
public sealed record CoHandlerView(int DepartmentId, string Department, bool Settled);

public sealed record DeadlineView(
    DeadlineKind Kind, int Generation, string? Party, DateTimeOffset DueAt, DeadlineStatus Status, bool Late, EscalationLevel Level)
{
    public bool IsRunning => Status is DeadlineStatus.Open or DeadlineStatus.Paused;
}

/// <summary>A request as the page shows it, in plain values that survive the hand-over from prerendering.</summary>
public sealed record RequestDetailsData(
    bool Found, string Number, int Version, string Title, string Description, RequestState State, RequestChannel Channel, Urgency Urgency,
    string Enterprise, string Category, string? LeadDepartment, string? Commissioner, int? ProjectId, string? ProjectName,
    DateTimeOffset SubmittedAt, EscalationLevel Level,
    IReadOnlyList<TimelineEntryView> Timeline, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<RequestAction> AllowedActions,
    IReadOnlyList<CoHandlerView>? CoHandlers = null, int? PendingExtensionDays = null)
{
    public static RequestDetailsData NotFound(string number) =>
        new(false, number, 0, "", "", default, default, default, "", "", null, null, null, null, default, default, [], [], []);

    public static RequestDetailsData From(RequestDetails details) => new(
        true, details.Number, details.Version, details.Title, details.Description, details.State, details.Channel, details.Urgency,
        details.EnterpriseName, details.CategoryName, details.LeadDepartmentName, details.CommissionerName, details.ProjectId, details.ProjectName,
        details.SubmittedAt, details.Level,
        [.. details.Timeline.Select(e => new TimelineEntryView(
            e.Sequence, e.Action, e.At,
            e.ActorRole == RequestLifecycle.System
                ? NotificationText.Get("Actor.System", CultureInfo.CurrentUICulture)
                : details.People.GetValueOrDefault(e.ActorUserId, ""),
            !e.VisibleToEnterprise, e.Text,
            e.DepartmentId is { } d ? details.Departments.GetValueOrDefault(d) : null,
            e.TargetUserId is { } t ? details.People.GetValueOrDefault(t) : null,
            [.. (details.EventFiles ?? []).Where(f => f.EventSequence == e.Sequence)]))],
        [.. details.Deadlines.Select(d => new DeadlineView(
            d.Kind, d.Generation, d.PartyDepartmentId == 0 ? null : details.Departments.GetValueOrDefault(d.PartyDepartmentId),
            d.DueAt, d.Status, d.WasLate, details.DeadlineLevels.GetValueOrDefault(d.Id)))],
        details.AllowedActions ?? [],
        [.. details.CoHandlers.Select(c => new CoHandlerView(c.DepartmentId, details.Departments.GetValueOrDefault(c.DepartmentId, ""), c.IsSettled))],
        details.PendingExtensionDays);
}
