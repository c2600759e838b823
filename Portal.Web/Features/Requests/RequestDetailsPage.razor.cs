using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Requests;

/// <summary>
/// A request's one address, <c>/requests/{number}</c>: what it is, where it stands, its timeline and,
/// for staff, its deadlines — each role its own view (the services decide what that is), and
/// "not found" outside the user's scope. Opening it marks the user's notices of it read.
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

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public RequestDetailsData? Data { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Data is not null && Data.Number == Number)
        {
            return;
        }
        var principal = (await Authentication).User;
        var user = principal.ToPortalUser();
        var details = await Requests.GetAsync(user, Number);
        Data = details is null ? RequestDetailsData.NotFound(Number) : RequestDetailsData.From(details);
        if (details is not null)
        {
            await Inbox.MarkRequestReadAsync(user.Id, details.Number);
        }
    }

    private static Color StateColor(RequestState state) => state switch
    {
        RequestState.Submitted or RequestState.Dispatched => Color.Info,
        RequestState.InProgress or RequestState.AwaitingEnterprise => Color.Primary,
        RequestState.Resolved or RequestState.Closed => Color.Success,
        RequestState.UnderReview => Color.Warning,
        RequestState.Withdrawn => Color.Default,
    };

    /// <summary>Green, yellow, red, black: on time, warning, overdue, severely overdue.</summary>
    private static string LevelClass(EscalationLevel level) => level switch
    {
        EscalationLevel.OnTime => "level level-on-time",
        EscalationLevel.Warning => "level level-warning",
        EscalationLevel.Overdue => "level level-overdue",
        EscalationLevel.SeverelyOverdue => "level level-severe",
    };
}

public sealed record TimelineEntryView(
    int Sequence, RequestAction Action, DateTimeOffset At, string Actor, bool Internal, string? Text, string? Department, string? Target);

public sealed record DeadlineView(
    DeadlineKind Kind, int Generation, string? Party, DateTimeOffset DueAt, DeadlineStatus Status, bool Late, EscalationLevel Level)
{
    public bool IsRunning => Status is DeadlineStatus.Open or DeadlineStatus.Paused;
}

/// <summary>A request as the page shows it, in plain values that survive the hand-over from prerendering.</summary>
public sealed record RequestDetailsData(
    bool Found, string Number, string Title, string Description, RequestState State, RequestChannel Channel, Urgency Urgency,
    string Enterprise, string Category, string? LeadDepartment, DateTimeOffset SubmittedAt, EscalationLevel Level,
    IReadOnlyList<TimelineEntryView> Timeline, IReadOnlyList<DeadlineView> Deadlines)
{
    public static RequestDetailsData NotFound(string number) =>
        new(false, number, "", "", default, default, default, "", "", null, default, default, [], []);

    public static RequestDetailsData From(RequestDetails details) => new(
        true, details.Number, details.Title, details.Description, details.State, details.Channel, details.Urgency,
        details.EnterpriseName, details.CategoryName, details.LeadDepartmentName, details.SubmittedAt, details.Level,
        [.. details.Timeline.Select(e => new TimelineEntryView(
            e.Sequence, e.Action, e.At,
            e.ActorRole == RequestLifecycle.System
                ? NotificationText.Get("Actor.System", CultureInfo.CurrentUICulture)
                : details.People.GetValueOrDefault(e.ActorUserId, ""),
            !e.VisibleToEnterprise, e.Text,
            e.DepartmentId is { } d ? details.Departments.GetValueOrDefault(d) : null,
            e.TargetUserId is { } t ? details.People.GetValueOrDefault(t) : null))],
        [.. details.Deadlines.Select(d => new DeadlineView(
            d.Kind, d.Generation, d.PartyDepartmentId == 0 ? null : details.Departments.GetValueOrDefault(d.PartyDepartmentId),
            d.DueAt, d.Status, d.WasLate, details.DeadlineLevels.GetValueOrDefault(d.Id)))]);
}
